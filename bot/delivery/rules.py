"""Delivery rules: planning rows, when a due row is sent, retried, expired, cleared or muted.

Pure decisions plus thin store calls; no Telegram here (the sending loop is
`bot.delivery.outbox`). Every function takes `now` so tests drive it with a manual clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol

from bot.delivery.window import next_send_time
from bot.people import stats
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.deliveries import CANCELLED, EXPIRED, MUTED, PENDING, DeliveryRow, NewDelivery

REBOOK = "rebook"  # the group of "book your next session" reminders


class PlannedLike(Protocol):
    """A step placed in time (content.timeline's PlannedStep has these fields)."""

    step_id: str
    due_at: datetime
    expires_at: datetime | None
    group: str
    immediate: bool


class ButtonLike(Protocol):
    text: str
    url: str
    callback_data: str


class Rendered(Protocol):
    """What a renderer returns (content's RenderedMessage fits): Telegram-HTML text."""

    text: str
    buttons: Sequence[ButtonLike]
    content_version: str


# Set on Services by the composition root; renders a row with today's content and overrides.
Renderer = Callable[[DeliveryRow], Rendered]


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff for transient errors: base * 2^attempts, capped; then give up."""

    base: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(hours=1)
    max_attempts: int = 5

    def backoff(self, attempts: int) -> timedelta:
        return min(self.cap, self.base * 2 ** max(0, attempts))


@dataclass(frozen=True)
class Decision:
    """What to do with a claimed row: send it, or why not and until when."""

    action: Literal["send", "expire", "defer", "cancel", "mute", "fail"]
    until: datetime | None = None
    reason: str = ""
    attempts: int = 0


def decide(row: DeliveryRow, clinic: Clinic | None, now: datetime) -> Decision:
    """Check a claimed row at send time: patient still reachable, not stale, inside the window."""
    if row.patient_status == "stopped":
        return Decision("mute", reason="stopped", attempts=row.attempts)
    if row.patient_status != "active" or row.chat_id is None or clinic is None:
        return Decision("cancel", reason=f"patient_{row.patient_status}", attempts=row.attempts)
    if _expired(row, now):
        return Decision("expire", attempts=row.attempts)
    # A backlog after an overnight outage waits for the morning opening.
    opening = next_send_time(now, clinic, row.immediate)
    if opening > now:
        if row.expires_at is not None and opening >= row.expires_at:
            return Decision("expire", attempts=row.attempts)
        return Decision("defer", until=opening, reason="window", attempts=row.attempts)
    return Decision("send", attempts=row.attempts)


def after_transient_error(
    row: DeliveryRow, reason: str, now: datetime, policy: RetryPolicy
) -> Decision:
    """A network error, timeout or 5xx: try again later, or fail once attempts run out."""
    attempts = row.attempts + 1
    if attempts >= policy.max_attempts:
        return Decision("fail", reason=f"gave_up: {reason}", attempts=attempts)
    return Decision("defer", until=now + policy.backoff(attempts), reason=reason, attempts=attempts)


def after_flood_control(row: DeliveryRow, wait: timedelta, now: datetime) -> Decision:
    """A 429 is Telegram pacing us, not a failure: retry after its wait, attempts unchanged."""
    return Decision("defer", until=now + wait, reason="retry_after", attempts=row.attempts)


def _expired(row: DeliveryRow, now: datetime) -> bool:
    return row.expires_at is not None and now >= row.expires_at


def schedule(
    store: Store,
    *,
    patient_id: int,
    session_id: int,
    clinic_id: int,
    planned: Iterable[PlannedLike],
    now: datetime,
) -> int:
    """Write a session's planned steps to the outbox once; returns how many rows are new.

    Planning again is harmless (the unique key ignores repeats). A stopped patient's rows are
    written muted; steps already past their expiry are recorded as expired, never sent.
    """
    patient = store.patients.get(patient_id)
    if patient is None or patient.status not in ("active", "stopped"):
        return 0
    base = MUTED if patient.status == "stopped" else PENDING
    rows = [
        NewDelivery(
            patient_id=patient_id,
            session_id=session_id,
            clinic_id=clinic_id,
            step_id=step.step_id,
            group=step.group,
            due_at=step.due_at,
            expires_at=step.expires_at,
            immediate=step.immediate,
            status=EXPIRED if step.expires_at is not None and step.expires_at <= now else base,
        )
        for step in planned
    ]
    return store.deliveries.insert(rows)


def clear_rebook_for_patient(
    store: Store, patient_id: int, now: datetime, *, except_session_id: int | None = None
) -> int:
    """The patient's next session is enrolled: drop their waiting "book again" reminders.

    Pass the new session as `except_session_id` when its own rows are already planned.
    Returns how many reminders were cleared.
    """
    return store.deliveries.clear_group(
        patient_id, REBOOK, reason="next_session_enrolled", except_session_id=except_session_id
    )


def book(store: Store, patient_id: int, session_id: int | None, now: datetime) -> int | None:
    """The patient says they booked: record it on the session and clear its rebook reminders.

    `session_id` comes from a button and must be one of the patient's sessions; None means the
    current one. Returns how many reminders were cleared, or None if there is no such session.
    """
    if session_id is None:
        session = store.sessions.latest(patient_id)
    else:
        session = store.sessions.get(session_id)
    if session is None or session.patient_id != patient_id:
        return None
    with store.db.atomic():
        cleared = store.deliveries.book_session(patient_id, session.id, REBOOK, now=now)
        _event(store, stats.REBOOKED, now, session.clinic_id, patient_id)
    return cleared


def stop(store: Store, patient_id: int, now: datetime) -> int:
    """Mute everything waiting for this patient; returns how many messages were muted."""
    with store.db.atomic():
        muted = store.pauses.stop(patient_id)
        _patient_event(store, stats.STOPPED, now, patient_id)
    return muted


def resume(store: Store, patient_id: int, now: datetime) -> tuple[int, int]:
    """Unmute only what is still ahead; returns (restored, expired)."""
    with store.db.atomic():
        restored, expired = store.pauses.resume(patient_id, now=now)
        _patient_event(store, stats.RESUMED, now, patient_id)
    return restored, expired


# -- outcomes the outbox records: the row and its event land together ---------------------


def expire_stale(store: Store, now: datetime) -> int:
    """Expire every due row past its expiry in one sweep; returns how many."""
    with store.db.atomic():
        stale = store.deliveries.expire_due(now)
        for clinic_id, patient_id in stale:
            _event(store, stats.EXPIRED, now, clinic_id, patient_id)
    return len(stale)


def recover_interrupted(
    store: Store,
    now: datetime,
    *,
    owner: str | None = None,
    lapsed_at: float | None = None,
    resend_at: datetime | None = None,
) -> int:
    """Requeue rows another process left mid-send; returns how many.

    At start-up, holding the instance lock (`bot.store.instance`), every claim but `owner`'s
    belongs to a process that is gone. While running, pass `lapsed_at` (Unix seconds) to take
    back only claims whose lease ran out by then. A send that had started goes again at
    `resend_at` (default `now`) at the earliest.
    """
    return store.deliveries.recover_sending(
        now, keep_owner=owner, lapsed_at=lapsed_at, resend_at=resend_at
    )


def apply_decision(store: Store, row: DeliveryRow, decision: Decision, now: datetime) -> None:
    """Record a claimed row's fate when it is not sent now: deferred, expired, failed, muted
    or cancelled (a "send" decision records nothing)."""
    action = decision.action
    if action == "defer":
        store.deliveries.defer(
            row.id, until=decision.until, reason=decision.reason, attempts=decision.attempts
        )
    elif action == "expire":
        expired(store, row, now)
    elif action == "fail":
        failed(store, row, now, decision.reason, decision.attempts)
    elif action in ("mute", "cancel"):
        status = MUTED if action == "mute" else CANCELLED
        store.deliveries.set_status(row.id, status, reason=decision.reason)


def sent(store: Store, row: DeliveryRow, now: datetime, message_id: int, message: Rendered) -> None:
    with store.db.atomic():
        store.deliveries.mark_sent(
            row.id,
            now=now,
            message_id=message_id,
            text=message.text,
            version=message.content_version,
        )
        _event(store, stats.DELIVERED, now, row.clinic_id, row.patient_id)


def failed(store: Store, row: DeliveryRow, now: datetime, reason: str, attempts: int) -> None:
    with store.db.atomic():
        store.deliveries.mark_failed(row.id, reason=reason, attempts=attempts)
        _event(store, stats.FAILED, now, row.clinic_id, row.patient_id)


def expired(store: Store, row: DeliveryRow, now: datetime) -> None:
    with store.db.atomic():
        store.deliveries.mark_expired(row.id)
        _event(store, stats.EXPIRED, now, row.clinic_id, row.patient_id)


def unreachable(store: Store, row: DeliveryRow, now: datetime, reason: str) -> int:
    """Blocked or chat gone: fail the row, mark the patient, cancel the rest; returns cancelled."""
    with store.db.atomic():
        cancelled = store.deliveries.mark_unreachable(row.id, row.patient_id, reason=reason)
        _event(store, stats.FAILED, now, row.clinic_id, row.patient_id)
        _event(store, stats.UNREACHABLE, now, row.clinic_id, row.patient_id)
    return cancelled


def _event(store: Store, name: str, now: datetime, clinic_id: int, patient_id: int) -> None:
    store.events.record(name, now=now, clinic_id=clinic_id, patient_id=patient_id)


def _patient_event(store: Store, name: str, now: datetime, patient_id: int) -> None:
    patient = store.patients.get(patient_id)
    _event(store, name, now, patient.clinic_id if patient else None, patient_id)
