"""The sender: claims due outbox rows, renders them now, sends them, records the outcome.

The database is the schedule; PTB's JobQueue only wakes `run_once` at the next due time (and
on a safety tick). Each claimed row is its own task, so a slow, retried or 429'd row never
holds up the others. Overall pace is the Application's AIORateLimiter (about 30 messages a
second); this module adds the per-chat pace (one a second) that it leaves to us.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import warnings
from dataclasses import dataclass
from datetime import timedelta

from apscheduler.jobstores.base import JobLookupError
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ContextTypes, Job, JobQueue

from bot.clock import Clock
from bot.delivery import rules as deliveries
from bot.delivery.pacer import ChatPacer
from bot.delivery.rules import Decision, Rendered, Renderer, RetryPolicy
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.deliveries import CANCELLED, MUTED, DeliveryRow
from bot.telegram.ratelimit import NO_RETRY

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


class Dispatcher:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        bot: Bot,
        renderer: Renderer,
        *,
        policy: RetryPolicy | None = None,
        concurrency: int = 32,
        max_per_run: int = 2000,
        per_chat_interval: float = 1.0,
        safety_interval: float = 30.0,
        send_timeout: float | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.bot = bot
        self.renderer = renderer
        self.policy = policy or RetryPolicy()
        self.concurrency = concurrency
        self.max_per_run = max_per_run
        self.safety_interval = safety_interval
        self.send_timeout = send_timeout
        self._lock = asyncio.Lock()
        self.pacer = ChatPacer(per_chat_interval)
        self._clinics: dict[int, Clinic | None] = {}
        self._job_queue: JobQueue | None = None
        self._wake: Job | None = None
        self._tick: Job | None = None
        self._stopping = False

    # -- life cycle -----------------------------------------------------------------------

    def start(self, job_queue: JobQueue | None) -> int:
        """Requeue rows a dead process left mid-send, then arm the wake-ups. Returns requeued."""
        self._stopping = False
        recovered = deliveries.recover_interrupted(self.store, self.clock.now())
        if recovered:
            log.warning("deliveries_recovered count=%s", recovered)
        self._job_queue = job_queue
        if job_queue is not None:
            self._tick = job_queue.run_repeating(
                self._on_tick, interval=self.safety_interval, name="dispatch-tick"
            )
        self.arm()
        return recovered

    async def stop(self) -> None:
        """Stop waking up and let a run in progress finish its in-flight sends."""
        self._stopping = True
        for job in (self._wake, self._tick):
            if job is not None:
                with contextlib.suppress(JobLookupError):
                    job.schedule_removal()
        self._wake = self._tick = None
        async with self._lock:
            pass

    def arm(self, *, soon: bool = False) -> None:
        """(Re)schedule the wake-up for the earliest pending row; call after any outbox change."""
        if self._job_queue is None or self._stopping:
            return
        if self._wake is not None:
            # A wake-up that already fired is gone from the scheduler: nothing to remove.
            with contextlib.suppress(JobLookupError):
                self._wake.schedule_removal()
            self._wake = None
        if soon:
            delay = 0.0
        else:
            due = self.store.deliveries.next_due()
            delay = math.inf if due is None else self.clock.real_seconds_until(due)
        if math.isfinite(delay):
            self._wake = self._job_queue.run_once(self._on_wake, when=delay, name="dispatch")

    async def _on_wake(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.run_once()

    async def _on_tick(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        # A safety net for rows written by another process; a run in progress covers it.
        if not self._lock.locked():
            await self.run_once()

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
            log.info("dispatch_run %s", " ".join(f"{k}={v}" for k, v in vars(report).items()))
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
        try:
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
                sent = await self.bot.send_message(
                    row.chat_id,
                    message.text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=_keyboard(message),
                    read_timeout=self.send_timeout,
                    # A 429 defers this row only; the limiter's retry would pause every send.
                    rate_limit_args=NO_RETRY,
                )
        except RetryAfter as error:
            wait = _retry_after_seconds(error)
            self.pacer.hold_off(row.chat_id, wait)
            report.retry_after += 1
            now = self.clock.now()
            self._apply(row, deliveries.after_flood_control(row, self._simulated(wait), now))
        except Forbidden:
            self._unreachable(row, "blocked", report)
        except BadRequest as error:
            if "chat not found" in error.message.lower():
                self._unreachable(row, "chat_not_found", report)
            else:
                reason = f"bad_request: {error.message[:200]}"
                self._apply(row, Decision("fail", reason=reason, attempts=row.attempts), report)
        except (NetworkError, TelegramError) as error:
            reason = f"{type(error).__name__}: {error.message[:200]}"
            decision = deliveries.after_transient_error(row, reason, self.clock.now(), self.policy)
            self._apply(row, decision, report)
        else:
            deliveries.sent(self.store, row, self.clock.now(), sent.message_id, message)
            report.sent += 1
            log.info("delivery_sent delivery=%s patient=%s", row.id, row.patient_id)

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
            row.patient_id,
            row.id,
            reason,
            cancelled,
        )

    def _simulated(self, real_seconds: float) -> timedelta:
        # retry_after is in real seconds; a scaled clock covers `speed` simulated seconds in one.
        return timedelta(seconds=real_seconds * getattr(self.clock, "speed", 1.0))

    def _clinic(self, clinic_id: int) -> Clinic | None:
        if clinic_id not in self._clinics:
            self._clinics[clinic_id] = self.store.clinics.get(clinic_id)
        return self._clinics[clinic_id]


def _keyboard(message: Rendered) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.text, url=b.url)
                if b.url
                else InlineKeyboardButton(b.text, callback_data=b.callback_data)
            ]
            for b in message.buttons
        ]
    )


def _retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        # PTB 22 warns that retry_after becomes a timedelta; accept either.
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
