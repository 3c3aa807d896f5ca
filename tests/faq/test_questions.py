"""A patient's free text: what they hear, in which order, and what the clinic team must hear.

`handle_message` only decides; it opens no escalation (the inbox does, when it alerts).
"""

from __future__ import annotations

import pytest

from bot.faq.engine import Faq
from bot.faq.questions import Escalate, handle_message
from bot.people.enrollment import accept, open_link
from bot.wording.patients import answers, general
from tests.conftest import NOW, enroll_patient

PATIENT_CHAT, STRANGER_CHAT = 1001, 1009


@pytest.fixture
def world(services, store, clinic):
    token = enroll_patient(store, clinic.id).invite.token
    open_link(store, token, PATIENT_CHAT, NOW)
    accept(store, token, PATIENT_CHAT, NOW, plan=services.plan_timeline)
    return store, clinic, store.patients.by_chat(PATIENT_CHAT)


def test_a_red_flag_is_answered_first_and_the_team_note_follows(world, engine):
    store, clinic, patient = world
    words = "my face is oozing pus and I feel hot"
    outcome = handle_message(store, lambda: engine, PATIENT_CHAT, words, NOW)
    assert outcome.kind == "urgent"
    [first] = outcome.first
    assert "Please call Glow Clinic on +44 20 7946 0000 straight away" in first
    assert outcome.escalate == Escalate(clinic.id, patient.id, "urgent", "infection", words)
    assert (outcome.if_reached, outcome.if_not_reached) == (
        answers.STAFF_ALERTED,
        answers.STAFF_NOT_REACHED,
    )
    assert store.escalations.for_patient(patient.id) == []


def test_an_unanswered_question_waits_for_the_alert_in_one_message(world, engine):
    store, clinic, patient = world
    outcome = handle_message(store, lambda: engine, PATIENT_CHAT, "Can I wear makeup?", NOW)
    assert (outcome.kind, outcome.first) == ("unknown", ())
    assert outcome.escalate == Escalate(
        clinic.id, patient.id, "unknown", None, "Can I wear makeup?"
    )
    answer, note = outcome.if_reached.split("\n\n")
    assert note == answers.QUESTION_PASSED_ON
    assert outcome.if_not_reached == f"{answer}\n\n{answers.STAFF_NOT_REACHED}"
    assert store.events.counts(clinic.id)["question"] == 1


def test_an_answer_goes_out_alone_and_nobody_is_alerted(world, engine):
    store, _clinic, _patient = world
    outcome = handle_message(store, lambda: engine, PATIENT_CHAT, "how long will i be red?", NOW)
    assert outcome.kind == "answer" and outcome.escalate is None
    [answer] = outcome.first
    assert "for a day or two" in answer


def _no_engine() -> Faq:
    raise AssertionError("a stranger's message must not need the FAQ engine")


@pytest.mark.parametrize(
    ("words", "kind", "reply"),
    [
        pytest.param(
            "my lips are swelling",
            "urgent",
            answers.URGENT_NO_CLINIC_EMERGENCY,
            id="allergic_red_flag",
        ),
        pytest.param("there is pus coming out", "urgent", answers.URGENT_NO_CLINIC, id="red_flag"),
        pytest.param("hello there", "stranger", general.NOT_UNDERSTOOD, id="anything_else"),
    ],
)
def test_a_stranger_gets_one_reply_and_nobody_to_alert(world, words, kind, reply):
    store, _clinic, _patient = world
    outcome = handle_message(store, _no_engine, STRANGER_CHAT, words, NOW)
    assert (outcome.kind, outcome.first, outcome.escalate) == (kind, (reply,), None)
