"""`/forget`: erasing what the bot holds about a person, in the database, on disk and in the
staff chats' alerts.

Erasing is all or nothing, zeroed on disk and flushed out of the write-ahead log
(`Store.erasing`). The alerts staff received carried the patient's name and words; they are
queued by message id and edited afterwards through an `AlertEditor` (the Telegram edge).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Literal

from bot.people import stats
from bot.store import Store
from bot.store.worker import Db

log = logging.getLogger(__name__)

# Edits one staff alert to say it was erased: (staff chat id, message id) ->
# "done" (edited, or Telegram will never allow it: gone, too old, bot blocked) or
# "later" (Telegram could not be reached; try again at the next /forget or start-up).
AlertEditor = Callable[[int, int], Awaitable[Literal["done", "later"]]]


def holds_anything(store: Store, chat_id: int) -> bool:
    """Whether this chat is named anywhere /forget would erase: a patient row (any clinic) or a
    consent question it opened."""
    return bool(store.patients.ids_of_chat(chat_id)) or store.consent_prompts.any_for_chat(chat_id)


def forget(store: Store, chat_id: int, now: datetime) -> int:
    """Erase the first name, chat link, pseudonym, escalation texts, booking references and
    unsent messages of every patient row of this chat (every clinic's), the chat's unsaved
    drafts and the consent questions it opened; anonymous counters stay. Returns how many
    patient rows were erased."""
    erased = []
    with store.erasing(), store.db.atomic():
        store.consent_prompts.forget_chat(chat_id)
        for patient_id in store.patients.ids_of_chat(chat_id):
            patient = store.patients.get(patient_id)
            store.patients.erase(patient_id, now)
            store.events.record(
                stats.FORGOTTEN, now=now, clinic_id=patient.clinic_id, patient_id=patient_id
            )
            erased.append(patient.pseudonym)
        if erased:
            store.drafts.delete(chat_id)
    for pseudonym in erased:
        log.info("patient_forgotten patient=%s", pseudonym)
    return len(erased)


async def redact_alerts(db: Db, edit: AlertEditor) -> int:
    """Edit every queued alert of a forgotten patient; returns how many are done. Alerts
    Telegram could not be reached for stay queued. The store is reached through `db`."""
    escalations = db.store.escalations
    done = 0
    for chat_id, message_id in await db.read(escalations.queued_redactions):
        if await edit(chat_id, message_id) == "later":
            log.warning("alert_redaction_deferred message=%s", message_id)
            continue
        await db(escalations.redaction_done, chat_id=chat_id, message_id=message_id)
        done += 1
    if done:
        log.info("alerts_redacted count=%s", done)
    return done
