"""A patient's own words: red flags first, then the FAQ; what needs a human opens an escalation.

The Telegram side (`bot/telegram/handlers/questions.py`) replies and forwards; this module decides.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.faq import redflags
from bot.faq.answer import Answer
from bot.faq.engine import Faq
from bot.inbox.escalation import open_escalation
from bot.people import stats
from bot.store import Store
from bot.store.escalations import Escalation
from bot.store.patients import Patient
from bot.wording.patients import answers, general

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    kind: str  # answer | unknown | urgent | smalltalk | stranger
    reply: str
    patient: Patient | None = None
    escalation: Escalation | None = None


def handle_message(store: Store, faq: Faq, chat_id: int, text: str, now: datetime) -> Outcome:
    """Answer free text from a chat; urgent and unanswered questions of patients are escalated."""
    patient = store.patients.by_chat(chat_id)
    clinic = store.clinics.get(patient.clinic_id) if patient else None
    if patient is None or clinic is None:
        # Someone with no clinic link: nobody to alert, but a red flag still gets the
        # emergency wording before anything else.
        flag = redflags.check(text)
        if flag is not None and flag.urgent:
            log.info("stranger_red_flag chat=%s category=%s", chat_id, flag.category)
            return Outcome("urgent", answers.URGENT_NO_CLINIC)
        return Outcome("stranger", general.NOT_UNDERSTOOD)

    answer: Answer = faq.for_clinic(store, clinic).answer(text)
    store.events.record(stats.QUESTION, now=now, clinic_id=clinic.id, patient_id=patient.id)
    log.info("question patient=%s kind=%s matched=%s", patient.id, answer.kind, answer.matched)
    escalation = None
    if answer.needs_staff:
        escalation = open_escalation(
            store,
            clinic_id=clinic.id,
            patient_id=patient.id,
            kind=answer.kind,
            category=answer.red_flag,
            question=text,
            now=now,
        )
    return Outcome(answer.kind, answer.text, patient, escalation)


def staff_note(outcome: Outcome, staff_reached: int) -> str:
    """The line that tells the patient, truthfully, whether the clinic team was told."""
    if outcome.escalation is None:
        return ""
    if staff_reached == 0:
        return answers.STAFF_NOT_REACHED
    return answers.STAFF_ALERTED if outcome.kind == "urgent" else answers.QUESTION_PASSED_ON
