"""PTB's JobQueue as the clock of urgent escalations nobody answered: it runs
`reraise.raise_due` at the next time one is due (and on a safety tick), sending through the
bot. The database is the schedule (`escalations.next_raise_at`); these jobs only decide when
to look, as the outbox's do (`outbox_jobs.py`). The store is reached through its thread
(`bot.store.worker`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from apscheduler.jobstores.base import JobLookupError
from telegram import Bot
from telegram.ext import ContextTypes, Job, JobQueue

from bot.clock import Clock
from bot.inbox import reraise
from bot.store.worker import Db
from bot.telegram.handlers.common import alert_sender, alert_status_editor, tell_patient

log = logging.getLogger(__name__)


class EscalationJobs:
    """`safety_interval` (real seconds) also catches escalations opened by another process."""

    def __init__(
        self,
        db: Db,
        clock: Clock,
        bot: Bot,
        job_queue: JobQueue,
        *,
        safety_interval: float = 30.0,
    ) -> None:
        self.db, self.clock, self.bot, self.job_queue = db, clock, bot, job_queue
        self.safety_interval = safety_interval
        self._lock = asyncio.Lock()
        self._wake: Job | None = None
        self._tick: Job | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._arming: set[asyncio.Task] = set()

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._tick = self.job_queue.run_repeating(
            self._on_job, interval=self.safety_interval, name="escalations-tick"
        )
        self.arm()

    def stop(self) -> None:
        for job in (self._tick, self._wake):
            if job is not None:
                with contextlib.suppress(JobLookupError):
                    job.schedule_removal()
        self._tick = self._wake = None

    def arm(self) -> None:
        """Wake at the next escalation due to be raised (call after opening an urgent one);
        safe from any thread."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._spawn_arm)

    def _spawn_arm(self) -> None:
        task = asyncio.ensure_future(self._arm())
        self._arming.add(task)
        task.add_done_callback(self._arming.discard)

    async def _arm(self) -> None:
        due = await self.db.read(self.db.store.escalations.next_raise)
        if self._wake is not None:
            with contextlib.suppress(JobLookupError):
                self._wake.schedule_removal()
            self._wake = None
        if due is None or self._tick is None:  # nothing due, or stopped meanwhile
            return
        seconds = self.clock.real_seconds_until(due)
        if seconds != float("inf"):
            self._wake = self.job_queue.run_once(self._on_job, when=seconds, name="escalations")

    async def run_once(self) -> int:
        """Raise again (or tell the patient about) every escalation due now; one run at a time."""
        async with self._lock:
            handled = await reraise.raise_due(
                self.db,
                send=alert_sender(self.bot),
                tell=lambda chat_id, text: tell_patient(self.bot, chat_id, text),
                edit=alert_status_editor(self.bot),
                now=self.clock.now(),
            )
        await self._arm()
        return handled

    async def _on_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.run_once()
