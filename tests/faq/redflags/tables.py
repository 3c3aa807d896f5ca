"""The two assertions every red-flag table makes."""

from __future__ import annotations

from bot.faq.redflags import RedFlag, check


def assert_reported(message: str, category: str) -> RedFlag:
    """``message`` escalates now, as a report of ``category``."""
    flag = check(message)
    assert flag is not None, f"missed: {message!r}"
    assert flag.kind == "report", flag
    assert flag.category == category, flag
    return flag


def assert_not_urgent(message: str) -> None:
    """``message`` does not escalate: no red flag, or only a question about one."""
    flag = check(message)
    assert flag is None or flag.kind == "question", flag
