"""The red-flag tables (cases/<table>.yaml) as pytest.param lists, and the assertions they make.

One file per category (and one each for negation, uncertainty and the fresh table):
- `urgent`: category -> rows that must escalate as a report of that category ("a or b": either);
- `questions`: category -> rows that must come back as a question about it (never escalated);
- `near_misses`: rows that must not escalate (nothing, or a question).
A row is `{id, text}`; its case is named `<table>-<id>` (`pain-hurts_more`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.faq.redflags import RedFlag, check
from tests.faq.tables import params, read

if TYPE_CHECKING:
    from _pytest.mark import ParameterSet

CASES = Path(__file__).parent / "cases"
SECTIONS = {"urgent", "questions", "near_misses"}


def _tables() -> dict[str, dict[str, Any]]:
    """Every file in cases/, by name. Raises ValueError naming a file with another section."""
    tables = {path.stem: read(path) for path in sorted(CASES.glob("*.yaml"))}
    for name, table in tables.items():
        if not table.keys() <= SECTIONS:
            raise ValueError(
                f"cases/{name}.yaml: sections are {sorted(SECTIONS)}, not {sorted(table)}"
            )
    return tables


def _by_category(section: str) -> list[ParameterSet]:
    """Rows of `section` in every table as `pytest.param(text, categories)`, categories a tuple."""
    out = []
    for name, table in _tables().items():
        rows = [
            {**row, "categories": tuple(key.split(" or "))}
            for key, group in table.get(section, {}).items()
            for row in group
        ]
        out += params(rows, "text", "categories", prefix=f"{name}-")
    return out


def urgent() -> list[ParameterSet]:
    """Every `urgent` row: `pytest.param(text, categories, id="<table>-<id>")`."""
    return _by_category("urgent")


def questions() -> list[ParameterSet]:
    """Every `questions` row: `pytest.param(text, categories, id="<table>-<id>")`."""
    return _by_category("questions")


def near_misses() -> list[ParameterSet]:
    """Every `near_misses` row: `pytest.param(text, id="<table>-<id>")`."""
    out = []
    for name, table in _tables().items():
        out += params(table.get("near_misses", []), "text", prefix=f"{name}-")
    return out


def messages() -> list[str]:
    """The text of every row of every table."""
    return [case.values[0] for case in (*urgent(), *questions(), *near_misses())]


def assert_reported(message: str, categories: tuple[str, ...]) -> RedFlag:
    """``message`` escalates now, as a report of one of ``categories``."""
    flag = check(message)
    assert flag is not None, f"missed: {message!r}"
    assert flag.kind == "report", flag
    assert flag.category in categories, flag
    return flag


def assert_not_urgent(message: str) -> None:
    """``message`` does not escalate: no red flag, or only a question about one."""
    flag = check(message)
    assert flag is None or flag.kind == "question", flag
