"""An escalation's life after its alert: taken by one member of staff, answered, closed, and
the alerts in every staff chat edited to say so, so that two people do not answer one patient.

Every staff alert of an escalation is on record (`escalation_forwards`, the same message ids
`/forget` redacts with); each change of state edits all of them through an `AlertEditor`
(the Telegram edge), which also sets their buttons for the new state. The store is reached
through a `Db` (its own thread in the bot): state is read and written there, the edits are
awaited here.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Literal, Protocol

from bot.inbox import assignment, excerpt, learning
from bot.inbox.escalation import ReplyTarget, alert_text, begin_reply, mark_replied
from bot.people import stats
from bot.people.outcomes import Refused
from bot.store import Store
from bot.store.escalations import Escalation
from bot.store.worker import Db
from bot.wording.staff import inbox

log = logging.getLogger(__name__)

# Which buttons an alert shows: open (I'll take it, Reply), taken or answered (Reply, Close),
# closed (none).
Stage = Literal["open", "taken", "answered", "closed"]
MAX_NOTE = 500


class ProposalSender(Protocol):
    """Offers an admin a staff answer as a clinic FAQ entry, with a button to start it; False
    when Telegram refused (logged by the sender)."""

    async def __call__(self, chat_id: int, text: str, escalation_id: int) -> bool: ...


class AlertEditor(Protocol):
    """Replaces one staff alert's text and buttons; False when Telegram refused (the message
    is gone or too old: it stays as it was), which the editor logs."""

    async def __call__(
        self, chat_id: int, message_id: int, text: str, escalation_id: int, stage: Stage
    ) -> bool: ...


def stage_of(escalation: Escalation) -> Stage:
    if escalation.status == "closed":
        return "closed"
    if escalation.answered:
        return "answered"
    return "taken" if escalation.taken_by is not None else "open"


def status_line(store: Store, escalation: Escalation) -> str:
    """Who has the escalation now, on the clinic's clock; "" while nobody does."""

    def at(when: datetime) -> str:
        return assignment.clock_time(store, escalation, when)

    def name(chat_id: int | None) -> str:
        return assignment.member_name(store, escalation.clinic_id, chat_id)

    if escalation.status == "closed":
        return inbox.closed(
            name(escalation.closed_by), at(escalation.closed_at), escalation.close_note or ""
        )
    if escalation.answered:
        return inbox.answered(name(escalation.replied_by), at(escalation.replied_at))
    if escalation.patient_told_at is not None:
        return inbox.patient_told(at(escalation.patient_told_at))
    if escalation.taken_by is not None:
        return inbox.taken(name(escalation.taken_by), at(escalation.taken_at))
    return ""


def alert_with_status(store: Store, escalation: Escalation) -> str:
    """The alert as staff first saw it, with who has it now underneath."""
    line = status_line(store, escalation)
    if not line:
        return alert_text(store, escalation)
    return f"{alert_text(store, escalation, reserve=excerpt.length(line) + 2)}\n\n{line}"


async def show_state(db: Db, escalation_id: int, *, edit: AlertEditor) -> int:
    """Edit every staff alert of the escalation to its current state; returns how many were
    edited. A forgotten patient's alerts are not on record any more, so none is touched; nor
    are those in the chats of members who left the team (they get nothing more)."""
    found = await db.read(_alerts_to_edit, db.store, escalation_id)
    if found is None:
        return 0
    escalation, forwards, text, stage = found
    edited = 0
    for chat_id, message_id in forwards:
        edited += bool(await edit(chat_id, message_id, text, escalation.id, stage))
    log.info(
        "escalation_alerts_edited escalation=%s stage=%s edited=%s", escalation_id, stage, edited
    )
    return edited


def _alerts_to_edit(
    store: Store, escalation_id: int
) -> tuple[Escalation, list[tuple[int, int]], str, Stage] | None:
    escalation = store.escalations.get(escalation_id)
    if escalation is None:
        return None
    team = set(store.staff.chats(escalation.clinic_id))
    forwards = [(c, m) for c, m in store.escalations.forwards(escalation_id) if c in team]
    if not forwards:
        return None
    return escalation, forwards, alert_with_status(store, escalation), stage_of(escalation)


async def take(
    db: Db, *, staff_chat: int, escalation_id: int, edit: AlertEditor, now: datetime
) -> str:
    """ "I'll take it": assign it to this member and show it on every staff alert; returns
    what to tell the member."""
    claimed = await db(
        assignment.claim, db.store, staff_chat=staff_chat, escalation_id=escalation_id, now=now
    )
    if isinstance(claimed, Refused):
        return claimed.message
    _, newly = claimed
    if not newly:
        return inbox.YOU_HAVE_IT
    await show_state(db, escalation_id, edit=edit)
    return inbox.took_it()


