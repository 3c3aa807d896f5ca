"""A patient's own words: red flags first, then the FAQ; what needs a human goes to the inbox.

This module decides what the patient hears and in which order, and whether the clinic team
must hear about it; the Telegram side (`bot/telegram/handlers/questions.py`) only sends, and
the inbox (`bot.inbox.escalation.escalate_all`) records the escalations and alerts the staff.

A chat's consented patient rows are one person: the newest clinic answers, and a red flag
reaches every clinic they agreed to, each named with its phone. Before agreeing, a red flag
still reaches the clinic that enrolled them (their vital interest) and anything else gets
"please agree first", passed on to nobody. An edited message is only checked for a red flag.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.faq import redflags
from bot.faq.answer import Answer, follow_up, urgent_reply
from bot.faq.engine import Faq
from bot.people import stats
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.patients import Patient
from bot.wording.patients import answers, general, joining

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Escalate:
    """What the clinic team must hear about: a red flag (`urgent`, with its `category`), a
    question the guide does not answer (`unknown`) or a photo (`photo`), in the patient's own
    words; `photo` is the Telegram file_id of a photo that goes with it. `message_id` is the
    patient's message in their chat, so an edit of it never escalates it twice."""

    clinic_id: int
    patient_id: int
    kind: str
    category: str | None
    question: str
    photo: str | None = None
    message_id: int | None = None


@dataclass(frozen=True)
class Outcome:
    """What to tell the patient, in order; every text is Telegram HTML (escaped, the clause
    that answers in bold).

    `first` goes out at once, one message each. When `escalations` are set (a red flag: one
    per clinic the patient agreed to; a question: the newest clinic's), the clinic teams are
    alerted next, and then the patient gets `if_reached` when at least one staff chat got an
    alert, else `if_not_reached`: the patient is told truthfully whether a team heard.
    `after` comes last: the other parts of a message whose red flag went first.
    """

    # answer | unknown | urgent | smalltalk | stranger | not_agreed | edit_seen; for
    # attachments (`bot.faq.media`) also photo | media | consent | staff
    kind: str
    first: tuple[str, ...] = ()
    escalations: tuple[Escalate, ...] = ()
    if_reached: str = ""
    if_not_reached: str = ""
    after: tuple[str, ...] = ()

    @property
    def escalate(self) -> Escalate | None:
        """The first escalation (the newest clinic's), or None."""
        return self.escalations[0] if self.escalations else None


def handle_message(
    store: Store,
    faq: Callable[[], Faq],
    chat_id: int,
    text: str,
    now: datetime,
    *,
    message_id: int | None = None,
) -> Outcome:
    """Answer free text from a chat; urgent and unanswered questions of patients are escalated.

    `faq` gives the engine; it is called only for a patient's question (the first call may
    build the engine), so other messages never wait for it.
    """
    rows = store.patients.consented_by_chat(chat_id)
    if not rows:
        waiting = _waiting(store, chat_id)
        if waiting is not None:
            return _before_consent(store, *waiting, text, message_id, now)
        # Someone with no clinic link: nobody to alert, but a red flag still gets the
        # emergency wording before anything else.
        category = _urgent(text)
        if category is not None:
            log.info("stranger_red_flag category=%s", category)
            wording = (
                answers.URGENT_NO_CLINIC_EMERGENCY
                if category in redflags.EMERGENCY_CATEGORIES
                else answers.URGENT_NO_CLINIC
            )
            return Outcome("urgent", first=(escape(wording),))
        return Outcome("stranger", first=(escape(general.NOT_UNDERSTOOD),))

    patient, clinic = rows[0], store.clinics.get(rows[0].clinic_id)
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
        if answer.kind == "answer":
            store.events.record(stats.ANSWERED, now=now, clinic_id=clinic.id, patient_id=patient.id)
        return Outcome(answer.kind, first=(answer.reply_html,))
    if answer.kind == "urgent":
        # "Call the clinic now" goes out before anything else happens; whether the teams were
        # alerted follows once it is known, then the message's other parts.
        urgent = next((p for p in answer.parts if p.kind == "urgent"), answer)
        rest = [p for p in answer.parts if p.kind != "urgent"]
        after = (follow_up(rest, clinic).reply_html,) if rest else ()
        first = urgent.reply_html
        if len(rows) > 1:  # every clinic of theirs, each with its phone
            first = escape(urgent_reply(answer.red_flag, _clinics(store, rows), now))
        return _urgent_outcome(rows, answer.red_flag, text, message_id, first, after)
    # A message with a part the guide does not cover goes to staff as a question; it waits
    # for the alert: one message, the answer and who heard it.
    escalate = Escalate(
        clinic.id, patient.id, "unknown", answer.red_flag, text, message_id=message_id
    )
    return Outcome(
        answer.kind,
        escalations=(escalate,),
        if_reached=f"{answer.reply_html}\n\n{escape(answers.QUESTION_PASSED_ON)}",
        if_not_reached=f"{answer.reply_html}\n\n{escape(answers.STAFF_NOT_REACHED)}",
    )


