"""What `aftercare doctor` finds: problems (each with what to do) and notes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """Something that stops the bot working as it should: `what` is wrong in `area`, `fix`
    says what to do about it."""

    area: str
    what: str
    fix: str


@dataclass
class Findings:
    """Problems, notes (worth knowing, not wrong) and the parts of the all-good summary."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    good: list[str] = field(default_factory=list)

    def problem(self, area: str, what: str, fix: str) -> None:
        self.problems.append(Problem(area, what, fix))

    def note(self, area: str, what: str) -> None:
        self.notes.append((area, what))
