"""The escalation inbox: red flags and unanswered questions go to the clinic's staff, and a
staff member's reply goes back to the patient. Each escalation keeps its outcome.

This module decides whom to alert, who may reply to what, and records it. The Telegram side
sends: `escalate` and `alert_staff` call back an `AlertSender` for each staff chat (see
`bot/telegram/handlers/common.py`); the relay of replies is `bot/telegram/handlers/inbox.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from bot.faq import redflags
from bot.faq.questions import Escalate
from bot.inbox import assignment, excerpt, urgency
from bot.people import stats
from bot.people.outcomes import Refused
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.escalations import Escalation
from bot.store.patients import LINKED, RETURNING, Patient
from bot.store.worker import Db
from bot.wording.staff import alerts

log = logging.getLogger(__name__)

KINDS = ("urgent", "unknown", "photo")
# Telegram's limits, in UTF-16 code units: a message's text, and a photo's caption.
TEXT_LIMIT, CAPTION_LIMIT = 4096, 1024


class AlertSender(Protocol):
    """Sends one staff chat an escalation's alert with a Reply button; with `photo` (a
    Telegram file_id) the alert is that photo's caption. Returns the sent message's id, or
    None when it was not delivered (the sender logs why)."""

    async def __call__(
        self, chat_id: int, text: str, escalation_id: int, photo: str | None = None
    ) -> int | None: ...


@dataclass(frozen=True)
class ReplyTarget:
    escalation: Escalation
    patient: Patient
    clinic: Clinic
    newly_taken: bool = False  # starting the reply made the escalation this member's


def open_escalation(
    store: Store,
    *,
    clinic_id: int,
    patient_id: int,
    kind: str,
    category: str | None,
    question: str,
    now: datetime,
    photo_file_id: str | None = None,
    message_id: int | None = None,
) -> Escalation:
    """Record a patient's red flag (`urgent`), unanswerable question (`unknown`) or photo
    (`photo`, with its Telegram file_id; an urgent message may carry one too); `message_id`
    is the patient's message it came from, when known. An urgent one is to be raised again if
    nobody answers (`urgency.first_raise_at`)."""
    if kind not in KINDS:
        raise ValueError(f"escalation kind must be one of {KINDS}, not {kind!r}")
    clinic = store.clinics.get(clinic_id)
    with store.db.atomic():
        escalation = store.escalations.add(
            clinic_id=clinic_id,
            patient_id=patient_id,
            kind=kind,
            category=category,
            question=question,
            now=now,
            photo_file_id=photo_file_id,
            message_id=message_id,
            raise_at=urgency.first_raise_at(clinic, kind, now),
        )
        store.events.record(stats.ESCALATED, now=now, clinic_id=clinic_id, patient_id=patient_id)
    log.info(
        "escalation_opened escalation=%s clinic=%s patient=%s kind=%s",
        escalation.id,
        clinic_id,
        store.patients.get(patient_id).pseudonym,
        kind,
    )
    return escalation


async def escalate(db: Db, request: Escalate, *, send: AlertSender, now: datetime) -> int:
    """Open the escalation a patient's message asked for and alert the clinic's staff chats;
    returns how many chats got the alert (0: the patient should phone the clinic).

    The store is reached through `db` (its own thread in the bot): the escalation is recorded
    before any alert goes out, so a lock or a full disk delays it but never loses it.
    """
    escalation = await db(
        open_escalation,
        db.store,
        clinic_id=request.clinic_id,
        patient_id=request.patient_id,
        kind=request.kind,
        category=request.category,
        question=request.question,
        now=now,
        photo_file_id=request.photo,
        message_id=request.message_id,
    )
    return await alert_staff(db, escalation, send=send, now=now)


async def escalate_all(
    db: Db, requests: Sequence[Escalate], *, send: AlertSender, now: datetime
) -> int:
    """`escalate` each request (a red flag: one per clinic the patient agreed to), one clinic
    after another; returns how many staff chats got an alert in all."""
    reached = 0
    for request in requests:
        reached += await escalate(db, request, send=send, now=now)
    return reached


async def alert_staff(db: Db, escalation: Escalation, *, send: AlertSender, now: datetime) -> int:
    """Alert every staff chat of the escalation's clinic; returns how many chats it reached.

    One chat at a time rather than gathered, to stay clear of Telegram's flood limits. Each
    alert that arrived is remembered, so a Telegram reply to it finds the escalation.
    """
    store = db.store
    text, chats = await db.read(_alert_and_chats, store, escalation)
    reached = 0
    for chat_id in chats:
        message_id = await send(chat_id, text, escalation.id, escalation.photo_file_id)
        if message_id is None:
            continue
        await db(record_forward, store, escalation, chat_id=chat_id, message_id=message_id)
        reached += 1
    if reached == 0:
        await db(record_unforwarded, store, escalation, now)
    log.info("escalation_forwarded escalation=%s reached=%s", escalation.id, reached)
    return reached


def alert_text(store: Store, escalation: Escalation, *, reserve: int = 0) -> str:
    """What staff see: the patient's first name and own words (the point of the alert).

    The alert always fits Telegram's limit (a photo's caption, else a message), less `reserve`
    characters kept free for lines added around it (who has it, raised again): longer words
    are cut around the sentence that raised the red flag, which is kept whole (see `excerpt`).
    One that went to the clinic's out-of-hours contact says so underneath.
    """
    note = urgency.out_of_hours_note(store.clinics.get(escalation.clinic_id), escalation)
    if note:
        shown = _alert(store, escalation, reserve + excerpt.length(note) + 2)
        return f"{shown}\n\n{note}"
    return _alert(store, escalation, reserve)


def _alert(store: Store, escalation: Escalation, reserve: int) -> str:
    patient = store.patients.get(escalation.patient_id)
    words = escalation.question or ""
    photo = escalation.photo_file_id is not None

    def text(shown: str, shortened_from: int | None = None) -> str:
        body = alerts.alert(
            escalation.kind,
            patient.first_name or alerts.UNNAMED_PATIENT,
            patient.id,
            escalation.category,
            shown,
            photo=photo,
            shortened_from=shortened_from,
        )
        # A red flag before consent reaches the clinic (their vital interest), but the bot may
        # not message them: staff must phone.
        return body if patient.status in RETURNING else f"{body}\n\n{alerts.NOT_AGREED_NOTE}"

    limit = (CAPTION_LIMIT if photo else TEXT_LIMIT) - reserve
    whole = text(words)
    if excerpt.length(whole) <= limit:
        return whole
    frame = excerpt.length(text(" ", shortened_from=len(words))) - 1  # all but the words
    flag = redflags.check(words) if escalation.kind == "urgent" else None
    shown = excerpt.fit(words, limit - frame, flag.matched if flag else None)
    return text(shown, shortened_from=len(words))


def staff_chats(store: Store, escalation: Escalation) -> list[int]:
    return store.staff.chats(escalation.clinic_id)


def _alert_and_chats(store: Store, escalation: Escalation) -> tuple[str, list[int]]:
    return alert_text(store, escalation), staff_chats(store, escalation)


def record_forward(store: Store, escalation: Escalation, *, chat_id: int, message_id: int):
    """Remember the alert message so a Telegram reply to it finds the escalation."""
    store.escalations.add_forward(escalation.id, chat_id=chat_id, message_id=message_id)


def record_unforwarded(store: Store, escalation: Escalation, now: datetime) -> None:
    assignment.record(store, stats.ESCALATION_UNDELIVERED, escalation, now)
    log.warning("escalation_unforwarded escalation=%s", escalation.id)


def reply_target(store: Store, *, staff_chat: int, escalation_id: int) -> ReplyTarget | Refused:
    """Who a staff member's reply to `escalation_id` would reach, if they may send it."""
    escalation = store.escalations.get(escalation_id)
    if escalation is None:
        return Refused(alerts.REPLY_GONE)
    if store.staff.clinic_of(staff_chat) != escalation.clinic_id:
        return Refused(alerts.REPLY_NOT_YOURS)
    patient = store.patients.get(escalation.patient_id)
    if patient.status in ("invited", "declined"):
        return Refused(alerts.REPLY_NOT_AGREED)
    if patient.chat_id is None or patient.status not in LINKED:
        return Refused(alerts.REPLY_GONE)
    refused = assignment.held_by_other(store, escalation, staff_chat)
    if refused:
        return refused
    return ReplyTarget(escalation, patient, store.clinics.get(escalation.clinic_id))


