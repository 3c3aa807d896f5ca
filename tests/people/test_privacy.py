"""/forget on a real store (SQLite and PostgreSQL): the name, chat, words, pseudonym and
drafts go from every table, the staff alerts are queued by message id only and edited through
the Telegram edge, later if Telegram is unreachable."""

from __future__ import annotations

import pytest

from bot.inbox import drafts
from bot.inbox.escalation import open_escalation, record_forward
from bot.people.enrollment import accept, open_link
from bot.people.privacy import forget, redact_alerts
from bot.people.staff import invite_staff
from bot.store.postgres import ERASED_TABLES
from tests.enroll_helpers import NOW, add_clinic, all_values, enroll_patient, make_services
from tests.inline_db import InlineDb

PATIENT, SAM, SKY = 1001, 2001, 2002


class Editor:
    """Stands in for the Telegram edge: records each edit, answers "later" for `down` chats."""

    def __init__(self, down: tuple[int, ...] = ()) -> None:
        self.down = down
        self.edited: list[tuple[int, int]] = []

    async def __call__(self, chat_id: int, message_id: int) -> str:
        if chat_id in self.down:
            return "later"
        self.edited.append((chat_id, message_id))
        return "done"


def _patient_with_alerts(store):
    clinic = add_clinic(store)
    for chat in (SAM, SKY):
        open_link(store, invite_staff(store, clinic.id, NOW).token, chat, NOW)
    token = enroll_patient(store, clinic.id, "Zelda").invite.token
    open_link(store, token, PATIENT, NOW)
    accept(store, token, PATIENT, NOW, plan=lambda session_id, now: 0)
    patient = store.patients.by_chat(PATIENT)
    escalation = open_escalation(
        store, clinic_id=clinic.id, patient_id=patient.id, kind="unknown", category=None,
        question="Can I swim?", now=NOW,
    )  # fmt: skip
    record_forward(store, escalation, chat_id=SAM, message_id=41)
    record_forward(store, escalation, chat_id=SKY, message_id=42)
    return clinic, patient


async def test_forget_queues_the_alerts_and_they_are_edited_once(database):
    services = make_services(database)
    store = services.store
    _clinic, patient = _patient_with_alerts(store)
    assert store.escalations.queued_redactions() == []
    assert forget(store, PATIENT, NOW) == 1
    assert patient.pseudonym not in all_values(store)
    assert sorted(store.escalations.queued_redactions()) == [(SAM, 41), (SKY, 42)]

    editor = Editor(down=(SKY,))
    assert await redact_alerts(InlineDb(store), editor) == 1
    assert editor.edited == [(SAM, 41)]
    assert store.escalations.queued_redactions() == [(SKY, 42)]  # Telegram was unreachable
    editor = Editor()
    assert await redact_alerts(InlineDb(store), editor) == 1  # at the next /forget or start-up
    assert editor.edited == [(SKY, 42)] and store.escalations.queued_redactions() == []
    store.close()


def test_forget_drops_the_chats_unsaved_draft_and_nobody_elses(database):
    services = make_services(database)
    store = services.store
    clinic, _patient = _patient_with_alerts(store)
    # A staff member who is also the patient, half-way through /faq add, and a colleague.
    open_link(store, invite_staff(store, clinic.id, NOW).token, PATIENT, NOW)
    drafts.start_faq(store, PATIENT, clinic, NOW)
    drafts.start_faq(store, SAM, clinic, NOW)
    forget(store, PATIENT, NOW)
    assert store.drafts.get(PATIENT) is None
    assert store.drafts.get(SAM) is not None
    store.close()


def test_forget_leaves_nothing_of_the_patient_readable_in_any_table(database):
    services = make_services(database)
    store = services.store
    clinic, patient = _patient_with_alerts(store)
    drafts.start_faq(store, SAM, clinic, NOW)
    session_id = store.db.execute(
        "SELECT id FROM sessions WHERE patient_id = ?", [patient.id]
    ).fetchone()[0]
    store.db.execute("UPDATE sessions SET ref = 'BOOK-7781' WHERE id = ?", [session_id])
    private = ("Zelda", "Can I swim?", patient.pseudonym, "BOOK-7781")
    assert all(any(value in str(v) for v in all_values(store)) for value in private)
    assert PATIENT in all_values(store)

    assert forget(store, PATIENT, NOW) == 1

    left = all_values(store)
    assert not [value for value in private if any(value in str(v) for v in left)]
    assert PATIENT not in left and str(PATIENT) not in map(str, left)  # the chat id
    store.close()


@pytest.mark.postgres_only
def test_on_postgresql_forget_vacuums_the_tables_it_touched(database):
    services = make_services(database)
    store = services.store
    _patient_with_alerts(store)
    forget(store, PATIENT, NOW)
    vacuumed = {
        name
        for (name,) in store.db.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL"
        )
    }
    assert set(ERASED_TABLES) <= vacuumed
    store.close()
