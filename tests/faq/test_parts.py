"""A message in parts: questions split from each other and from the story around them."""

from __future__ import annotations

import pytest

from bot.faq.parts import quoted_back, split
from tests.faq.tables import table


@pytest.mark.parametrize(("message", "expected"), table("parts", "split", "message", "parts"))
def test_split(message: str, expected: list[list[str | bool]]) -> None:
    # Each expected part is [text, whether it is a question].
    assert [(p.text, p.question) for p in split(message)] == [tuple(e) for e in expected]


def test_curly_apostrophes_read_like_straight_ones() -> None:
    [part] = split("what’s the difference?")
    assert part.text == "what's the difference?"


@pytest.mark.parametrize(("part", "shown"), table("parts", "quoted_back", "part", "shown"))
def test_quoted_back(part: str, shown: str) -> None:
    assert quoted_back(part) == shown
