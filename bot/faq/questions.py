"""A patient's own words: red flags first, then the FAQ; what needs a human goes to the inbox.

This module decides what the patient hears and in which order, and whether the clinic team
must hear about it; the Telegram side (`bot/telegram/handlers/questions.py`) only sends, and
the inbox (`bot.inbox.escalation.escalate`) records the escalation and alerts the staff.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.faq import redflags
from bot.faq.answer import Answer, follow_up
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
    """What to tell the patient, in order; every text is Telegram HTML (escaped, the clause
    that answers in bold).

    `first` goes out at once, one message each. When `escalate` is set, the clinic team is
    alerted next, and then the patient gets `if_reached` when at least one staff chat got the
    alert, else `if_not_reached`: the patient is told truthfully whether the team heard.
    `after` comes last: the other parts of a message whose red flag went first.
    """

    # answer | unknown | urgent | smalltalk | stranger; for attachments (`bot.faq.media`) also
    # photo | media | consent | staff
    kind: str
    first: tuple[str, ...] = ()
    escalate: Escalate | None = None
    if_reached: str = ""
    if_not_reached: str = ""
    after: tuple[str, ...] = ()


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
        if flag is not None and flag.urgent:
            log.info("stranger_red_flag category=%s", flag.category)
            wording = (
                answers.URGENT_NO_CLINIC_EMERGENCY if flag.emergency else answers.URGENT_NO_CLINIC
            )
            return Outcome("urgent", first=(escape(wording),))
        return Outcome("stranger", first=(escape(general.NOT_UNDERSTOOD),))

    answer: Answer = faq().for_clinic(store, clinic, now).answer(text)
    store.events.record(stats.QUESTION, now=now, clinic_id=clinic.id, patient_id=patient.id)
    log.info(
        "question patient=%s kind=%s parts=%d matched=%s",
        patient.pseudonym,
        answer.kind,
        len(answer.parts) or 1,
        answer.matched,
    )
    if not answer.needs_staff:
        return Outcome(answer.kind, first=(answer.reply_html,))
    # A message with a part the guide does not cover goes to staff as a question.
    kind = "urgent" if answer.kind == "urgent" else "unknown"
    escalate = Escalate(clinic.id, patient.id, kind, answer.red_flag, text)
    if answer.kind == "urgent":
        # "Call the clinic now" goes out before anything else happens; whether the team was
        # alerted follows once it is known, then the message's other parts.
        urgent = next((p for p in answer.parts if p.kind == "urgent"), answer)
        rest = [p for p in answer.parts if p.kind != "urgent"]
        return Outcome(
            answer.kind,
            first=(urgent.reply_html,),
            escalate=escalate,
            if_reached=escape(answers.STAFF_ALERTED),
            if_not_reached=escape(answers.STAFF_NOT_REACHED),
            after=(follow_up(rest, clinic).reply_html,) if rest else (),
        )
    # An unanswered question waits for the alert: one message, the answer and who heard it.
    return Outcome(
        answer.kind,
        escalate=escalate,
        if_reached=f"{answer.reply_html}\n\n{escape(answers.QUESTION_PASSED_ON)}",
        if_not_reached=f"{answer.reply_html}\n\n{escape(answers.STAFF_NOT_REACHED)}",
    )


def escape(text: str) -> str:
    """Plain words as Telegram HTML."""
    return html.escape(text, quote=False)
