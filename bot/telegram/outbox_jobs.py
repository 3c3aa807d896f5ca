"""PTB's JobQueue (APScheduler) as the outbox's `Waker`: it runs `Outbox.run_once` when the
outbox asks (the next due row) and on a safety tick; a wake-up during a pass pokes that pass
instead, so a row falling due meanwhile is claimed without waiting for the pass to end.

The database is the schedule; these jobs only decide when to look, so there are never more
than two of them, however many messages are planned.
"""

from __future__ import annotations

import contextlib

from apscheduler.jobstores.base import JobLookupError
from telegram.ext import ContextTypes, Job, JobQueue

from bot.delivery.outbox import Outbox


class OutboxJobs:
    """`safety_interval` (real seconds) also catches rows written by another process."""

    def __init__(self, outbox: Outbox, job_queue: JobQueue, *, safety_interval: float = 30.0):
        self.outbox = outbox
        self.job_queue = job_queue
        self.safety_interval = safety_interval
        self._wake: Job | None = None
        self._tick: Job | None = None

    async def start(self) -> int:
        """Start the safety tick and the outbox (which arms the first wake-up); returns the
        rows a dead process left mid-send, now requeued."""
        self._tick = self.job_queue.run_repeating(
            self._on_tick, interval=self.safety_interval, name="outbox-tick"
        )
        return await self.outbox.start(self)

    def halt(self) -> None:
        """Stop at once (a stop signal): no more ticks, and the outbox claims nothing more."""
        if self._tick is not None:
            with contextlib.suppress(JobLookupError):
                self._tick.schedule_removal()
            self._tick = None
        self.outbox.halt()

    async def stop(self) -> None:
        """`halt`, then let a run in progress finish its in-flight sends."""
        self.halt()
        await self.outbox.stop()

    def wake_in(self, seconds: float | None) -> None:
        """The `Waker` side: replace the pending wake-up (None: leave none)."""
        if self._wake is not None:
            # A wake-up that already fired is gone from the scheduler: nothing to remove.
            with contextlib.suppress(JobLookupError):
                self._wake.schedule_removal()
            self._wake = None
        if seconds is not None:
            self._wake = self.job_queue.run_once(self._on_wake, when=seconds, name="outbox")

    async def _on_wake(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._run_or_poke()

    async def _on_tick(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._run_or_poke()

    async def _run_or_poke(self) -> None:
        if self.outbox.running:
            self.outbox.poke()
        else:
            await self.outbox.run_once()
