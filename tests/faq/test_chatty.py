"""Chat around a question: filler, the story, a second topic and scope words that only
describe something must not cost the answer; a scope word that is the topic still does."""

from __future__ import annotations

import pytest

from bot.faq.engine import Faq
from bot.store.clinics import Clinic
from tests.faq.tables import table

CLINIC = Clinic(id=5, name="Glow Clinic", phone="+44 20 7946 0000")


@pytest.mark.parametrize(("message", "phrase"), table("chatty", "answered", "message", "phrase"))
def test_the_core_question_is_still_answered(engine: Faq, message: str, phrase: str) -> None:
    answer = engine.answer(message, CLINIC)
    assert answer.kind == "answer", answer.text
    assert phrase in answer.text


@pytest.mark.parametrize("message", table("chatty", "unknown", "message"))
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
