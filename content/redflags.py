"""Clinical thresholds of the red-flag check, from ``redflags.yaml``: data a clinical lead sets.

Which day a symptom still present counts as lasting, and which pain score out of 10 counts as
severe. ``load_thresholds`` returns checked values or raises ContentError; ``validate_redflags``
lists every problem by file and field (``lasting.redness_from_day``) for `aftercare content
check`; ``describe`` says in plain words what the values mean, for the same command.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from content.problem import ContentError, Problem
from content.yamlfile import read_yaml

log = logging.getLogger(__name__)
CONTENT_DIR = Path(__file__).resolve().parent
REDFLAGS_FILE = "redflags.yaml"
REDFLAGS_PATH = CONTENT_DIR / REDFLAGS_FILE

# Section -> field -> (lowest, highest) allowed value, both included.
FIELDS: dict[str, dict[str, tuple[int, int]]] = {
    "lasting": {
        "redness_from_day": (2, 60),
        "swelling_from_day": (2, 60),
        "soreness_from_day": (2, 60),
    },
    "pain": {"severe_from_score": (1, 10)},
}


@dataclass(frozen=True)
class Thresholds:
    """Days count from the session (day 1 is the day after); scores are out of 10.

    The defaults are only a fallback for a file that fails its check (see ``current``); the
    values in force are those of redflags.yaml.
    """

    redness_from_day: int = 7
    swelling_from_day: int = 7
    soreness_from_day: int = 7
    severe_pain_from: int = 7

    def lasting_from(self, symptom: str) -> int:
        """The day from which ``symptom`` (redness | swelling | soreness) counts as lasting."""
        return {
            "redness": self.redness_from_day,
            "swelling": self.swelling_from_day,
            "soreness": self.soreness_from_day,
        }[symptom]


def validate_redflags(path: Path = REDFLAGS_PATH) -> list[Problem]:
    """Every problem with a thresholds file; empty means it may ship."""
    return _read(Path(path))[1]


@cache
def load_thresholds(path: Path = REDFLAGS_PATH) -> Thresholds:
    """The checked thresholds at ``path``; raises ContentError naming file and field."""
    thresholds, problems = _read(Path(path))
    if problems or thresholds is None:
        raise ContentError(problems)
    return thresholds


def current(path: Path = REDFLAGS_PATH) -> Thresholds:
    """The thresholds in force: the file's, or the defaults while the file fails its check.

    Red flags must never stop being checked because of a bad edit, so this never raises; the
    problem is logged (and `aftercare content check` names it).
    """
    try:
        return load_thresholds(path)
    except ContentError as error:
        log.error(
            "redflags_thresholds_rejected file=%s problems=%d", path.name, len(error.problems)
        )
        return Thresholds()


def describe(thresholds: Thresholds) -> list[str]:
    """The thresholds in the clinic's words, one line each."""
    t = thresholds
    return [
        f"escalated: redness, burning or stinging still there on day {t.redness_from_day} or later",
        f"escalated: swelling or puffiness still there on day {t.swelling_from_day} or later",
        f"escalated: soreness or tenderness still there on day {t.soreness_from_day} or later",
        f"escalated: pain of {t.severe_pain_from} out of 10 or more (severe)",
    ]


def _read(path: Path) -> tuple[Thresholds | None, list[Problem]]:
    file = str(path)
    data, unreadable = read_yaml(path)
    if unreadable:
        return None, unreadable
    if not isinstance(data, dict):
        return None, [Problem(file, "", f"expected the sections {', '.join(FIELDS)}")]
    problems = [
        Problem(file, str(key), f"unknown section {key!r}") for key in data if key not in FIELDS
    ]
    values: dict[str, int] = {}
    for section, fields in FIELDS.items():
        block = data.get(section)
        if not isinstance(block, dict):
            problems.append(Problem(file, section, f"missing section with {', '.join(fields)}"))
            continue
        problems += [
            Problem(file, f"{section}.{key}", "unknown field") for key in block if key not in fields
        ]
        for name, (low, high) in fields.items():
            where = f"{section}.{name}"
            value = block.get(name)
            if value is None:
                problems.append(Problem(file, where, "missing"))
            elif isinstance(value, bool) or not isinstance(value, int):
                problems.append(Problem(file, where, f"{value!r} is not a whole number"))
            elif not low <= value <= high:
                problems.append(Problem(file, where, f"{value} is not between {low} and {high}"))
            else:
                values[name] = value
    if problems:
        return None, problems
    return Thresholds(
        redness_from_day=values["redness_from_day"],
        swelling_from_day=values["swelling_from_day"],
        soreness_from_day=values["soreness_from_day"],
        severe_pain_from=values["severe_from_score"],
    ), []
