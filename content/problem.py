"""What the content checker reports: one problem, located by file and step or entry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    where: str  # step id, FAQ entry id, or "" for the whole file
    message: str

    def __str__(self) -> str:
        location = f"{self.file}: {self.where}" if self.where else self.file
        return f"{location}: {self.message}"


class ContentError(Exception):
    """Content that failed validation; a running bot keeps serving the last good content."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
