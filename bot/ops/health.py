"""Is the running bot healthy? The database readable, the outbox passing, rows counted.

Healthy means: the database answers a fresh read-only connection, and the outbox finished a
pass within `max_pass_age` real seconds (it passes at least every 30 s on its safety tick, so
two minutes without one means it is stuck or dead). Failed rows are reported, not judged:
a patient who blocked the bot is not an outage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from bot.clock import Clock
from bot.store.connection import database_errors
from bot.store.probe import outbox_counts

MAX_PASS_AGE = 120.0  # real seconds
PATH = "/health"  # where the endpoint answers


class PassingOutbox(Protocol):
    last_pass: datetime | None


@dataclass(frozen=True)
class Health:
    """One check's answer: `healthy`, the `reasons` when not, and the JSON body to serve."""

    healthy: bool
    reasons: list[str] = field(default_factory=list)
    body: dict[str, Any] = field(default_factory=dict)


class HealthCheck:
    """Checks the bot whose outbox is `outbox` (None: the outbox is not running) and whose
    database is at `db_path`. Ages are real seconds: simulated time (a `ScaledClock`) is
    divided by its speed."""

    def __init__(
        self,
        db_path: str | Path,
        clock: Clock,
        outbox: PassingOutbox | None,
        *,
        max_pass_age: float = MAX_PASS_AGE,
    ) -> None:
        self.db_path = db_path
        self.clock = clock
        self.outbox = outbox
        self.max_pass_age = max_pass_age
        self.started = clock.now()  # the grace period before the first pass counts from here

    def check(self) -> Health:
        now = self.clock.now()
        reasons: list[str] = []
        database: dict[str, Any] = {"reachable": True}
        rows = None
        try:
            rows = outbox_counts(self.db_path, now)
        except database_errors() as error:
            database = {"reachable": False, "error": str(error)}
            reasons.append(f"database unreachable: {error}")
        outbox: dict[str, Any] = {"running": self.outbox is not None, "last_pass_age": None}
        if self.outbox is None:
            reasons.append("the outbox is not running")
        else:
            last = self.outbox.last_pass
            age = self._real_seconds(now - (last or self.started))
            outbox["last_pass_age"] = None if last is None else round(age, 1)
            if age > self.max_pass_age:
                what = "no outbox pass" if last is None else "the last outbox pass was"
                reasons.append(f"{what} {age:.0f} s ago (limit {self.max_pass_age:.0f} s)")
        body = {
            "status": "unhealthy" if reasons else "ok",
            "reasons": reasons,
            "database": database,
            "outbox": outbox,
            "rows": None if rows is None else vars(rows),
            "checked_at": now.isoformat(timespec="seconds"),
        }
        return Health(not reasons, reasons, body)

    def _real_seconds(self, delta) -> float:
        return max(0.0, delta.total_seconds()) / getattr(self.clock, "speed", 1.0)
