"""Red-flag replies in the right order: airway or allergic signs give the emergency number
first, then the clinic to call now; a question *about* a sign gets the guide's answer (or an
honest "not covered") and then when to call, never "needs to be checked now"."""

from __future__ import annotations

import pytest

from bot.faq.answer import Answer
from bot.faq.engine import Faq
from bot.store.clinics import Clinic
from bot.wording.patients import answers
from tests.faq.tables import table

CLINIC = Clinic(7, "Glow Clinic", "+44 20 7946 0000")
CONTACT = "Glow Clinic on +44 20 7946 0000"
CALL_NOW = f"call {CONTACT} now"
CHECKED_NOW = "needs to be checked by the clinic team now"
CALL_WHEN = answers.when_to_call(CONTACT, emergency=False)
CALL_WHEN_EMERGENCY = answers.when_to_call(CONTACT, emergency=True)
EMERGENCY_FIRST = table("urgent_replies", "emergency_first", "message", "category")
QUESTIONS = table("urgent_replies", "questions", "message", "category")


def _ask(engine: Faq, message: str) -> Answer:
    return engine.answer(message, CLINIC)


@pytest.mark.parametrize(("message", "category"), EMERGENCY_FIRST)
def test_airway_or_allergic_signs_give_the_emergency_number_first(
    engine: Faq, message: str, category: str
) -> None:
    answer = _ask(engine, message)
    assert (answer.kind, answer.red_flag) == ("urgent", category)
    first, then = answer.text.split("\n")
    assert first == answers.EMERGENCY
    assert CALL_NOW in then


def test_other_red_flags_name_the_clinic_without_the_emergency_line(engine: Faq) -> None:
    answer = _ask(engine, "there's green pus coming out of the little holes")
    assert (answer.kind, answer.red_flag) == ("urgent", "infection")
    assert answer.text.startswith("What you describe " + CHECKED_NOW)
    assert f"Please call {CONTACT} straight away." in answer.text
    assert answers.EMERGENCY not in answer.text


def test_an_emergency_part_comes_first_in_a_message_in_parts(engine: Faq) -> None:
    answer = _ask(engine, "how long does the redness last? also my lips have swollen right up")
    assert (answer.kind, answer.red_flag) == ("urgent", "allergic")
    assert answer.text.startswith(answers.EMERGENCY + "\n")
    assert answer.text.index(CALL_NOW) < answer.text.index("day or two")


@pytest.mark.parametrize(("message", "category"), QUESTIONS)
def test_a_question_about_a_sign_says_when_to_call_not_check_now(
    engine: Faq, message: str, category: str
) -> None:
    answer = _ask(engine, message)
    assert answer.kind != "urgent" and answer.red_flag is None
    assert answer.asked_about == category
    assert CHECKED_NOW not in answer.text
    assert answer.text.endswith(CALL_WHEN)
    assert answer.reply_html.endswith(CALL_WHEN)
    assert answer.to_json()["asked_about"] == category


def test_a_covered_question_about_a_sign_gets_the_guide_then_when_to_call(engine: Faq) -> None:
    answer = _ask(engine, "is infection common after this?")
    assert (answer.kind, answer.origin, answer.asked_about) == ("answer", "guide", "infection")
    assert answer.sources and not answer.needs_staff
    quotes, last = answer.text.rsplit("\n\n", 1)
    assert quotes.startswith(answers.GUIDE_HEADING)
    assert all(s.quote.replace("'", "’") in quotes for s in answer.sources)
    assert last == CALL_WHEN
    assert answers.unsure(CONTACT) not in answer.text


def test_a_question_about_airway_signs_gives_the_emergency_number_first(engine: Faq) -> None:
    answer = _ask(engine, "if my lips swelled up at the weekend who would I ring?")
    assert answer.kind != "urgent" and answer.asked_about == "allergic"
    assert answer.text.endswith(CALL_WHEN_EMERGENCY)
    assert CALL_WHEN_EMERGENCY.index(answers.EMERGENCY) < CALL_WHEN_EMERGENCY.index(CONTACT)


def test_in_parts_the_question_about_a_sign_keeps_its_when_to_call(engine: Faq) -> None:
    answer = _ask(engine, "how long does redness last, and what are the signs of infection?")
    assert answer.kind == "answer" and answer.asked_about == "infection"
    covered, uncovered = answer.parts
    assert covered.asked_about is None and "day or two" in covered.text
    assert uncovered.asked == "what are the signs of infection"
    section = f"{answers.not_covered_section('what are the signs of infection')}\n{CALL_WHEN}"
    assert section in answer.text and section in answer.reply_html
    assert CHECKED_NOW not in answer.text
