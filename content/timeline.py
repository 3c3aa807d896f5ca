"""The aftercare timeline: the ordered steps every patient is sent, loaded from YAML.

``load_timeline`` either returns a timeline that passed every check or raises ContentError,
so a bot never serves content that failed ``aftercare content check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

from content.message import step_problems
from content.problem import ContentError, Problem
from content.seeds import SEEDS_DIR
from content.step import Step, parse_step
from content.yamlfile import read_yaml

CONTENT_DIR = Path(__file__).resolve().parent
TIMELINE_FILE = "timeline.yaml"
# The clinic settings keep a series interval inside this range; steps counted from the
# interval must stay in order anywhere in it.
SERIES_INTERVAL_RANGE = (timedelta(weeks=2), timedelta(weeks=12))
MAX_INTERVAL_DAYS = 365  # the longest series interval a clinic may set


@dataclass(frozen=True)
class Timeline:
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step:
        """The step with this id; KeyError if the timeline no longer has it."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)


def load_timeline(path: Path | None = None, seeds_dir: Path = SEEDS_DIR) -> Timeline:
    """The timeline at ``path`` (default: the shipped one), fully checked."""
    timeline, problems = _read(Path(path or CONTENT_DIR / TIMELINE_FILE), seeds_dir)
    if problems or timeline is None:
        raise ContentError(problems)
    return timeline


def validate_timeline(path: Path, seeds_dir: Path = SEEDS_DIR) -> list[Problem]:
    """Every problem with a timeline file: schema, quotes, fields, sizes, order."""
    return _read(Path(path), seeds_dir)[1]


def _read(path: Path, seeds_dir: Path) -> tuple[Timeline | None, list[Problem]]:
    file = str(path)
    data, unreadable = read_yaml(path)
    if unreadable:
        return None, unreadable
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list) or not data["steps"]:
        return None, [Problem(file, "", "must be a mapping with a non-empty list under 'steps'")]
    problems = [
        Problem(file, "", f"unknown top-level key {key!r}; only 'steps' is allowed")
        for key in sorted(map(str, data.keys() - {"steps"}))
    ]
    steps = []
    for index, raw in enumerate(data["steps"]):
        step, step_schema = parse_step(raw, file, index)
        problems += step_schema
        if step is not None:
            problems += step_problems(step, file, seeds_dir)
            steps.append(step)
    problems += _duplicate_ids(steps, file) + _order_problems(steps, file)
    return Timeline(tuple(steps)), problems


def _duplicate_ids(steps: list[Step], file: str) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for step in steps:
        if step.id in seen:
            problems.append(Problem(file, step.id, "id: used by an earlier step too"))
        seen.add(step.id)
    return problems


def interval_problem(timeline: Timeline, interval_days: int) -> str | None:
    """Why a clinic's series interval of ``interval_days`` cannot go with this timeline, or None.

    With it, every step must still come after the session and after the step listed before it:
    a 2-day interval with a day-7 care step would ask the patient to book their next session
    before the care messages are over. The answer names the interval, both steps with their
    offsets, and the nearest interval that fits.
    """
    found = _first_out_of_order(timeline.steps, timedelta(days=interval_days))
    if found is None:
        return None
    before, late = found
    what = "before the session" if before is None else f"before step {_named(before)}"
    fits = _nearest_fitting(timeline, interval_days)
    if fits is None:
        advice = "no series interval fits this timeline"
    else:
        advice = f"use at {'least' if fits > interval_days else 'most'} {_days(fits)}"
    size = "short" if fits is None or fits > interval_days else "long"
    return (
        f"a series interval of {_days(interval_days)} is too {size} for the timeline: "
        f"step {_named(late)} would be sent {what}; {advice}"
    )


def _first_out_of_order(
    steps: tuple[Step, ...], interval: timedelta
) -> tuple[Step | None, Step] | None:
    """The first step that would not be sent after the one before it (None: the session)."""
    if steps and steps[0].offset.resolve(interval) < timedelta(0):
        return None, steps[0]
    for before, after in pairwise(steps):
        if not _sent_after(before, after, interval):
            return before, after
    return None


def _sent_after(before: Step, after: Step, interval: timedelta) -> bool:
    return after.offset.resolve(interval) > before.offset.resolve(interval)


def _nearest_fitting(timeline: Timeline, interval_days: int) -> int | None:
    longer = range(interval_days + 1, MAX_INTERVAL_DAYS + 1)
    shorter = range(interval_days - 1, 0, -1)
    for days in (*longer, *shorter):
        if _first_out_of_order(timeline.steps, timedelta(days=days)) is None:
            return days
    return None


def _named(step: Step) -> str:
    return f"{step.id} ({step.offset.text})"


def _days(days: int) -> str:
    return f"{days} day{'' if days == 1 else 's'}"


def _order_problems(steps: list[Step], file: str) -> list[Problem]:
    """Steps must be listed in the order they are sent, for every allowed series interval."""
    problems = []
    for before, after in pairwise(steps):
        for interval in SERIES_INTERVAL_RANGE:
            if not _sent_after(before, after, interval):
                message = (
                    f"offset: out of order, must come after step {before.id!r} "
                    f"(checked with a {interval.days // 7}-week series interval)"
                )
                problems.append(Problem(file, after.id, message))
                break
    if steps and any(steps[0].offset.resolve(i) < timedelta(0) for i in SERIES_INTERVAL_RANGE):
        problems.append(Problem(file, steps[0].id, "offset: is before the session"))
    return problems
