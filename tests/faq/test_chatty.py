"""Chat around a question: filler, the story, a second topic and scope words that only
describe something must not cost the answer; a scope word that is the topic still does."""

from __future__ import annotations

import pytest

from bot.faq.engine import Faq
from bot.store.clinics import Clinic

CLINIC = Clinic(id=5, name="Glow Clinic", phone="+44 20 7946 0000")


@pytest.fixture(scope="module")
def engine() -> Faq:
    return Faq.from_content()


@pytest.mark.parametrize(
    ("message", "phrase"),
    [
        pytest.param(
            "sorry for all the questions lol but how long does the swelling last",
            "day or two",
            id="apology",
        ),
        pytest.param(
            "probably being silly but how many sessions will I need",
            "series of treatments",
            id="hedge",
        ),
        pytest.param(
            "my friend who's a nurse said to ask: how many sessions do people need?",
            "series of treatments",
            id="friend_said",
        ),
        pytest.param(
            "is my pricey vitamin c serum ok to use after?",
            "vitamin C",
            id="price_word_describes_a_serum",
        ),
        pytest.param(
            "my face looks sunburnt, is that normal and how long will it last",
            "day or two",
            id="sunburnt_describes_redness",
        ),
        pytest.param("will i still b red 2moro?? shud i worry", "day or two", id="text_speak"),
        pytest.param("can u use retinol w microneedling", "retinol", id="w_is_with"),
    ],
)
def test_the_core_question_is_still_answered(engine: Faq, message: str, phrase: str) -> None:
    answer = engine.answer(message, CLINIC)
    assert answer.kind == "answer", answer.text
    assert phrase in answer.text


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("is microneedling expensive?", id="price_is_the_topic"),
        pytest.param(
            "just found out I'm pregnant 🤰 can I still have my next session?",
            id="the_story_is_the_topic",
        ),
        pytest.param("can I have a few drinks or will that slow the healing?", id="that"),
    ],
)
def test_a_topic_the_guide_does_not_cover_still_gets_unknown(engine: Faq, message: str) -> None:
    assert engine.answer(message, CLINIC).kind == "unknown"


def test_the_uncovered_half_does_not_cancel_the_covered_half(engine: Faq) -> None:
    answer = engine.answer("Does it shrink big pores? And can I wear foundation after?", CLINIC)
    assert answer.kind == "answer" and answer.needs_staff
    covered, uncovered = answer.parts
    assert (covered.kind, uncovered.kind) == ("answer", "unknown")
    assert "pore size" in covered.text
    assert "You asked “can I wear foundation after”. Our aftercare guide doesn't cover that" in (
        answer.text
    )
    assert answer.to_json()["parts"][1]["asked"] == "can I wear foundation after"
