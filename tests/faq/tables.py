"""Test tables kept as data (tests/faq/cases/<name>.yaml), read into pytest.param lists.

A table is a list of rows, each a mapping with an `id` and the fields the test takes:
`- {id: therefore, quote: "Therefore, ...", kept: "..."}`. The ids name the cases in pytest's
output, so a failure reads as the row that failed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

if TYPE_CHECKING:
    from _pytest.mark import ParameterSet

CASES = Path(__file__).parent / "cases"


class _Loader(yaml.SafeLoader):
    """Safe YAML that refuses a key given twice (plain YAML keeps the last, losing rows)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ValueError(f"{key_node.start_mark}: {key!r} given twice")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read(path: Path) -> dict[str, Any]:
    """The tables of one YAML file, by name.

    Raises ValueError when it is not a mapping or gives a key twice.
    """
    with path.open(encoding="utf-8") as stream:
        tables = yaml.load(stream, Loader=_Loader)  # a SafeLoader: builds plain data only
    if not isinstance(tables, dict):
        raise ValueError(f"{path}: expected a mapping of table names to rows")
    return tables


def params(rows: list[dict[str, Any]], *fields: str, prefix: str = "") -> list[ParameterSet]:
    """Each row as `pytest.param(row[field], ..., id=prefix + row["id"])`, in order.

    Raises ValueError naming the row when it lacks a field or its id repeats an earlier one.
    """
    seen: set[str] = set()
    out = []
    for row in rows:
        case = row.get("id")
        missing = [name for name in fields if name not in row]
        if not isinstance(case, str) or missing or case in seen:
            raise ValueError(f"row {row!r}: needs an id not used above it, and {', '.join(fields)}")
        seen.add(case)
        out.append(pytest.param(*(row[name] for name in fields), id=prefix + case))
    return out


def table(name: str, key: str, *fields: str) -> list[ParameterSet]:
    """The rows of table `key` in tests/faq/cases/<name>.yaml, as `params` gives them."""
    return params(read(CASES / f"{name}.yaml")[key], *fields)
