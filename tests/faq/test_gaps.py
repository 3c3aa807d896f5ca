"""The guide's gaps: the main terms of unanswered questions, counted, never quoted."""

from __future__ import annotations

from datetime import timedelta

from bot.faq.gaps import count_terms, uncovered_topics
from bot.inbox.escalation import open_escalation
from tests.conftest import NOW, add_clinic, add_patient

QUESTIONS = [
    "Can I wear makeup tomorrow?",
    "When can I put my makeup on again? Zanzibar here",
    "Is the gym ok after 2 days?",
    "can i go to the gym or the sauna",
    "sauna sauna sauna tomorrow?",
    "Can I wash my face tonight",
    "when can i start washing my face",
]


def test_terms_are_counted_once_a_question_and_only_from_two_or_more():
    found = count_terms(QUESTIONS, ignore={"zanzibar"})
    assert found == [("exercise", 2), ("makeup", 2), ("sauna", 2), ("wash", 2)]
    assert count_terms(QUESTIONS, ignore=set(), at_least=1, top=50)[0] == ("exercise", 2)
    assert ("zanzibar", 1) in count_terms(QUESTIONS, ignore=set(), at_least=1, top=50)


def test_a_patients_name_is_never_a_term_even_when_asked_often():
    asked = ["Mary Ann here, can I swim?", "It's Mary again, can I swim today?"]
    assert count_terms(asked, ignore={"mary ann"}) == [("swim", 2)]


def test_only_the_clinics_unanswered_questions_of_the_period_count(store):
    glow, other = add_clinic(store), add_clinic(store, name="Other Clinic")

    def ask(clinic, words, days_ago=0, kind="unknown"):
        patient = add_patient(store, clinic, 1000 + len(words) + days_ago)
        open_escalation(
            store, clinic_id=clinic.id, patient_id=patient, kind=kind, category=None,
            question=words, now=NOW - timedelta(days=days_ago),
        )  # fmt: skip

    ask(glow, "retinol tonight?")
    ask(glow, "is retinol fine")
    ask(glow, "retinol again", days_ago=30)
    ask(other, "retinol at the other clinic")
    ask(glow, "retinol and pus", kind="urgent")
    assert uncovered_topics(store, glow.id, NOW - timedelta(days=7)) == [("retinol", 2)]
    assert uncovered_topics(store, glow.id, None) == [("retinol", 3)]
