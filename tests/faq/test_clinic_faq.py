"""A clinic's own FAQ entries: the store (real SQLite) and the checks and views around it."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest

from bot.faq import clinic_faq
from bot.faq.clinic_entry import ClinicEntry
from bot.people.outcomes import Refused
from tests.conftest import NOW, add_clinic

STAFF = 2001
SUN = ("Can I go in the sun?", "Please keep out of strong sun for two weeks and ask us first.")


@pytest.fixture
def clinics(store):
    return add_clinic(store), add_clinic(store, "Other Clinic")


def test_entries_are_kept_per_clinic(store, clinics):
    glow, other = clinics
    first = store.faq_entries.add(glow.id, *SUN, STAFF, NOW)
    second = store.faq_entries.add(
        glow.id, "Makeup?", "Wait a day.", None, NOW + timedelta(hours=1)
    )
    theirs = store.faq_entries.add(other.id, "Gym?", "Not today.", 3001, NOW)
    assert [e.id for e in store.faq_entries.list(glow.id)] == [first, second]
    assert [e.question for e in store.faq_entries.list(other.id)] == ["Gym?"]
    assert store.faq_entries.get(glow.id, theirs) is None  # another clinic's entry is invisible
    entry = store.faq_entries.get(glow.id, first)
    assert (entry.question, entry.answer, entry.author_chat_id, entry.created_at) == (
        *SUN,
        STAFF,
        NOW,
    )
    assert store.faq_entries.for_clinic(glow.id) == [
        {"id": first, "clinic_id": glow.id, "question": SUN[0], "answer": SUN[1],
         "author": f"staff:{STAFF}"},
        {"id": second, "clinic_id": glow.id, "question": "Makeup?", "answer": "Wait a day.",
         "author": ""},
    ]  # fmt: skip


def test_for_clinic_rows_build_the_faq_engines_clinic_entries(store, clinics):
    store.faq_entries.add(clinics[0].id, *SUN, STAFF, NOW)
    [entry] = [ClinicEntry(**row) for row in store.faq_entries.for_clinic(clinics[0].id)]
    assert (entry.question, entry.clinic_id) == (SUN[0], clinics[0].id)


def test_delete_marks_the_entry_and_only_at_its_own_clinic(store, clinics):
    glow, other = clinics
    entry_id = store.faq_entries.add(glow.id, *SUN, STAFF, NOW)
    assert store.faq_entries.delete(other.id, entry_id, NOW) is False
    assert store.faq_entries.count(glow.id) == 1
    assert store.faq_entries.delete(glow.id, entry_id, NOW + timedelta(minutes=5)) is True
    assert store.faq_entries.delete(glow.id, entry_id, NOW) is False  # already deleted
    assert store.faq_entries.list(glow.id) == [] and store.faq_entries.for_clinic(glow.id) == []
    row = store.db.execute("SELECT question, deleted_at FROM faq_entries").fetchone()
    assert row == (SUN[0], "2026-03-02T14:05:00.000000+00:00")  # kept, marked


@pytest.mark.parametrize(
    ("check", "text", "problem"),
    [
        (clinic_faq.question_problem, "", "question is empty"),
        (clinic_faq.question_problem, "  \n ", "question is empty"),
        (clinic_faq.question_problem, "q" * 301, "question is 301 characters"),
        (clinic_faq.question_problem, "q" * 300, None),
        (clinic_faq.answer_problem, "", "answer is empty"),
        (clinic_faq.answer_problem, "a" * 1501, "answer is 1501 characters"),
        (clinic_faq.answer_problem, " " + "a" * 1500 + "\n", None),
    ],
    ids=["q_empty", "q_blank", "q_301_chars", "q_300_chars", "a_empty", "a_1501_chars", "a_padded"],
)
def test_entry_checks(check, text, problem):
    found = check(text)
    assert (found is None) if problem is None else (problem in found)


def test_a_bad_entry_is_refused_and_changes_nothing(store, clinics):
    glow = clinics[0]
    for question, answer in (("", "An answer."), ("A question?", "a" * 1501)):
        refused = clinic_faq.add(store, glow, question, answer, author_chat_id=STAFF, now=NOW)
        assert isinstance(refused, Refused)
    assert store.db.execute("SELECT count(*) FROM faq_entries").fetchone()[0] == 0


def test_a_clinic_can_hold_only_so_many_entries(store, clinics, monkeypatch):
    monkeypatch.setattr(clinic_faq, "MAX_ENTRIES", 2)
    glow, other = clinics
    for _ in range(2):
        assert isinstance(clinic_faq.add(store, glow, *SUN, author_chat_id=STAFF, now=NOW), int)
    refused = clinic_faq.add(store, glow, *SUN, author_chat_id=STAFF, now=NOW)
    assert isinstance(refused, Refused) and "already has 2 entries" in refused.message
    assert isinstance(clinic_faq.start(store, glow), Refused)
    assert isinstance(clinic_faq.add(store, other, *SUN, author_chat_id=STAFF, now=NOW), int)


def test_markup_in_an_entry_is_shown_as_typed(store, clinics):
    glow = clinics[0]
    question, answer = "<b>Sun</b> & heat?", 'Avoid <a href="x">saunas</a> for 2 days & < 3 nights'
    clinic_faq.add(store, glow, question, answer, author_chat_id=STAFF, now=NOW)
    [listing] = clinic_faq.listing_html(store, glow, viewer_chat_id=STAFF)
    assert html.escape(question, quote=False) in listing
    assert "<a href" not in listing and "<b>Sun</b>" not in listing
    preview = clinic_faq.preview_html(glow, question, answer)
    assert html.escape(answer, quote=False) in preview
    assert "From Glow Clinic (the clinic's own advice, not from the guide):" in preview


def test_a_long_list_is_split_into_messages_telegram_accepts(store, clinics):
    glow, other = clinics
    for n in range(40):
        store.faq_entries.add(glow.id, f"Question {n} " + "q" * 280, "a" * 1500, STAFF, NOW)
    store.faq_entries.add(other.id, "Their secret question?", "Theirs.", 3001, NOW)
    messages = clinic_faq.listing_html(store, glow, viewer_chat_id=STAFF)
    assert len(messages) > 1 and all(len(m) <= 4096 for m in messages)
    joined = "\n".join(messages)
    assert all(f"Question {n} " in joined for n in range(40))
    assert "Their secret question" not in joined
    assert "by you" in joined


@pytest.mark.parametrize("ref", ["abc", pytest.param("", id="empty"), "-1", "9" * 23, "#0"])
def test_delete_of_something_that_is_not_an_entry_says_so(store, clinics, ref):
    glow = clinics[0]
    store.faq_entries.add(glow.id, *SUN, STAFF, NOW)
    reply = clinic_faq.delete(store, glow, ref, staff_chat=STAFF, now=NOW)
    assert reply.startswith("Your clinic has no entry #")
    assert store.faq_entries.count(glow.id) == 1


def test_delete_by_number_with_or_without_hash(store, clinics):
    glow = clinics[0]
    first, second = (store.faq_entries.add(glow.id, *SUN, STAFF, NOW) for _ in range(2))
    assert clinic_faq.delete(store, glow, f"#{first}", staff_chat=STAFF, now=NOW).startswith(
        f"Deleted entry #{first}"
    )
    assert clinic_faq.delete(store, glow, str(second), staff_chat=STAFF, now=NOW).startswith(
        f"Deleted entry #{second}"
    )
    assert store.events.counts(glow.id) == {"faq_entry_deleted": 2}