def begin_reply(
    store: Store, *, staff_chat: int, escalation_id: int, now: datetime | None = None
) -> ReplyTarget | Refused:
    """Staff tapped Reply: their next text message in this chat goes to the patient. With
    `now`, an escalation nobody has becomes theirs (`ReplyTarget.newly_taken`)."""
    target = reply_target(store, staff_chat=staff_chat, escalation_id=escalation_id)
    if not isinstance(target, ReplyTarget):
        return target
    store.staff.set_replying_to(staff_chat, escalation_id)
    if now is None or target.escalation.status == "closed":
        return target
    claimed = assignment.claim(store, staff_chat=staff_chat, escalation_id=escalation_id, now=now)
    newly = not isinstance(claimed, Refused) and claimed[1]
    return replace(target, newly_taken=newly)


def cancel_reply(store: Store, *, staff_chat: int) -> None:
    store.staff.set_replying_to(staff_chat, None)


def pending_reply(store: Store, *, staff_chat: int, reply_to_message_id: int | None) -> int | None:
    """The escalation a staff text answers: the alert it replies to, else the one they
    tapped Reply on; None when the text is not an answer at all."""
    if reply_to_message_id is not None:
        found = store.escalations.forwarded_as(chat_id=staff_chat, message_id=reply_to_message_id)
        if found is not None:
            return found
    return store.staff.replying_to(staff_chat)


def mark_replied(
    store: Store, target: ReplyTarget, *, staff_chat: int, now: datetime, answer: str | None = None
) -> None:
    """The reply reached the patient: record the outcome, who and when, and the `answer` as
    relayed (an admin may later turn it into a clinic FAQ entry)."""
    escalation = target.escalation
    with store.db.atomic():
        store.escalations.mark_replied(escalation.id, by=staff_chat, now=now, answer=answer)
        store.staff.set_replying_to(staff_chat, None)
        assignment.record(store, stats.ESCALATION_REPLIED, escalation, now)
    log.info("escalation_replied escalation=%s staff_chat=%s", escalation.id, staff_chat)
