"""Learning from the gaps: a staff answer to a question the guide did not cover becomes one of
the clinic's own FAQ entries, so the bot answers the next patient who asks the same thing in
other words.

After the first staff answer to such an escalation the clinic's admins are offered it
(`proposals`); an admin who takes it up writes the question in neutral words, sees the entry
as patients will, and approves it (the draft is run by `bot.inbox.drafts`). Neither the
question nor the answer may name the patient, and the question may not be the patient's own
wording: the entry is stored without either, and records which escalation it came from.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

from bot.faq import clinic_faq
from bot.inbox import assignment
from bot.people import stats
from bot.people.outcomes import Refused
from bot.store import Store
from bot.store.escalations import Escalation
from bot.wording.staff import learning, own_answers

log = logging.getLogger(__name__)

_WORDS = re.compile(r"[^\W_]+")


def is_admin(store: Store, chat_id: int) -> bool:
    """Whether the chat may turn answers into entries: one of its clinic's admins now."""
    member = store.staff.member(chat_id)
    return member is not None and member.admin


def admins(store: Store, clinic_id: int) -> list[int]:
    return [member.chat_id for member in store.staff.members(clinic_id) if member.admin]


def proposals(store: Store, escalation_id: int) -> list[tuple[int, str]]:
    """After the first staff answer to an unanswered question: (admin chat, text) for each of
    the clinic's admins but the one who answered (their confirmation carries the offer, see
    `offered_to`); [] when there is nothing to propose."""
    escalation = _proposable(store, escalation_id)
    if escalation is None:
        return []
    who = assignment.member_name(store, escalation.clinic_id, escalation.replied_by)
    text = learning.proposal(who, escalation.id, escalation.answer or "")
    chats = admins(store, escalation.clinic_id)
    return [(chat, text) for chat in chats if chat != escalation.replied_by]


def offered_to(store: Store, escalation_id: int, staff_chat: int) -> bool:
    """Whether the member who just answered is an admin who may make an entry of it."""
    return _proposable(store, escalation_id) is not None and is_admin(store, staff_chat)


def _proposable(store: Store, escalation_id: int) -> Escalation | None:
    escalation = store.escalations.get(escalation_id)
    if escalation is None or escalation.kind != "unknown" or not escalation.answer:
        return None
    return escalation if escalation.faq_entry_id is None else None


def learnable(store: Store, chat_id: int, escalation_id: int) -> Escalation | Refused:
    """The escalation an admin may turn into an entry now, or why not."""
    escalation = store.escalations.get(escalation_id)
    if escalation is None or store.staff.clinic_of(chat_id) != escalation.clinic_id:
        return Refused(learning.NOT_ANSWERED)
    if not is_admin(store, chat_id):
        return Refused(learning.NOT_AN_ADMIN)
    if escalation.kind != "unknown":
        return Refused(learning.NOT_A_QUESTION)
    if escalation.faq_entry_id is not None:
        return Refused(learning.already_learned(escalation.faq_entry_id))
    if not escalation.answer or escalation.question is None:
        return Refused(learning.NOT_ANSWERED)
    refused = clinic_faq.can_add(store, escalation.clinic_id)
    return refused or escalation


def question_prompt(escalation: Escalation) -> str:
    return learning.ask_question(escalation.answer or "", clinic_faq.MAX_QUESTION)


def question_problem(store: Store, escalation_id: int, text: str) -> str | None:
    """What is wrong with an admin's question for the entry: too long, the patient's name, or
    the patient's own wording; None when it will do."""
    problem = clinic_faq.question_problem(text)
    if problem:
        return problem
    escalation = store.escalations.get(escalation_id)
    if escalation is None or escalation.question is None:
        return learning.NOT_ANSWERED
    if _names(store, escalation, text):
        return learning.NAMES_THE_PATIENT
    asked, written = _folded(escalation.question), _folded(text)
    if written and (written == asked or (len(written) > 3 and _within(written, asked))):
        return learning.PATIENTS_WORDS
    return None


def answer_problem(store: Store, escalation_id: int, text: str) -> str | None:
    """What is wrong with the entry's answer: too long or empty, or the patient's name."""
    problem = clinic_faq.answer_problem(text)
    if problem:
        return problem
    escalation = store.escalations.get(escalation_id)
    if escalation is not None and _names(store, escalation, text):
        return learning.ANSWER_NAMES_THE_PATIENT
    return None


def save(
    store: Store, escalation_id: int, question: str, answer: str, *, staff_chat: int, now: datetime
) -> str:
    """Approve tapped: store the entry (checked once more) and remember where it came from;
    returns what to tell the admin."""
    found = learnable(store, staff_chat, escalation_id)
    if isinstance(found, Refused):
        return found.message
    problem = question_problem(store, escalation_id, question) or answer_problem(
        store, escalation_id, answer
    )
    if problem:
        return problem
    clinic = store.clinics.get(found.clinic_id)
    with store.db.atomic():
        added = clinic_faq.add(store, clinic, question, answer, author_chat_id=staff_chat, now=now)
        if isinstance(added, Refused):
            return added.message
        store.escalations.learned(escalation_id, added)
        store.events.record(stats.FAQ_ENTRY_LEARNED, now=now, clinic_id=clinic.id)
    log.info("faq_entry_learned escalation=%s entry=%s", escalation_id, added)
    return own_answers.saved(added)


def _names(store: Store, escalation: Escalation, text: str) -> bool:
    """Whether `text` holds a word of the patient's first name."""
    first = store.patients.get(escalation.patient_id).first_name or ""
    name = {word.casefold() for word in _WORDS.findall(first)}
    return bool(name & {word.casefold() for word in _WORDS.findall(text)})


def _folded(text: str) -> list[str]:
    return [word.casefold() for word in _WORDS.findall(text)]


def _within(short: list[str], long: list[str]) -> bool:
    """Whether `short` appears as a run of words inside `long`."""
    size = len(short)
    return any(long[i : i + size] == short for i in range(len(long) - size + 1))
