"""Learning from the gaps on a real store: who may make an entry of an answer, and what the
entry may not hold (the patient's name, their own wording)."""

from __future__ import annotations

import pytest

from bot.inbox import learning
from bot.inbox.escalation import mark_replied, reply_target
from bot.people.outcomes import Refused
from bot.wording.staff import learning as wording
from bot.wording.staff import own_answers
from tests.conftest import NOW
from tests.inbox.conftest import SAM, SKY

ASKED = "Hi it's Amira, can I wear makeup tomorrow?"


@pytest.fixture
def answered(team):
    escalation = team.escalate(kind="unknown", question=ASKED)
    target = reply_target(team.store, staff_chat=SKY, escalation_id=escalation.id)
    mark_replied(team.store, target, staff_chat=SKY, now=NOW, answer="Wait a day, Amira.")
    return escalation.id


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        pytest.param("When can I wear makeup again?", None, id="neutral"),
        pytest.param("amira: makeup?", wording.NAMES_THE_PATIENT, id="name_any_case"),
        pytest.param("Can I wear makeup tomorrow?", wording.PATIENTS_WORDS, id="their_words"),
        pytest.param(ASKED.upper(), wording.NAMES_THE_PATIENT, id="their_words_with_her_name"),
        pytest.param("makeup?", None, id="one_word_of_theirs"),
        pytest.param(" ", own_answers.empty("question"), id="empty"),
    ],
)
def test_the_question_must_be_neutral(team, answered, question, problem):
    assert learning.question_problem(team.store, answered, question) == problem


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        pytest.param("Wait a day.", None, id="plain"),
        pytest.param("Wait a day, Amira.", wording.ANSWER_NAMES_THE_PATIENT, id="names_her"),
        pytest.param("Wait a day (Amiras are welcome)", None, id="name_inside_a_word"),
    ],
)
def test_the_answer_may_not_name_the_patient(team, answered, answer, problem):
    assert learning.answer_problem(team.store, answered, answer) == problem


def test_only_the_admin_is_offered_it_and_only_for_questions(team, answered):
    assert learning.is_admin(team.store, SAM) and not learning.is_admin(team.store, SKY)
    [(chat, text)] = learning.proposals(team.store, answered)
    assert chat == SAM and "Wait a day, Amira." in text
    assert learning.offered_to(team.store, answered, SAM)
    assert not learning.offered_to(team.store, answered, SKY)
    assert learning.learnable(team.store, SKY, answered) == Refused(wording.NOT_AN_ADMIN)
    urgent = team.escalate()
    assert learning.proposals(team.store, urgent.id) == []
    assert learning.learnable(team.store, SAM, urgent.id) == Refused(wording.NOT_A_QUESTION)


def test_saving_links_the_entry_and_checks_again(team, answered):
    refused = learning.save(team.store, answered, ASKED, "Wait a day.", staff_chat=SAM, now=NOW)
    assert refused == wording.NAMES_THE_PATIENT and team.store.faq_entries.count(team.glow.id) == 0
    said = learning.save(
        team.store, answered, "Makeup after a session?", "Wait a day.", staff_chat=SAM, now=NOW
    )
    [entry] = team.store.faq_entries.list(team.glow.id)
    assert said == own_answers.saved(entry.id)
    assert team.store.escalations.get(answered).faq_entry_id == entry.id
    assert learning.proposals(team.store, answered) == []
