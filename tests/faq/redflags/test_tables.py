"""Every red-flag table in cases/: reports escalate as their category, questions about a sign
come back as questions about it, near misses do not escalate (cases named `<table>-<id>`)."""

from __future__ import annotations

import pytest

from bot.faq.redflags import check
from tests.faq.redflags import tables


@pytest.mark.parametrize(("message", "categories"), tables.urgent())
def test_urgent_rows_are_reported(message: str, categories: tuple[str, ...]) -> None:
    tables.assert_reported(message, categories)


@pytest.mark.parametrize(("message", "categories"), tables.questions())
def test_questions_about_a_sign_are_questions_not_reports(
    message: str, categories: tuple[str, ...]
) -> None:
    flag = check(message)
    assert flag is not None and flag.kind == "question", flag
    assert flag.category in categories, flag


@pytest.mark.parametrize("message", tables.near_misses())
def test_near_misses_do_not_escalate(message: str) -> None:
    tables.assert_not_urgent(message)
