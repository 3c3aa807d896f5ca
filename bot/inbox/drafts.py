"""What a staff chat is in the middle of writing: a step's new wording or a FAQ entry.

One draft per chat, kept in the database (`store.drafts`), so a restart keeps it: starting
another replaces it, and it lapses after `DRAFT_TTL` so a text written much later is not
taken for a forgotten draft. Nothing reaches patients until staff tap Save.

This module runs the draft: its stage, its Save and Cancel buttons, which preview a Save may
save. What the text must be and what it looks like belong to `bot.delivery.edits` (a step's
wording) and `bot.faq.clinic_entries` (the clinic's own answers), each called once for each
staff message, never calling back here.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from bot.delivery import edits
from bot.faq import clinic_faq
from bot.inbox import escalation, learning
from bot.people.outcomes import Refused
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.drafts import DraftRow
from bot.wording.staff import team
from content.timeline import Timeline

log = logging.getLogger(__name__)

DRAFT_TTL = timedelta(minutes=30)

Kind = Literal["edit", "faq", "learn"]
# edit: text -> confirm; faq: question -> answer -> confirm; learn (a staff answer to an
# escalation becoming an FAQ entry): question -> confirm, or -> answer when it names the patient
Stage = Literal["text", "question", "answer", "confirm"]


@dataclass
class Draft:
    kind: Kind
    clinic_id: int
    stage: Stage
    updated_at: datetime
    step_id: str = ""
    question: str = ""
    text: str = ""  # the step's new wording, or the FAQ entry's answer
    escalation_id: int | None = None  # a `learn` draft's escalation
    # Names the preview on screen, so a Save tapped on an older preview saves nothing.
    nonce: str = field(default_factory=lambda: secrets.token_hex(4))

    def expired(self, now: datetime) -> bool:
        return now - self.updated_at > DRAFT_TTL

    def show(self, now: datetime) -> None:
        """A preview is on screen: from now on only its Save button saves this draft."""
        self.move("confirm", now)

    def move(self, stage: Stage, now: datetime) -> None:
        """Go to `stage`; any preview shown before can no longer be saved."""
        self.stage = stage
        self.nonce = secrets.token_hex(4)
        self.updated_at = now


@dataclass(frozen=True)
class Reply:
    """One message to send back to a staff chat, with the draft's buttons if any."""

    text: str
    html: bool = False
    buttons: Literal["", "cancel", "save"] = ""  # "save": Save and Cancel


def begin(store: Store, chat_id: int, draft: Draft) -> None:
    """Start a draft in this chat; an inbox reply the chat had begun is dropped (newest wins)."""
    escalation.cancel_reply(store, staff_chat=chat_id)
    keep(store, chat_id, draft)


def keep(store: Store, chat_id: int, draft: Draft) -> None:
    """Store the chat's draft as it now stands."""
    store.drafts.put(DraftRow(chat_id=chat_id, **asdict(draft)))


def pending(store: Store, chat_id: int, now: datetime) -> Draft | None:
    """The chat's open draft, or None (an expired draft is dropped here)."""
    row = store.drafts.get(chat_id)
    if row is None:
        return None
    draft = Draft(**{k: v for k, v in asdict(row).items() if k != "chat_id"})
    if draft.expired(now):
        store.drafts.delete(chat_id)
        return None
    return draft


def finish(store: Store, chat_id: int) -> bool:
    """Close the chat's draft (saved, cancelled or superseded); True if there was one."""
    return store.drafts.delete(chat_id)


def start_edit(
    store: Store,
    timeline: Timeline,
    chat_id: int,
    clinic: Clinic,
    name: str,
    now: datetime,
) -> tuple[Draft, list[Reply]] | Refused:
    """/edit <step>: open a draft for the step's new wording; the draft and what to send, or a
    refusal that names the valid steps."""
    opened = edits.start(store, timeline, clinic, name)
    if isinstance(opened, Refused):
        return opened
    draft = Draft("edit", clinic.id, "text", now, step_id=opened.step_id)
    begin(store, chat_id, draft)
    return draft, [Reply(opened.instructions, buttons="cancel"), Reply(opened.current)]


def start_faq(
    store: Store, chat_id: int, clinic: Clinic, now: datetime
) -> tuple[Draft, list[Reply]] | Refused:
    """/faq add: open a draft that asks for the question first, or a refusal (list full)."""
    prompt = clinic_faq.start(store, clinic)
    if isinstance(prompt, Refused):
        return prompt
    draft = Draft("faq", clinic.id, "question", now)
    begin(store, chat_id, draft)
    return draft, [Reply(prompt, buttons="cancel")]


