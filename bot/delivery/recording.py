"""What the outbox writes once a row's fate is known, written until it lands.

A send's outcome is recorded as soon as the Sender answers. A store that refuses the write
for now (locked by another process, disk full) is asked again every WRITE_RETRY seconds
after the store's own retries: an outcome left unwritten would leave its row `sending`, and
a row whose message went out but was never marked sent is a repeat waiting to happen.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.clock import Clock
from bot.delivery import rules
from bot.delivery.pacer import FloodHolds
from bot.delivery.rules import Decision, Rendered, RetryPolicy
from bot.delivery.sender import FloodWait, PermanentFailure, SendResult, Sent, TransientFailure
from bot.store.connection import database_errors, is_transient
from bot.store.deliveries import DeliveryRow
from bot.store.worker import Db

log = logging.getLogger(__name__)

WRITE_RETRY = 1.0  # seconds between attempts at an outcome the store keeps refusing


@dataclass
class RunReport:
    """What one `run_once` did, by outcome."""

    sent: int = 0
    failed: int = 0
    expired: int = 0
    deferred: int = 0
    retry_after: int = 0
    cancelled: int = 0
    released: int = 0  # claimed, then handed back unsent because the outbox is stopping
    recovered: int = 0  # claims of a process that is gone, back in the queue


class Recorder:
    """Writes outcomes for the outbox through `db`; `holds` hears about 429s."""

    def __init__(self, db: Db, clock: Clock, policy: RetryPolicy, holds: FloodHolds) -> None:
        self.db = db
        self.store = db.store
        self.clock = clock
        self.policy = policy
        self.holds = holds

    async def result(
        self, row: DeliveryRow, result: SendResult, message: Rendered, report: RunReport
    ) -> None:
        """Record what the Sender answered for `row`."""
        now = self.clock.now()
        if isinstance(result, Sent):
            await self.write(rules.sent, self.store, row, now, result.message_id, message)
            report.sent += 1
            log.info("delivery_sent delivery=%s patient=%s", row.id, row.pseudonym)
        elif isinstance(result, FloodWait):
            # This chat only waits: other chats' messages keep flowing.
            decision = self.flood_wait(row, result.seconds)
            self.holds.hold(row.chat_id, decision.until)
            report.retry_after += 1
            await self.decision(row, decision)
        elif isinstance(result, PermanentFailure) and result.unreachable:
            cancelled = await self.write(rules.unreachable, self.store, row, now, result.reason)
            report.failed += 1
            log.warning(
                "patient_unreachable patient=%s delivery=%s reason=%s cancelled=%s",
                row.pseudonym,
                row.id,
                result.reason,
                cancelled,
            )
        elif isinstance(result, PermanentFailure):
            decision = Decision("fail", reason=result.reason, attempts=row.attempts)
            await self.decision(row, decision, report)
        elif isinstance(result, TransientFailure):
            decision = rules.after_transient_error(row, result.reason, now, self.policy)
            await self.decision(row, decision, report)
        else:
            raise TypeError(f"a Sender returned {type(result).__name__}, not a SendResult")

    def flood_wait(self, row: DeliveryRow, real_seconds: float) -> Decision:
        """Try `row` again once Telegram's wait (real seconds) is over."""
        # A scaled clock covers `speed` simulated seconds in one real second.
        wait = timedelta(seconds=real_seconds * getattr(self.clock, "speed", 1.0))
        return rules.after_flood_control(row, wait, self.clock.now())

    async def held(self, row: DeliveryRow, until: datetime, report: RunReport) -> None:
        """The row's chat is held until `until` by an earlier 429: come back then."""
        decision = Decision("defer", until=until, reason="retry_after", attempts=row.attempts)
        await self.decision(row, decision, report)

    async def decision(
        self, row: DeliveryRow, decision: Decision, report: RunReport | None = None
    ) -> None:
        """Record a row not sent now: deferred, expired, failed, muted or cancelled."""
        await self.write(rules.apply_decision, self.store, row, decision, self.clock.now())
        if decision.action == "fail":
            log.warning("delivery_failed delivery=%s reason=%s", row.id, decision.reason)
        if report is not None:
            key = {"defer": "deferred", "expire": "expired", "fail": "failed"}.get(
                decision.action, "cancelled"
            )
            setattr(report, key, getattr(report, key) + 1)

    async def write(self, fn: Callable[..., Any], *args: Any) -> Any:
        """`await db(fn, *args)` until it lands; only a cancel (the outbox's stop deadline)
        ends the wait. Errors that are not the store saying "not now" raise."""
        while True:
            try:
                return await self.db(fn, *args)
            except database_errors() as error:
                if not is_transient(error):
                    raise
                log.warning("outbox_write_waiting error=%s", type(error).__name__)
                await asyncio.sleep(WRITE_RETRY)