def handle_edit(store: Store, chat_id: int, message_id: int, text: str, now: datetime) -> Outcome:
    """An edited message: checked for a red flag only, and escalated once per message.

    The first version was answered already, so an edit never gets a second answer; a red flag
    the edit adds is escalated like a new message, unless this message already raised one.
    """
    rows = store.patients.consented_by_chat(chat_id)
    waiting = None if rows else _waiting(store, chat_id)
    patients = rows or ([waiting[1]] if waiting else [])
    category = _urgent(text) if patients else None
    if category is None or any(
        store.escalations.urgent_for_message(p.id, message_id) for p in patients
    ):
        log.info("edit_seen red_flag=%s", category is not None)
        return Outcome("edit_seen")
    if waiting is not None:
        return _before_consent(store, *waiting, text, message_id, now)
    first = escape(urgent_reply(category, _clinics(store, rows), now))
    return _urgent_outcome(rows, category, text, message_id, first)


def _urgent(text: str) -> str | None:
    """The category of a red flag the patient reports (not one they only ask about)."""
    flag = redflags.check(text)
    return flag.category if flag is not None and flag.urgent else None


def _clinics(store: Store, rows: list[Patient]) -> list[Clinic]:
    return [store.clinics.get(row.clinic_id) for row in rows]


def _urgent_outcome(
    rows: list[Patient],
    category: str | None,
    text: str,
    message_id: int | None,
    first: str,
    after: tuple[str, ...] = (),
) -> Outcome:
    """A red flag: `first` (call the clinic now) before anything else, one escalation per
    patient row (clinic), then whether the teams heard, then `after`."""
    escalations = tuple(
        Escalate(row.clinic_id, row.id, "urgent", category, text, message_id=message_id)
        for row in rows
    )
    return Outcome(
        "urgent",
        first=(first,),
        escalations=escalations,
        if_reached=escape(answers.STAFF_ALERTED),
        if_not_reached=escape(answers.STAFF_NOT_REACHED),
        after=after,
    )


def _waiting(store: Store, chat_id: int) -> tuple[Clinic, Patient] | None:
    """The clinic and patient of the consent question this chat has open, if any."""
    token = store.consent_prompts.open_token(chat_id)
    invite = store.invites.get(token) if token else None
    if invite is None:
        return None
    session = store.sessions.get(invite.session_id)
    return store.clinics.get(invite.clinic_id), store.patients.get(session.patient_id)


def _before_consent(
    store: Store,
    clinic: Clinic,
    patient: Patient,
    text: str,
    message_id: int | None,
    now: datetime,
) -> Outcome:
    category = _urgent(text)
    if category is None:
        log.info("question_before_consent patient=%s", patient.pseudonym)
        return Outcome(
            "not_agreed", first=(escape(joining.agree_first(clinic.name, clinic.phone)),)
        )
    log.info("red_flag_before_consent patient=%s category=%s", patient.pseudonym, category)
    first = escape(urgent_reply(category, [clinic], now))
    return _urgent_outcome([patient], category, text, message_id, first)


def escape(text: str) -> str:
    """Plain words as Telegram HTML."""
    return html.escape(text, quote=False)
