"""The outbox: claims due rows, decides and renders each one at the moment it would go out,
sends it through a Sender and records the outcome as soon as the Sender answers.

The database is the schedule. The outbox says when it next wants to run (`arm` tells its
`Waker`, PTB's JobQueue in the bot: `bot.telegram.outbox_jobs`); the waker calls `run_once`
then and on a safety tick, or `poke`s a pass in progress to claim what fell due meanwhile.
Each claimed row is its own task, so a slow, retried or 429'd row never holds up the others.
Claims are fair (`claim_due`): immediate steps first, one row per person, backlogs spaced.

Under faults (README "Reliability"): database work runs on the store's thread, an outcome
the store refuses is written again until it lands, its send holding its place in the send
window (`bot.delivery.inflight`). Claims are leased to this process; those of a process that
is gone come back (`bot.store.delivery_claims`). A 429 defers its chat's rows only. `halt`
(SIGTERM) stops claiming, hands back unsent claims; sends in flight get `stop_grace` seconds.
"""

from __future__ import annotations

import asyncio
import logging
import math
import secrets
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.clock import Clock
from bot.delivery import rules
from bot.delivery.inflight import InFlight
from bot.delivery.pacer import ChatPacer, FloodHolds
from bot.delivery.prepare import prepare
from bot.delivery.recording import Recorder, RunReport
from bot.delivery.rules import Renderer, RetryPolicy
from bot.delivery.sender import Sender
from bot.store.deliveries import DeliveryRow
from bot.store.worker import Db

log = logging.getLogger(__name__)

OVERALL_RATE = 30.0  # messages a second the channel takes (Telegram: about 30)
LEASE_SECONDS = 300.0  # how long a claim holds its row for this process (real seconds)
STOP_GRACE = 8.0  # seconds sends in flight get after `halt` (a container allows 10)
RESEND_DELAY = timedelta(seconds=15)  # a send cut by a crash goes again this long after (clock)


class Waker(Protocol):
    """Whatever calls `Outbox.run_once` later (the bot: PTB's JobQueue)."""

    def wake_in(self, seconds: float | None) -> None:
        """Replace any pending wake-up with one in `seconds` real seconds (0: at once); None
        cancels the pending one and sets none."""
        ...