def start_learning(
    store: Store, chat_id: int, escalation_id: int, now: datetime
) -> tuple[Draft, list[Reply]] | Refused:
    """ "Make it an FAQ entry" on a proposal: a draft with the staff answer, asking the admin
    for the question in neutral words; or why not (not an admin, already an entry, ...)."""
    found = learning.learnable(store, chat_id, escalation_id)
    if isinstance(found, Refused):
        return found
    draft = Draft(
        "learn", found.clinic_id, "question", now, text=found.answer, escalation_id=found.id
    )
    begin(store, chat_id, draft)
    return draft, [Reply(learning.question_prompt(found), buttons="cancel")]


def take_text(
    store: Store,
    timeline: Callable[[], Timeline],
    chat_id: int,
    text: str,
    *,
    reply_to_message_id: int | None,
    now: datetime,
) -> tuple[Draft, list[Reply]] | None:
    """A staff chat's text: the draft and what to send back, or None when the text is not the
    draft's (no open draft, the staff member left its clinic, or it answers a patient's alert).

    `timeline` is called only for a wording edit, so texts of other chats never load it.
    """
    draft = pending(store, chat_id, now)
    if draft is None:
        return None
    if store.staff.clinic_of(chat_id) != draft.clinic_id:  # left the clinic meanwhile
        finish(store, chat_id)
        return None
    if escalation.pending_reply(store, staff_chat=chat_id, reply_to_message_id=reply_to_message_id):
        return None  # a Telegram reply to a patient's alert is for the patient, not the draft
    if draft.kind == "edit":
        replies = _edit_text(store, timeline(), draft, text, now)
    elif draft.kind == "learn":
        replies = _learn_text(store, draft, text, now)
    else:
        replies = _faq_text(store, draft, text, now)
    keep(store, chat_id, draft)
    log.info("draft_text kind=%s staff_chat=%s stage=%s", draft.kind, chat_id, draft.stage)
    return draft, replies


def save(
    store: Store,
    timeline: Callable[[], Timeline],
    chat_id: int,
    nonce: str,
    now: datetime,
) -> str:
    """Save tapped under the preview named `nonce`: store the draft if that preview is still
    the one on screen; returns what to tell the staff member."""
    draft = pending(store, chat_id, now)
    if draft is None or draft.stage != "confirm" or draft.nonce != nonce:
        return team.DRAFT_STALE
    finish(store, chat_id)
    if store.staff.clinic_of(chat_id) != draft.clinic_id:
        return team.STAFF_ONLY
    if draft.kind == "edit":
        return edits.save_draft(
            store,
            timeline(),
            draft.clinic_id,
            draft.step_id,
            draft.text,
            staff_chat=chat_id,
            now=now,
        )
    if draft.kind == "learn":
        return learning.save(
            store, draft.escalation_id, draft.question, draft.text, staff_chat=chat_id, now=now
        )
    return clinic_faq.save_draft(
        store, draft.clinic_id, draft.question, draft.text, staff_chat=chat_id, now=now
    )


def _edit_text(
    store: Store, timeline: Timeline, draft: Draft, text: str, now: datetime
) -> list[Reply]:
    """The step's new wording: its problems, or a preview to save."""
    checked = edits.check_text(store, timeline, draft.clinic_id, draft.step_id, text, now)
    if isinstance(checked, Refused):  # the timeline changed under the draft
        return [Reply(checked.message)]
    if checked.problems:
        draft.move("text", now)
        return [Reply(checked.problems, buttons="cancel")]
    draft.text = text
    draft.show(now)
    return [Reply(checked.heading), Reply(checked.preview_html, html=True, buttons="save")]


def _faq_text(store: Store, draft: Draft, text: str, now: datetime) -> list[Reply]:
    """The question, then the answer; a text after the preview is a corrected answer."""
    asking = draft.stage == "question"
    checked = clinic_faq.check_text(
        store, draft.clinic_id, text, question=None if asking else draft.question
    )
    if checked.problem:
        if not asking:
            draft.move("answer", now)
        return [Reply(checked.problem, buttons="cancel")]
    if asking:
        draft.question = text.strip()
        draft.move("answer", now)
        return [Reply(checked.prompt, buttons="cancel")]
    draft.text = text.strip()
    draft.show(now)
    return [Reply(checked.preview_html, html=True, buttons="save")]


def _learn_text(store: Store, draft: Draft, text: str, now: datetime) -> list[Reply]:
    """The question in neutral words, then the preview of the entry to approve; a text after
    the preview (or after being told the answer names the patient) is a corrected answer."""
    if draft.stage == "question":
        problem = learning.question_problem(store, draft.escalation_id, text)
        if problem:
            return [Reply(problem, buttons="cancel")]
        draft.question = text.strip()
    else:
        draft.text = text.strip()
    problem = learning.answer_problem(store, draft.escalation_id, draft.text)
    if problem:
        draft.move("answer", now)
        return [Reply(problem, buttons="cancel")]
    draft.show(now)
    clinic = store.clinics.get(draft.clinic_id)
    return [Reply(clinic_faq.preview_html(clinic, draft.question, draft.text), html=True,
                  buttons="save")]  # fmt: skip