async def reply_tapped(
    db: Db, *, staff_chat: int, escalation_id: int, edit: AlertEditor, now: datetime
) -> ReplyTarget | Refused:
    """Reply tapped: the member's next text goes to the patient, and an escalation nobody had
    becomes theirs, shown on every staff alert."""
    target = await db(
        begin_reply, db.store, staff_chat=staff_chat, escalation_id=escalation_id, now=now
    )
    if isinstance(target, ReplyTarget) and target.newly_taken:
        await show_state(db, escalation_id, edit=edit)
    return target


async def answered(
    db: Db,
    target: ReplyTarget,
    *,
    staff_chat: int,
    answer: str,
    edit: AlertEditor,
    now: datetime,
) -> bool:
    """The member's answer reached the patient: record it and show it on every staff alert.
    True when it was the escalation's first answer (see `offer_entry`)."""
    first = await db(_record_answer, db.store, target, staff_chat, answer, now)
    await show_state(db, target.escalation.id, edit=edit)
    return first


def _record_answer(
    store: Store, target: ReplyTarget, staff_chat: int, answer: str, now: datetime
) -> bool:
    first = store.escalations.get(target.escalation.id).first_replied_at is None
    mark_replied(store, target, staff_chat=staff_chat, now=now, answer=answer)
    return first


async def offer_entry(db: Db, escalation_id: int, *, propose: ProposalSender) -> int:
    """Offer the clinic's admins the first staff answer to a question the guide did not cover
    as a new FAQ entry (`learning.proposals`); returns how many admins got the offer."""
    offered = 0
    for chat_id, text in await db.read(learning.proposals, db.store, escalation_id):
        offered += bool(await propose(chat_id, text, escalation_id))
    return offered


def parse_close(args: list[str]) -> tuple[int, str] | Refused:
    """`/close <number> [note]`: the escalation's number and the note ("" without one)."""
    if not args:
        return Refused(inbox.CLOSE_USAGE)
    number = args[0].removeprefix("#")
    if not number.isdigit() or len(number) > 18:
        return Refused(inbox.CLOSE_USAGE)
    note = " ".join(args[1:]).strip()
    if len(note) > MAX_NOTE:
        return Refused(inbox.CLOSE_NOTE_TOO_LONG)
    return int(number), note


async def close(
    db: Db,
    *,
    staff_chat: int,
    escalation_id: int,
    note: str,
    edit: AlertEditor,
    now: datetime,
) -> str:
    """Close an escalation of the member's clinic with an optional note; every alert shows
    it. Returns what to tell the member."""
    refused = await db(_close, db.store, staff_chat, escalation_id, note, now)
    if refused is not None:
        return refused
    log.info("escalation_closed escalation=%s staff_chat=%s", escalation_id, staff_chat)
    await show_state(db, escalation_id, edit=edit)
    return inbox.close_done(escalation_id)


def _close(
    store: Store, staff_chat: int, escalation_id: int, note: str, now: datetime
) -> str | None:
    """Close it; what to tell the member when it cannot be, else None."""
    escalation = store.escalations.get(escalation_id)
    if escalation is None or store.staff.clinic_of(staff_chat) != escalation.clinic_id:
        return inbox.close_not_found(str(escalation_id))
    with store.db.atomic():
        if not store.escalations.close(escalation.id, by=staff_chat, note=note or None, now=now):
            return inbox.ALREADY_CLOSED
        assignment.record(store, stats.ESCALATION_CLOSED, escalation, now)
    return None


def listing(store: Store, clinic_id: int, *, limit: int = 20) -> str:
    """/inbox: the clinic's escalations not closed, unanswered first (urgent first), then the
    oldest; each with its patient and who has it."""
    clinic = store.clinics.get(clinic_id)
    waiting = store.escalations.not_closed(clinic_id, limit=limit)
    if not waiting:
        return inbox.INBOX_EMPTY
    total = store.escalations.count_not_closed(clinic_id)
    lines = [inbox.inbox_heading(clinic.name, total)]
    for escalation in waiting:
        patient = store.patients.get(escalation.patient_id)
        first = patient.first_name or "a patient"
        state = status_line(store, escalation) or inbox.OPEN
        lines.append(
            inbox.inbox_line(
                escalation.id,
                escalation.kind == "urgent",
                escalation.category or "",
                f"{first} (#{patient.id})",
                f"{escalation.created_at.astimezone(clinic.zone):%d %b %H:%M}",
                state[0].lower() + state[1:],
            )
        )
    if total > len(waiting):
        lines.append(inbox.inbox_more(total - len(waiting)))
    return "\n".join([*lines, "", inbox.INBOX_FOOTER])