class Outbox:
    def __init__(
        self,
        db: Db,
        clock: Clock,
        sender: Sender,
        renderer: Renderer,
        *,
        policy: RetryPolicy | None = None,
        concurrency: int = 32,
        max_per_run: int = 2000,
        per_chat_interval: float = 1.0,
        rate: float = OVERALL_RATE,
        owner: str | None = None,
        lease_seconds: float = LEASE_SECONDS,
        stop_grace: float = STOP_GRACE,
        real_time: Callable[[], float] = time.time,
        spacing: timedelta = timedelta(0),
        exclusive: bool = True,
    ) -> None:
        self.db = db
        self.store = db.store
        self.clock = clock
        self.sender = sender
        self.renderer = renderer
        self.concurrency = concurrency
        self.max_per_run = max_per_run
        self.owner = owner or f"outbox-{secrets.token_hex(4)}"
        self.lease_seconds = lease_seconds
        self.stop_grace = stop_grace
        self.real_time = real_time
        self.spacing = spacing  # at least this long between two of a person's rows
        self.exclusive = exclusive  # the only outbox on its database: see `start`
        self.pacer = ChatPacer(per_chat_interval)
        self.window = InFlight(rate, ceiling=concurrency)
        self.holds = FloodHolds()
        self.record = Recorder(db, clock, policy or RetryPolicy(), self.holds)
        self._lock = asyncio.Lock()
        self._poked = asyncio.Event()
        self._tasks: set[asyncio.Task] = set()
        self._waker: Waker | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = False
        self._abandon: asyncio.TimerHandle | None = None
        self._armed: datetime | None = None  # the due time the waker is set for
        self._recover_at = 0.0  # real time a pass next takes back lapsed leases
        # When the last pass finished (the outbox clock's time); the health check reads it.
        self.last_pass: datetime | None = None

    @property
    def policy(self) -> RetryPolicy:  # the recorder's, settable
        return self.record.policy

    @policy.setter
    def policy(self, policy: RetryPolicy) -> None:
        self.record.policy = policy

    # -- life cycle -----------------------------------------------------------------------

    async def start(self, waker: Waker | None) -> int:
        """Requeue rows a dead process left mid-send (`exclusive`, SQLite's one bot: every
        other claim; instances sharing PostgreSQL: lapsed leases), then arm `waker` (None:
        runs happen only when called). Returns how many rows were requeued."""
        self._stopping = False
        self._loop = asyncio.get_running_loop()
        recovered = await self._take_back(None if self.exclusive else self.real_time())
        if recovered:
            log.warning("deliveries_recovered count=%s", recovered)
        self._waker = waker
        await self.arm()
        return recovered

    def halt(self) -> None:
        """Stop claiming at once (on SIGTERM, before anything else shuts down). Claimed rows
        not yet sent go back to pending; sends in flight may finish for `stop_grace` seconds,
        then are cancelled and stay `sending` (sent again once after the restart)."""
        if self._stopping:
            return
        self._stopping = True
        self._poked.set()
        if self._waker is not None:
            self._waker.wake_in(None)
        loop = asyncio.get_running_loop()
        self._abandon = loop.call_later(self.stop_grace, self._abandon_in_flight)

    async def stop(self) -> None:
        """`halt`, then wait for the pass in progress (at most about `stop_grace` seconds)."""
        self.halt()
        async with self._lock:
            pass
        if self._abandon is not None:
            self._abandon.cancel()

    @property
    def running(self) -> bool:
        """Whether a pass is in progress (a wake-up then `poke`s it instead)."""
        return self._lock.locked()

    def poke(self) -> None:
        """Let the pass in progress claim what fell due since it started (a wake-up fired)."""
        self._armed = None
        self._poked.set()

    def changed(self) -> None:
        """Rows were planned or changed: re-arm the wake-up (safe from the store's thread)."""
        loop = self._loop
        if loop is None or self._stopping or loop.is_closed():
            return
        loop.call_soon_threadsafe(self._rearm)

    async def arm(self, *, soon: bool = False) -> None:
        """(Re)schedule the wake-up for the earliest pending row, unless already set for it."""
        if self._waker is None or self._stopping:
            return
        due = None if soon else await self.db.read(self.store.deliveries.next_due)
        if self._waker is None or self._stopping or (due is not None and due == self._armed):
            return
        self._armed = due
        delay = 0.0 if soon else math.inf if due is None else self.clock.real_seconds_until(due)
        self._waker.wake_in(delay if math.isfinite(delay) else None)

    # -- one pass -------------------------------------------------------------------------

    async def run_once(self) -> RunReport:
        """Process every row due now, oldest first, up to `max_per_run`; then re-arm."""
        report = RunReport()
        claimed = 0
        async with self._lock:
            self._armed = None  # the wake-up that started this pass, if any, has fired
            if self._stopping:
                return report
            report.expired += await self.db(rules.expire_stale, self.store, self.clock.now())
            self._recover_at = 0.0
            in_flight: set[asyncio.Task] = set()
            while True:
                self._poked.clear()
                if self.real_time() >= self._recover_at:  # lapsed leases (a dead instance's)
                    self._recover_at = self.real_time() + self.lease_seconds / 4
                    report.recovered += await self._take_back(self.real_time())
                room = min(self.concurrency - len(in_flight), self.max_per_run - claimed)
                if room > 0 and not self._stopping:
                    rows = await self.db(
                        self.store.deliveries.claim_due,
                        self.clock.now(),
                        room,
                        owner=self.owner,
                        lease_until=self.real_time() + self.lease_seconds,
                        spacing=self.spacing,
                    )
                    claimed += len(rows)
                    in_flight |= {self._spawn(self._process(row, report)) for row in rows}
                    if len(rows) < room and in_flight:
                        # Nothing more is due now: the next due row's wake-up pokes this pass.
                        await self.arm()
                if not in_flight:
                    break
                poked = asyncio.ensure_future(self._poked.wait())
                try:
                    done, _ = await asyncio.wait(
                        in_flight | {poked}, return_when=asyncio.FIRST_COMPLETED
                    )
                finally:
                    poked.cancel()
                in_flight -= done
        if any(vars(report).values()):
            log.info("outbox_run %s", " ".join(f"{k}={v}" for k, v in vars(report).items()))
        self.last_pass = self.clock.now()
        await self.arm(soon=claimed >= self.max_per_run)
        return report

    async def _take_back(self, lapsed_at: float | None) -> int:
        """Requeue other processes' claims: all (None), or those whose lease lapsed by then
        (a pass does it at its start and every quarter lease while it lasts)."""
        now = self.clock.now()
        return await self.db(
            rules.recover_interrupted,
            self.store,
            now,
            owner=self.owner,
            lapsed_at=lapsed_at,
            resend_at=now + RESEND_DELAY,
        )

    async def _process(self, row: DeliveryRow, report: RunReport) -> None:
        try:
            await self._deliver(row, report)
        except Exception:
            # Never leave a row claimed: put it back with backoff and keep the error in the log.
            log.exception("delivery_internal_error delivery=%s", row.id)
            decision = rules.after_transient_error(
                row, "internal_error", self.clock.now(), self.policy
            )
            await self.record.decision(row, decision, report)

    async def _deliver(self, row: DeliveryRow, report: RunReport) -> None:
        # Decided inside the chat's turn and the send window: a row that waited for either is
        # judged (patient, window, expiry) at the moment it would really go out.
        async with self.pacer.turn(row.chat_id) as slot, self.window.slot():
            if self._stopping:
                slot.unused()
                await self.record.write(self.store.deliveries.release, row.id, self.owner)
                report.released += 1
                return
            held = self.holds.until(row.chat_id, self.clock.now())
            if held is not None:  # Telegram asked this chat to wait: come back then
                slot.unused()
                await self.record.held(row, held, report)
                return
            prepared = await self.record.write(
                prepare, self.store, self.renderer, row.id, self.owner, self.clock.now()
            )
            if prepared is None:  # erased by /forget, or no longer this process's claim
                slot.unused()
                return
            fresh, decision, message = prepared
            if message is None:
                slot.unused()
                await self.record.decision(fresh, decision, report)
                return
            started = time.monotonic()
            result = await self.sender.send(fresh.chat_id, message)
            self.window.observe(time.monotonic() - started)
            # Recorded before the window place is given up: while the store cannot take
            # results, no new send starts.
            await self.record.result(fresh, result, message, report)

    def _rearm(self) -> None:
        if not self._stopping:
            self._armed = None  # something changed (rows, the clock's speed): arm afresh
            self._spawn(self.arm())

    def _abandon_in_flight(self) -> None:
        pending = [task for task in self._tasks if not task.done()]
        if pending:
            log.warning("outbox_abandoned in_flight=%s", len(pending))
        for task in pending:
            task.cancel()

    def _spawn(self, coroutine: Any) -> asyncio.Task:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task
