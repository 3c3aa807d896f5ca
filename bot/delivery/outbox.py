"""The outbox: claims due rows, renders them now, sends them through a Sender, records the outcome.

The database is the schedule. The outbox says when it next wants to run (`arm` tells its
`Waker`, PTB's JobQueue in the bot: `bot.telegram.outbox_jobs`); the waker calls `run_once`
then, and on a safety tick. Each claimed row is its own task, so a slow, retried or 429'd row
never holds up the others. Overall pace is the channel's business (the bot's rate limiter,
about 30 messages a second); this module adds the per-chat pace (one a second).
"""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.clock import Clock
from bot.delivery import rules as deliveries
from bot.delivery.pacer import ChatPacer
from bot.delivery.rules import Decision, Renderer, RetryPolicy
from bot.delivery.sender import FloodWait, PermanentFailure, Sender, Sent, TransientFailure
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.deliveries import CANCELLED, MUTED, DeliveryRow

log = logging.getLogger(__name__)


@dataclass
class RunReport:
    """What one `run_once` did, by outcome."""

    sent: int = 0
    failed: int = 0
    expired: int = 0
    deferred: int = 0
    retry_after: int = 0
    cancelled: int = 0


class Waker(Protocol):
    """Whatever calls `Outbox.run_once` later (the bot: PTB's JobQueue)."""

    def wake_in(self, seconds: float | None) -> None:
        """Replace any pending wake-up with one in `seconds` real seconds (0: at once); None
        cancels the pending one and sets none."""
        ...


