"""A patient's own words: red flags first, then the FAQ; what needs a human goes to the inbox.

This module decides what the patient hears and in which order, and whether the clinic team
must hear about it; the Telegram side (`bot/telegram/handlers/questions.py`) only sends, and
the inbox (`bot.inbox.escalation.escalate`) records the escalation and alerts the staff.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.faq import redflags
from bot.faq.answer import Answer
from bot.faq.engine import Faq
from bot.people import stats
from bot.store import Store
from bot.wording.patients import answers, general

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Escalate:
    """What the clinic team must hear about: a red flag (`urgent`, with its `category`), a
    question the guide does not answer (`unknown`) or a photo (`photo`), in the patient's own
    words; `photo` is the Telegram file_id of a photo that goes with it."""

    clinic_id: int
    patient_id: int
    kind: str
    category: str | None
    question: str
    photo: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What to tell the patient, in order.

    `first` goes out at once, one message each. When `escalate` is set, the clinic team is
    alerted next, and then the patient gets `if_reached` when at least one staff chat got the
    alert, else `if_not_reached`: the patient is told truthfully whether the team heard.
    """

    # answer | unknown | urgent | smalltalk | stranger; for attachments (`bot.faq.media`) also
    # photo | media | consent | staff
    kind: str
    first: tuple[str, ...] = ()
    escalate: Escalate | None = None
    if_reached: str = ""
    if_not_reached: str = ""


def handle_message(
    store: Store, faq: Callable[[], Faq], chat_id: int, text: str, now: datetime
) -> Outcome:
    """Answer free text from a chat; urgent and unanswered questions of patients are escalated.

    `faq` gives the engine; it is called only for a patient's question (the first call may
    build the engine), so strangers' messages never wait for it.
    """
    patient = store.patients.by_chat(chat_id)
    clinic = store.clinics.get(patient.clinic_id) if patient else None
    if patient is None or clinic is None:
        # Someone with no clinic link: nobody to alert, but a red flag still gets the
        # emergency wording before anything else.
        flag = redflags.check(text)
        if flag is not None:
            log.info("stranger_red_flag chat=%s category=%s", chat_id, flag.category)
            return Outcome("urgent", first=(answers.URGENT_NO_CLINIC,))
        return Outcome("stranger", first=(general.NOT_UNDERSTOOD,))

    answer: Answer = faq().for_clinic(store, clinic).answer(text)
    store.events.record(stats.QUESTION, now=now, clinic_id=clinic.id, patient_id=patient.id)
    log.info("question patient=%s kind=%s matched=%s", patient.id, answer.kind, answer.matched)
    if not answer.needs_staff:
        return Outcome(answer.kind, first=(answer.text,))
    escalate = Escalate(clinic.id, patient.id, answer.kind, answer.red_flag, text)
    if answer.kind == "urgent":
        # "Call the clinic now" goes out before anything else happens; whether the team was
        # alerted follows once it is known.
        return Outcome(
            answer.kind,
            first=(answer.text,),
            escalate=escalate,
            if_reached=answers.STAFF_ALERTED,
            if_not_reached=answers.STAFF_NOT_REACHED,
        )
    # An unanswered question waits for the alert: one message, the answer and who heard it.
    return Outcome(
        answer.kind,
        escalate=escalate,
        if_reached=f"{answer.text}\n\n{answers.QUESTION_PASSED_ON}",
        if_not_reached=f"{answer.text}\n\n{answers.STAFF_NOT_REACHED}",
    )
