"""A message in parts: questions split from each other and from the story around them."""

from __future__ import annotations

import pytest

from bot.faq.parts import quoted_back, split


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        pytest.param(
            "how long will the redness last, and can I go to the gym tomorrow?",
            [("how long will the redness last", True), ("and can I go to the gym tomorrow?", True)],
            id="comma_and_question",
        ),
        pytest.param(
            "how long does it take and does it hurt?",
            [("how long does it take", True), ("and does it hurt?", True)],
            id="and_question",
        ),
        pytest.param(
            "probably being silly but how many appointments will i need",
            [("probably being silly", False), ("but how many appointments will i need", True)],
            id="hedge_before_question",
        ),
        pytest.param(
            "had my session today 🍅 how long till it calms down? got a do on friday",
            [
                ("had my session today 🍅", False),
                ("how long till it calms down?", True),
                ("got a do on friday", False),
            ],
            id="emoji_ends_a_sentence",
        ),
        pytest.param(
            "can I have a few drinks or will that slow the healing?",
            [("can I have a few drinks or will that slow the healing?", True)],
            id="that_points_back",
        ),
        pytest.param(
            "my face is red and is swollen",
            [("my face is red and is swollen", True)],
            id="no_question_is_one_part",
        ),
    ],
)
def test_split(message: str, expected: list[tuple[str, bool]]) -> None:
    assert [(p.text, p.question) for p in split(message)] == expected


def test_curly_apostrophes_read_like_straight_ones() -> None:
    [part] = split("what’s the difference?")
    assert part.text == "what's the difference?"


@pytest.mark.parametrize(
    ("part", "shown"),
    [
        pytest.param("and can I go to the gym tomorrow?", "can I go to the gym tomorrow", id="and"),
        pytest.param("also, is it safe?!", "is it safe", id="also_marks"),
        pytest.param("?", "?", id="nothing_left"),
    ],
)
def test_quoted_back(part: str, shown: str) -> None:
    assert quoted_back(part) == shown
