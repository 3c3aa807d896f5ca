"""Event names: every name the bot records is a constant of `bot.people.stats`, listed once.

Read from the code: each `store.events.record(...)` call in `bot/` must name its event as
`stats.NAME`, or pass on a parameter of the function it sits in; such a helper's callers in
the same module are then held to the same rule (`_event(store, stats.FAILED, ...)`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.people import stats

ROOT = Path(__file__).resolve().parents[2]
NAMES = {
    name: value
    for name, value in vars(stats).items()
    if name.isupper() and isinstance(value, str) and name != "SHOWN"
}
MODULES = sorted(
    path
    for path in (ROOT / "bot").rglob("*.py")
    if "events.record(" in path.read_text(encoding="utf-8") and path.name != "stats.py"
)


def _is_record(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "record"
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "events"
    )


def _event_arguments(tree: ast.Module) -> list[ast.expr]:
    """The event-name argument of every recording call that does not pass on a parameter."""
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    sinks: dict[str, int] = {}  # helper -> position of the parameter it records as the name

    def position(call: ast.Call) -> int | None:
        if _is_record(call):
            return 0
        if isinstance(call.func, ast.Name):
            return sinks.get(call.func.id)
        return None

    changed = True
    while changed:  # a helper may pass the name on to another helper
        changed = False
        for function in functions:
            params = [a.arg for a in function.args.args]
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                at = position(call)
                if at is None or at >= len(call.args):
                    continue
                arg = call.args[at]
                if not (isinstance(arg, ast.Name) and arg.id in params):
                    continue
                if sinks.get(function.name) != params.index(arg.id):
                    sinks[function.name] = params.index(arg.id)
                    changed = True
    found = []
    for function in functions:
        params = {a.arg for a in function.args.args}
        for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
            at = position(call)
            if at is None:
                continue
            if at >= len(call.args):
                found.append(call)  # the name passed by keyword: an unknown shape, flagged
            elif not (isinstance(call.args[at], ast.Name) and call.args[at].id in params):
                found.append(call.args[at])
    return found


def test_the_rule_reads_the_recording_calls() -> None:
    assert len(MODULES) >= 6  # people, delivery, faq and inbox all record events
    source = (
        "def passes_on(store, name):\n    store.events.record(name)\n\n"
        "def caller(store):\n    passes_on(store, 'bad')\n"
    )
    [arg] = _event_arguments(ast.parse(source))
    assert isinstance(arg, ast.Constant) and arg.value == "bad"


@pytest.mark.parametrize("path", MODULES, ids=[p.relative_to(ROOT).as_posix() for p in MODULES])
def test_events_are_named_by_the_stats_constants(path: Path) -> None:
    arguments = _event_arguments(ast.parse(path.read_text(encoding="utf-8")))
    assert arguments, "no recording call found"
    named = [
        isinstance(arg, ast.Attribute)
        and isinstance(arg.value, ast.Name)
        and arg.value.id == "stats"
        and arg.attr in NAMES
        for arg in arguments
    ]
    assert all(named), [ast.unparse(a) for a, ok in zip(arguments, named, strict=True) if not ok]


def test_every_event_name_is_distinct() -> None:
    assert len(set(NAMES.values())) == len(NAMES)
