"""PTB's JobQueue runs retention (`bot.people.retention`) a minute after start-up and then
every six hours: words older than AFTERCARE_RETENTION_DAYS are blanked, a batch a write on
the store's thread, so the bot never waits on it."""

from __future__ import annotations

import contextlib

from apscheduler.jobstores.base import JobLookupError
from telegram.ext import ContextTypes, Job, JobQueue

from bot.clock import Clock
from bot.people import retention
from bot.store.worker import Db

FIRST = 60.0  # real seconds after start-up
EVERY = 6 * 3600.0  # real seconds between passes


class RetentionJobs:
    """Prunes `days`-old words on `job_queue`; `first` and `every` are real seconds."""

    def __init__(
        self,
        db: Db,
        clock: Clock,
        job_queue: JobQueue,
        days: int,
        *,
        first: float = FIRST,
        every: float = EVERY,
    ) -> None:
        retention.cutoff(clock.now(), days)  # a bad period is refused before any job runs
        self.db, self.clock, self.job_queue, self.days = db, clock, job_queue, days
        self.first, self.every = first, every
        self._job: Job | None = None

    def start(self) -> None:
        self._job = self.job_queue.run_repeating(
            self._on_job, interval=self.every, first=self.first, name="retention"
        )

    def stop(self) -> None:
        if self._job is not None:
            with contextlib.suppress(JobLookupError):
                self._job.schedule_removal()
            self._job = None

    async def run_once(self) -> retention.Pruned:
        """One pass now, on the outbox clock's today."""
        return await retention.prune(self.db, self.clock.now(), self.days)

    async def _on_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.run_once()