class Outbox:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        sender: Sender,
        renderer: Renderer,
        *,
        policy: RetryPolicy | None = None,
        concurrency: int = 32,
        max_per_run: int = 2000,
        per_chat_interval: float = 1.0,
    ) -> None:
        self.store = store
        self.clock = clock
        self.sender = sender
        self.renderer = renderer
        self.policy = policy or RetryPolicy()
        self.concurrency = concurrency
        self.max_per_run = max_per_run
        self._lock = asyncio.Lock()
        self.pacer = ChatPacer(per_chat_interval)
        self._clinics: dict[int, Clinic | None] = {}
        self._waker: Waker | None = None
        self._stopping = False
        # When the last pass finished (the outbox clock's time); the health check reads it.
        self.last_pass: datetime | None = None

    # -- life cycle -----------------------------------------------------------------------

    def start(self, waker: Waker | None) -> int:
        """Requeue rows a dead process left mid-send, then arm `waker` (None: runs happen only
        when called). Returns how many rows were requeued."""
        self._stopping = False
        recovered = deliveries.recover_interrupted(self.store, self.clock.now())
        if recovered:
            log.warning("deliveries_recovered count=%s", recovered)
        self._waker = waker
        self.arm()
        return recovered

    async def stop(self) -> None:
        """Stop waking up and let a run in progress finish its in-flight sends."""
        self._stopping = True
        if self._waker is not None:
            self._waker.wake_in(None)
        async with self._lock:
            pass

    @property
    def running(self) -> bool:
        """Whether a run is in progress (a safety tick then has nothing to add)."""
        return self._lock.locked()

    def arm(self, *, soon: bool = False) -> None:
        """(Re)schedule the wake-up for the earliest pending row; call after any outbox change."""
        if self._waker is None or self._stopping:
            return
        if soon:
            delay = 0.0
        else:
            due = self.store.deliveries.next_due()
            delay = math.inf if due is None else self.clock.real_seconds_until(due)
        self._waker.wake_in(delay if math.isfinite(delay) else None)

    # -- one pass -------------------------------------------------------------------------

    async def run_once(self) -> RunReport:
        """Process every row due now, oldest first, up to `max_per_run`; then re-arm."""
        report = RunReport()
        async with self._lock:
            self._clinics.clear()
            report.expired += deliveries.expire_stale(self.store, self.clock.now())
            in_flight: set[asyncio.Task] = set()
            claimed = 0
            while True:
                room = min(self.concurrency - len(in_flight), self.max_per_run - claimed)
                rows = []
                if room > 0 and not self._stopping:
                    rows = self.store.deliveries.claim_due(self.clock.now(), room)
                claimed += len(rows)
                in_flight |= {asyncio.create_task(self._process(r, report)) for r in rows}
                if not in_flight:
                    break
                _, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
        if any(vars(report).values()):
            log.info("outbox_run %s", " ".join(f"{k}={v}" for k, v in vars(report).items()))
        self.last_pass = self.clock.now()
        self.arm(soon=claimed >= self.max_per_run)
        return report

    async def _process(self, row: DeliveryRow, report: RunReport) -> None:
        try:
            await self._deliver(row, report)
        except Exception:
            # Never leave a row claimed: put it back with backoff and keep the error in the log.
            log.exception("delivery_internal_error delivery=%s", row.id)
            decision = deliveries.after_transient_error(
                row, "internal_error", self.clock.now(), self.policy
            )
            self._apply(row, decision, report)

    async def _deliver(self, row: DeliveryRow, report: RunReport) -> None:
        # The decision is taken inside the chat's turn: a row that waited for the per-chat
        # pace is judged (window, expiry, patient state) at the moment it would really go out.
        async with self.pacer.turn(row.chat_id) as slot:
            decision = deliveries.decide(row, self._clinic(row.clinic_id), self.clock.now())
            if decision.action != "send":
                slot.unused()
                self._apply(row, decision, report)
                return
            try:
                message = self.renderer(row)
            except Exception:
                slot.unused()
                log.exception("delivery_render_failed delivery=%s step=%s", row.id, row.step_id)
                self._apply(row, Decision("fail", reason="render_failed"), report)
                return
            result = await self.sender.send(row.chat_id, message)
        now = self.clock.now()
        if isinstance(result, Sent):
            deliveries.sent(self.store, row, now, result.message_id, message)
            report.sent += 1
            log.info("delivery_sent delivery=%s patient=%s", row.id, row.pseudonym)
        elif isinstance(result, FloodWait):
            # This row only waits: other chats' messages keep flowing.
            self.pacer.hold_off(row.chat_id, result.seconds)
            report.retry_after += 1
            wait = self._simulated(result.seconds)
            self._apply(row, deliveries.after_flood_control(row, wait, now))
        elif isinstance(result, PermanentFailure) and result.unreachable:
            self._unreachable(row, result.reason, report)
        elif isinstance(result, PermanentFailure):
            decision = Decision("fail", reason=result.reason, attempts=row.attempts)
            self._apply(row, decision, report)
        elif isinstance(result, TransientFailure):
            decision = deliveries.after_transient_error(row, result.reason, now, self.policy)
            self._apply(row, decision, report)
        else:
            raise TypeError(f"a Sender returned {type(result).__name__}, not a SendResult")

    def _apply(self, row: DeliveryRow, decision: Decision, report: RunReport | None = None) -> None:
        outbox, now = self.store.deliveries, self.clock.now()
        action = decision.action
        if action == "defer":
            outbox.defer(
                row.id, until=decision.until, reason=decision.reason, attempts=decision.attempts
            )
        elif action == "expire":
            deliveries.expired(self.store, row, now)
        elif action == "fail":
            deliveries.failed(self.store, row, now, decision.reason, decision.attempts)
            log.warning("delivery_failed delivery=%s reason=%s", row.id, decision.reason)
        else:
            outbox.set_status(
                row.id, MUTED if action == "mute" else CANCELLED, reason=decision.reason
            )
        if report is not None:
            key = {"defer": "deferred", "expire": "expired", "fail": "failed"}.get(action)
            key = key or "cancelled"
            setattr(report, key, getattr(report, key) + 1)

    def _unreachable(self, row: DeliveryRow, reason: str, report: RunReport) -> None:
        cancelled = deliveries.unreachable(self.store, row, self.clock.now(), reason)
        report.failed += 1
        log.warning(
            "patient_unreachable patient=%s delivery=%s reason=%s cancelled=%s",
            row.pseudonym,
            row.id,
            reason,
            cancelled,
        )

    def _simulated(self, real_seconds: float) -> timedelta:
        # A flood wait is in real seconds; a scaled clock covers `speed` simulated seconds in one.
        return timedelta(seconds=real_seconds * getattr(self.clock, "speed", 1.0))

    def _clinic(self, clinic_id: int) -> Clinic | None:
        if clinic_id not in self._clinics:
            self._clinics[clinic_id] = self.store.clinics.get(clinic_id)
        return self._clinics[clinic_id]
