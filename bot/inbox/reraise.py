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
from bot.wording.staff import inbox

log = logging.getLogger(__name__)

# Sends a patient's chat one plain-text message: (chat id, text) -> whether it was delivered.
PatientTeller = Callable[[int, str], Awaitable[bool]]


async def raise_due(
    store: Store,
    *,
    send: AlertSender,
    tell: PatientTeller,
    edit: lifecycle.AlertEditor,
    now: datetime,
) -> int:
    """Every urgent escalation whose turn has come: raised again to every staff chat of its
    clinic, or, after the last time, its patient told to phone (and every alert of it says
    so). Returns how many were handled."""
    handled = 0
    for escalation in store.escalations.due_raises(now):
        patient = store.patients.get(escalation.patient_id)
        if patient.chat_id is None or patient.status not in LINKED:
            store.escalations.stop_raising(escalation.id)  # left or forgotten: nobody to help
            log.info("escalation_raise_dropped escalation=%s", escalation.id)
        elif escalation.raised_count < urgency.MAX_RAISES:
            await _raise_again(store, escalation, send=send, edit=edit, now=now)
        else:
            await _tell_patient(store, escalation, patient.chat_id, tell=tell, edit=edit, now=now)
        handled += 1
    return handled


async def _raise_again(
    store: Store,
    escalation: Escalation,
    *,
    send: AlertSender,
    edit: lifecycle.AlertEditor,
    now: datetime,
) -> None:
    times = escalation.raised_count + 1
    taker = assignment.holder(store, escalation)
    let_go = assignment.member_name(store, escalation.clinic_id, taker) if taker else ""
    waited = int((now - escalation.created_at).total_seconds() // 60)
    heading = inbox.raised_again(times, urgency.MAX_RAISES)
    footing = inbox.raised_after(waited, let_go)
    room = excerpt.length(heading) + excerpt.length(footing) + 4
    text = f"{heading}\n\n{alert_text(store, escalation, reserve=room)}\n\n{footing}"
    with store.db.atomic():
        clinic = store.clinics.get(escalation.clinic_id)
        store.escalations.raised(escalation.id, next_at=now + urgency.raise_every(clinic))
        assignment.record(store, stats.ESCALATION_RAISED, escalation, now)
    reached = 0
    for chat_id in store.staff.chats(escalation.clinic_id):
        message_id = await send(chat_id, text, escalation.id, escalation.photo_file_id)
        if message_id is not None:
            record_forward(store, escalation, chat_id=chat_id, message_id=message_id)
            reached += 1
    if taker:  # the earlier alerts no longer say it is theirs
        await lifecycle.show_state(store, escalation.id, edit=edit)
    log.info("escalation_raised escalation=%s times=%s reached=%s", escalation.id, times, reached)


async def _tell_patient(
    store: Store,
    escalation: Escalation,
    chat_id: int,
    *,
    tell: PatientTeller,
    edit: lifecycle.AlertEditor,
    now: datetime,
) -> None:
    clinic = store.clinics.get(escalation.clinic_id)
    with store.db.atomic():
        store.escalations.patient_told(escalation.id, now)
        assignment.record(store, stats.ESCALATION_PATIENT_TOLD, escalation, now)
    delivered = await tell(chat_id, urgency.what_to_do(clinic, escalation, now))
    log.info("escalation_patient_told escalation=%s delivered=%s", escalation.id, delivered)
    await lifecycle.show_state(store, escalation.id, edit=edit)
