"""A chat as one person: every patient row of it that agreed to messages, one per clinic.

Someone treated at two clinics has two patient rows on the same chat. To them it is one
conversation, so STOP stops every clinic's messages, /resume restores them all, /next lists
them together, each clinic's "I've booked" button finds its own session, and blocking or
unblocking the bot reaches every row. (Red flags reach every clinic too: `bot.faq.questions`;
/forget erases every row: `bot.people.privacy`.)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.delivery import rules
from bot.delivery.sender import BLOCKED
from bot.people import stats
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.patients import Patient

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Stopped:
    """STOP reached `clinics` (every clinic of the chat); `muted` messages will not go out.
    `already`: every row was stopped before this STOP."""

    clinics: tuple[Clinic, ...]
    muted: int
    already: bool


@dataclass(frozen=True)
class Resumed:
    """`restored` messages are ahead again (`expired` fell past their expiry meanwhile);
    `was_stopped` is False when nothing was stopped (messages were already on)."""

    restored: int
    expired: int
    was_stopped: bool


def patients(store: Store, chat_id: int) -> list[Patient]:
    """The chat's rows that agreed (active, stopped or unreachable), newest first."""
    return store.patients.consented_by_chat(chat_id)


def stop(store: Store, chat_id: int, now: datetime) -> Stopped | None:
    """Stop every clinic's messages to this chat at once; None when the chat has no patient."""
    rows = patients(store, chat_id)
    if not rows:
        return None
    muted = 0
    with store.db.atomic():
        for row in rows:
            if row.status != "stopped":
                muted += rules.stop(store, row.id, now)
    clinics = tuple(store.clinics.get(row.clinic_id) for row in rows)
    already = all(row.status == "stopped" for row in rows)
    log.info("patients_stopped patients=%s muted=%s", _named(rows), muted)
    return Stopped(clinics, muted, already)


def resume(store: Store, chat_id: int, now: datetime) -> Resumed | None:
    """Undo a STOP for every clinic: what is still ahead goes out again, what fell due
    meanwhile does not. None when the chat has no patient."""
    rows = patients(store, chat_id)
    if not rows:
        return None
    restored = expired = 0
    stopped = [row for row in rows if row.status == "stopped"]
    with store.db.atomic():
        for row in stopped:
            back, late = rules.resume(store, row.id, now)
            restored, expired = restored + back, expired + late
    log.info("patients_resumed patients=%s restored=%s", _named(stopped), restored)
    return Resumed(restored, expired, bool(stopped))


def book(store: Store, chat_id: int, session_id: int | None, now: datetime) -> int | None:
    """ "I've booked": the button's session (of any clinic of this chat), or with None the
    latest session of all. Returns how many reminders were cleared, None if no such session."""
    rows = [row for row in patients(store, chat_id) if row.status in ("active", "stopped")]
    sessions = [s for row in rows for s in store.sessions.for_patient(row.id)]
    if session_id is not None:
        sessions = [s for s in sessions if s.id == session_id]
    if not sessions:
        return None
    session = max(sessions, key=lambda s: (s.session_at, s.id))
    return rules.book(store, session.patient_id, session.id, now)


def blocked(store: Store, chat_id: int, now: datetime) -> int:
    """Telegram says the person blocked the bot: stop sending at once. Active rows become
    unreachable and their waiting messages are cancelled (a stopped row stays stopped).
    Returns how many messages were cancelled."""
    cancelled, rows = 0, patients(store, chat_id)
    with store.db.atomic():
        for row in rows:
            if row.status == "active":
                cancelled += store.pauses.block(row.id, reason=BLOCKED)
                store.events.record(
                    stats.UNREACHABLE, now=now, clinic_id=row.clinic_id, patient_id=row.id
                )
    if rows:
        log.info("patients_blocked patients=%s cancelled=%s", _named(rows), cancelled)
    return cancelled


def returned(store: Store, chat_id: int, now: datetime) -> Resumed | None:
    """The person is back (unblocked the bot, or wrote again): every unreachable row is active
    again, and its messages still ahead are planned again; those that fell due meanwhile are
    not sent. None when no row of this chat was unreachable."""
    rows = [row for row in patients(store, chat_id) if row.status == "unreachable"]
    if not rows:
        return None
    restored = expired = 0
    with store.db.atomic():
        for row in rows:
            back, late = store.pauses.restore(row.id, now=now) or (0, 0)
            restored, expired = restored + back, expired + late
            store.events.record(stats.RETURNED, now=now, clinic_id=row.clinic_id, patient_id=row.id)
    log.info(
        "patients_returned patients=%s restored=%s expired=%s", _named(rows), restored, expired
    )
    return Resumed(restored, expired, was_stopped=True)


def _named(rows: list[Patient]) -> str:
    """Patients as logs name them: by pseudonym, never by chat id or name."""
    return ",".join(str(row.pseudonym) for row in rows)
