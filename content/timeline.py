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


def _order_problems(steps: list[Step], file: str) -> list[Problem]:
    """Steps must be listed in the order they are sent, for every allowed series interval."""
    problems = []
    for before, after in pairwise(steps):
        for interval in SERIES_INTERVAL_RANGE:
            if after.offset.resolve(interval) <= before.offset.resolve(interval):
                message = (
                    f"offset: out of order, must come after step {before.id!r} "
                    f"(checked with a {interval.days // 7}-week series interval)"
                )
                problems.append(Problem(file, after.id, message))
                break
    if steps and any(steps[0].offset.resolve(i) < timedelta(0) for i in SERIES_INTERVAL_RANGE):
        problems.append(Problem(file, steps[0].id, "offset: is before the session"))
    return problems
