"""`/forget`: erasing what a chat's patient rows say about a person, all or nothing."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.people import stats
from bot.store import Store

log = logging.getLogger(__name__)


def holds_anything(store: Store, chat_id: int) -> bool:
    """Whether this chat is named anywhere /forget would erase: a patient row (any clinic) or a
    consent question it opened."""
    return bool(store.patients.ids_of_chat(chat_id)) or store.consent_prompts.any_for_chat(chat_id)


def forget(store: Store, chat_id: int, now: datetime) -> int:
    """Erase the first name, chat link, escalation texts and unsent messages of every patient
    row of this chat (every clinic's), and the consent questions it opened; anonymous
    counters stay. Returns how many patient rows were erased."""
    erased = []
    with store.db.atomic():
        store.consent_prompts.forget_chat(chat_id)
        for patient_id in store.patients.ids_of_chat(chat_id):
            clinic_id = store.patients.get(patient_id).clinic_id
            store.patients.erase(patient_id)
            store.events.record(
                stats.FORGOTTEN, now=now, clinic_id=clinic_id, patient_id=patient_id
            )
            erased.append(patient_id)
    for patient_id in erased:
        log.info("patient_forgotten patient=%s", patient_id)
    return len(erased)
