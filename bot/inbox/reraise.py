"""Raising again the urgent escalations nobody answered, and then telling the patient what to
do. The database is the schedule (`escalations.next_raise_at`); the Telegram edge's JobQueue
only decides when to look (`bot/telegram/escalation_jobs.py`), and tests call `raise_due` on a
manual clock.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.inbox import assignment, excerpt, lifecycle, urgency
from bot.inbox.escalation import AlertSender, alert_text, record_forward
from bot.people import stats
from bot.store import Store
from bot.store.escalations import Escalation
from bot.store.patients import LINKED
from bot.store.worker import Db
from bot.wording.staff import inbox

log = logging.getLogger(__name__)

# Sends a patient's chat one plain-text message: (chat id, text) -> whether it was delivered.
PatientTeller = Callable[[int, str], Awaitable[bool]]


async def raise_due(
    db: Db,
    *,
    send: AlertSender,
    tell: PatientTeller,
    edit: lifecycle.AlertEditor,
    now: datetime,
) -> int:
    """Every urgent escalation whose turn has come: raised again to every staff chat of its
    clinic, or, after the last time, its patient told to phone (and every alert of it says
    so). Returns how many were handled. The store is reached through `db`."""
    handled = 0
    for escalation, chat_id in await db(_due, db.store, now):
        if chat_id is None:
            log.info("escalation_raise_dropped escalation=%s", escalation.id)
        elif escalation.raised_count < urgency.MAX_RAISES:
            await _raise_again(db, escalation, send=send, edit=edit, now=now)
        else:
            await _tell_patient(db, escalation, chat_id, tell=tell, edit=edit, now=now)
        handled += 1
    return handled


def _due(store: Store, now: datetime) -> list[tuple[Escalation, int | None]]:
    """The escalations due, each with its patient's chat; one whose patient left or was
    forgotten stops being raised (nobody to help), and comes with None."""
    due = []
    for escalation in store.escalations.due_raises(now):
        patient = store.patients.get(escalation.patient_id)
        if patient.chat_id is None or patient.status not in LINKED:
            store.escalations.stop_raising(escalation.id)
            due.append((escalation, None))
        else:
            due.append((escalation, patient.chat_id))
    return due


async def _raise_again(
    db: Db,
    escalation: Escalation,
    *,
    send: AlertSender,
    edit: lifecycle.AlertEditor,
    now: datetime,
) -> None:
    times = escalation.raised_count + 1
    raised = await db(_raised, db.store, escalation, now)
    if raised is None:  # another instance raised it first
        return
    text, taker, chats = raised
    reached = 0
    for chat_id in chats:
        message_id = await send(chat_id, text, escalation.id, escalation.photo_file_id)
        if message_id is not None:
            await db(record_forward, db.store, escalation, chat_id=chat_id, message_id=message_id)
            reached += 1
    if taker:  # the earlier alerts no longer say it is theirs
        await lifecycle.show_state(db, escalation.id, edit=edit)
    log.info("escalation_raised escalation=%s times=%s reached=%s", escalation.id, times, reached)


def _raised(
    store: Store, escalation: Escalation, now: datetime
) -> tuple[str, int | None, list] | None:
    """Record the raising; (the alert's text, who had it, the staff chats to alert), or None
    when another instance raised it first."""
    clinic = store.clinics.get(escalation.clinic_id)
    next_at = now + urgency.raise_every(clinic)
    taker = assignment.holder(store, escalation)  # before `raised` lets go of it
    if not store.escalations.raised(escalation.id, next_at=next_at, due=escalation.next_raise_at):
        return None
    let_go = assignment.member_name(store, escalation.clinic_id, taker) if taker else ""
    waited = int((now - escalation.created_at).total_seconds() // 60)
    heading = inbox.raised_again(escalation.raised_count + 1, urgency.MAX_RAISES)
    footing = inbox.raised_after(waited, let_go)
    room = excerpt.length(heading) + excerpt.length(footing) + 4
    text = f"{heading}\n\n{alert_text(store, escalation, reserve=room)}\n\n{footing}"
    assignment.record(store, stats.ESCALATION_RAISED, escalation, now)
    return text, taker, store.staff.chats(escalation.clinic_id)


async def _tell_patient(
    db: Db,
    escalation: Escalation,
    chat_id: int,
    *,
    tell: PatientTeller,
    edit: lifecycle.AlertEditor,
    now: datetime,
) -> None:
    text = await db(_told, db.store, escalation, now)
    if text is None:  # another instance told them first
        return
    delivered = await tell(chat_id, text)
    log.info("escalation_patient_told escalation=%s delivered=%s", escalation.id, delivered)
    await lifecycle.show_state(db, escalation.id, edit=edit)


def _told(store: Store, escalation: Escalation, now: datetime) -> str | None:
    """Record that the patient is told; what to tell them (None: another instance did)."""
    clinic = store.clinics.get(escalation.clinic_id)
    if not store.escalations.patient_told(escalation.id, now, due=escalation.next_raise_at):
        return None
    assignment.record(store, stats.ESCALATION_PATIENT_TOLD, escalation, now)
    return urgency.what_to_do(clinic, escalation, now)
