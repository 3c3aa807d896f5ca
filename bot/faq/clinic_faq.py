"""Staff writing their clinic's own FAQ entries: check, preview, add, list, delete.

A clinic entry is the clinic speaking, never the guide: every view marks it as the clinic's
own advice. What staff type is stored as typed and HTML-escaped wherever it is shown.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import datetime

from bot.people import stats
from bot.people.numbers import foreign_digits, parse_number
from bot.people.outcomes import Refused
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.faq_entries import ClinicEntryRow
from bot.wording.patients import answers
from bot.wording.staff import own_answers, team

log = logging.getLogger(__name__)

MAX_QUESTION = 300
MAX_ANSWER = 1500
MAX_ENTRIES = 200  # keeps /faq readable and the per-question lookup small
MESSAGE_BUDGET = 3500  # under Telegram's 4096, leaving room for escaping and tags


def question_problem(text: str) -> str | None:
    return _problem("question", text, MAX_QUESTION)


def answer_problem(text: str) -> str | None:
    return _problem("answer", text, MAX_ANSWER)


def _problem(what: str, text: str, limit: int) -> str | None:
    if not text.strip():
        return own_answers.empty(what)
    if len(text.strip()) > limit:
        return own_answers.too_long(what, len(text.strip()), limit)
    return None


def can_add(store: Store, clinic_id: int) -> Refused | None:
    if store.faq_entries.count(clinic_id) >= MAX_ENTRIES:
        return Refused(own_answers.full(MAX_ENTRIES))
    return None


def start(store: Store, clinic: Clinic) -> str | Refused:
    """/faq add: the first prompt (asking for the question), or a refusal when the clinic's
    list is full."""
    refused = can_add(store, clinic.id)
    if refused:
        return refused
    return own_answers.ask_question(MAX_QUESTION)


@dataclass(frozen=True)
class EntryCheck:
    """One text of a /faq add, checked: its `problem` (worded for staff), else what follows:
    the `prompt` for the answer after a question, the `preview_html` after an answer."""

    problem: str = ""
    prompt: str = ""
    preview_html: str = ""


def check_text(store: Store, clinic_id: int, text: str, *, question: str | None) -> EntryCheck:
    """The next text of a /faq add: the question when `question` is None, else its answer."""
    problem = question_problem(text) if question is None else answer_problem(text)
    if problem:
        return EntryCheck(problem=problem)
    clinic = store.clinics.get(clinic_id)
    if question is None:
        return EntryCheck(prompt=own_answers.ask_answer(clinic.name, MAX_ANSWER))
    return EntryCheck(preview_html=preview_html(clinic, question, text.strip()))


def save_draft(
    store: Store, clinic_id: int, question: str, answer: str, *, staff_chat: int, now: datetime
) -> str:
    """Save tapped on an entry's preview; returns what to tell the staff member."""
    clinic = store.clinics.get(clinic_id)
    added = add(store, clinic, question, answer, author_chat_id=staff_chat, now=now)
    return added.message if isinstance(added, Refused) else own_answers.saved(added)


def preview_html(clinic: Clinic, question: str, answer: str) -> str:
    """Telegram HTML showing the entry as a patient would get it, marked as the clinic's."""
    return (
        f"{_esc(own_answers.preview_heading(question.strip()))}\n\n"
        f"<i>{_esc(answers.clinic_advice_heading(clinic.name))}</i>\n{_esc(answer.strip())}\n\n"
        f"{_esc(own_answers.PREVIEW_FOOTER)}"
    )


def add(
    store: Store, clinic: Clinic, question: str, answer: str, *, author_chat_id: int, now: datetime
) -> int | Refused:
    """Store the entry after checking it once more; returns its number."""
    problem = question_problem(question) or answer_problem(answer)
    refused = can_add(store, clinic.id)
    if problem:
        return Refused(problem)
    if refused:
        return refused
    with store.db.atomic():
        entry_id = store.faq_entries.add(
            clinic.id, question.strip(), answer.strip(), author_chat_id, now
        )
        store.events.record(stats.FAQ_ENTRY_ADDED, now=now, clinic_id=clinic.id)
    log.info(
        "faq_entry_added clinic=%s entry=%s staff_chat=%s", clinic.id, entry_id, author_chat_id
    )
    return entry_id


def delete(store: Store, clinic: Clinic, ref: str, *, staff_chat: int, now: datetime) -> str:
    """/faq delete <number>: only the staff member's own clinic's entries can be found."""
    typed = ref.strip().removeprefix("#")
    number = parse_number(typed, "entry number", example="/faq delete 3")
    if isinstance(number, Refused):
        # Digits of another script get the 0-9 explanation; anything else is simply no entry.
        return number.message if foreign_digits(typed) else own_answers.not_found(typed)
    entry = store.faq_entries.get(clinic.id, number)
    if entry is None or not store.faq_entries.delete(clinic.id, entry.id, now):
        return own_answers.not_found(str(number))
    store.events.record(stats.FAQ_ENTRY_DELETED, now=now, clinic_id=clinic.id)
    log.info("faq_entry_deleted clinic=%s entry=%s staff_chat=%s", clinic.id, entry.id, staff_chat)
    return own_answers.deleted(entry.id, _short(entry.question, 80))


def listing_html(store: Store, clinic: Clinic, *, viewer_chat_id: int) -> list[str]:
    """/faq: the clinic's entries as Telegram HTML messages, each under Telegram's limit."""
    entries = store.faq_entries.list(clinic.id)
    if not entries:
        return [_esc(own_answers.none_yet(clinic.name))]
    blocks = [f"<b>{_esc(own_answers.heading(clinic.name, len(entries)))}</b>"]
    blocks += [_entry_html(entry, clinic, viewer_chat_id) for entry in entries]
    blocks.append(_esc(own_answers.FOOTER))
    messages, current = [], ""
    for block in blocks:
        if current and len(current) + 2 + len(block) > MESSAGE_BUDGET:
            messages.append(current)
            current = block
        else:
            current = f"{current}\n\n{block}" if current else block
    return [*messages, current]


def _entry_html(entry: ClinicEntryRow, clinic: Clinic, viewer_chat_id: int) -> str:
    who = team.author(entry.author_chat_id, viewer_chat_id)
    when = f"{entry.created_at.astimezone(clinic.zone):%d %b %Y}"
    return (
        f"<b>#{entry.id}</b> {_esc(entry.question)}\n"
        f"{_esc(_short(entry.answer, 200))}\n"
        f"<i>{_esc(own_answers.added_by(when, who))}</i>"
    )


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)
