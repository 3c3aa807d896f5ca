"""Staff drafts: /edit and /faq add from the first prompt to the saved text, on a real store.

The draft keeps the stage, the buttons and which preview Save may save; the wording's checks
and previews come from the delivery and FAQ areas, one call for each staff message.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.faq.clinic_faq import MAX_ANSWER
from bot.inbox import drafts
from bot.inbox.drafts import Reply
from bot.inbox.escalation import begin_reply, open_escalation, record_forward
from bot.people.enrollment import accept, open_link
from bot.people.outcomes import Refused
from bot.people.staff import invite_staff
from bot.store import Store
from bot.wording.staff import own_answers, step_wording, team
from tests.conftest import NOW, add_clinic, enroll_patient

STAFF, PATIENT = 2001, 1001
GOOD = "Hi {first_name}, redness is normal on day one. Call {clinic_phone} if unsure."
BAD = "Hi {name}, see you soon."


@pytest.fixture
def world(services, store, clinic):
    open_link(store, invite_staff(store, clinic.id, NOW).token, STAFF, NOW)
    return store, services.timeline(), clinic


def _take(world, text, reply_to=None):
    store, timeline, _clinic = world
    return drafts.take_text(
        store, lambda: timeline, STAFF, text, reply_to_message_id=reply_to, now=NOW
    )


def test_an_edit_goes_from_instructions_to_a_saved_wording(world):
    store, timeline, clinic = world
    assert isinstance(drafts.start_edit(store, timeline, STAFF, clinic, "day_one", NOW), Refused)
    assert drafts.pending(store, STAFF, NOW) is None

    draft, replies = drafts.start_edit(store, timeline, STAFF, clinic, "day1_redness", NOW)
    assert (draft.kind, draft.stage, draft.step_id) == ("edit", "text", "day1_redness")
    assert [r.buttons for r in replies] == ["cancel", ""]
    assert replies[1].text == timeline.step("day1_redness").text

    first_nonce = draft.nonce
    draft, [problems] = _take(world, BAD)
    assert "unknown merge field {name}" in problems.text and problems.buttons == "cancel"
    assert draft.stage == "text" and draft.nonce != first_nonce

    draft, [heading, preview] = _take(world, GOOD)
    assert draft.stage == "confirm" and draft.text == GOOD
    assert heading.buttons == "" and (preview.html, preview.buttons) == (True, "save")
    assert "Hi Alex, redness is normal on day one. Call +44 20 7946 0000" in preview.text

    assert drafts.save(store, lambda: timeline, STAFF, first_nonce, NOW) == (team.DRAFT_STALE)
    saved = drafts.save(store, lambda: timeline, STAFF, draft.nonce, NOW)
    assert saved == step_wording.saved("day1_redness", clinic.name, 1)
    assert store.content.active(clinic.id, "day1_redness").text == GOOD
    assert drafts.pending(store, STAFF, NOW) is None


def test_a_faq_entry_asks_the_question_then_the_answer(world):
    store, _timeline, clinic = world
    draft, [ask] = drafts.start_faq(store, STAFF, clinic, NOW)
    assert (draft.kind, draft.stage, ask.buttons) == ("faq", "question", "cancel")

    nonce = draft.nonce
    draft, [empty] = _take(world, "   ")
    assert "question is empty" in empty.text
    assert (draft.stage, draft.nonce) == ("question", nonce)  # still asking for the question

    draft, [prompt] = _take(world, "  Can I swim?  ")
    assert (draft.stage, draft.question) == ("answer", "Can I swim?")
    assert prompt == Reply(own_answers.ask_answer(clinic.name, MAX_ANSWER), buttons="cancel")

    draft, [preview] = _take(world, "Not for 48 hours.")
    assert draft.stage == "confirm" and preview.buttons == "save"
    shown = draft.nonce
    draft, [refused] = _take(world, "")  # a new text after the preview replaces the answer
    assert "answer is empty" in refused.text
    assert draft.stage == "answer" and draft.nonce != shown

    draft, _preview = _take(world, "Not for 48 hours.")
    saved = drafts.save(store, lambda: None, STAFF, draft.nonce, NOW)
    [entry] = store.faq_entries.list(clinic.id)
    assert saved == own_answers.saved(entry.id)
    assert (entry.question, entry.answer) == ("Can I swim?", "Not for 48 hours.")


def _escalation(store, clinic):
    """An open escalation of an active patient of `clinic`."""
    token = enroll_patient(store, clinic.id).invite.token
    open_link(store, token, PATIENT, NOW)
    accept(store, token, PATIENT, NOW, plan=lambda session_id, now: 0)
    return open_escalation(
        store, clinic_id=clinic.id, patient_id=store.patients.by_chat(PATIENT).id,
        kind="unknown", category=None, question="Can I swim?", now=NOW,
    )  # fmt: skip


def test_a_reply_to_a_patients_alert_is_not_the_drafts(world):
    store, timeline, clinic = world
    record_forward(store, _escalation(store, clinic), chat_id=STAFF, message_id=77)
    draft, _replies = drafts.start_edit(store, timeline, STAFF, clinic, "day1_redness", NOW)
    assert _take(world, GOOD, reply_to=77) is None
    draft = drafts.pending(store, STAFF, NOW)
    assert draft.stage == "text"


def test_starting_a_draft_drops_a_reply_the_chat_had_begun(world):
    store, _timeline, clinic = world
    begin_reply(store, staff_chat=STAFF, escalation_id=_escalation(store, clinic).id)
    drafts.start_faq(store, STAFF, clinic, NOW)
    assert store.staff.replying_to(STAFF) is None


def test_a_draft_survives_a_restart_and_lapses_as_before(tmp_path):
    from bot.inbox.drafts import DRAFT_TTL

    store = Store.open(tmp_path / "drafts.db")
    clinic = add_clinic(store)
    open_link(store, invite_staff(store, clinic.id, NOW).token, STAFF, NOW)
    drafts.start_faq(store, STAFF, clinic, NOW)
    store.close()

    store = Store.open(tmp_path / "drafts.db")  # the bot restarted
    draft, [prompt] = drafts.take_text(
        store, lambda: None, STAFF, "Can I swim?", reply_to_message_id=None, now=NOW
    )
    assert (draft.kind, draft.stage, draft.question) == ("faq", "answer", "Can I swim?")
    assert prompt.buttons == "cancel"
    later = NOW + DRAFT_TTL + timedelta(seconds=1)
    assert (
        drafts.take_text(
            store, lambda: None, STAFF, "Not for 48 hours.", reply_to_message_id=None, now=later
        )
        is None
    )
    assert store.drafts.get(STAFF) is None  # the lapsed draft is gone from the database
    store.close()
