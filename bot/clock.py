"""One injectable clock. Domain code takes `now`; only the composition root picks a clock.

- `SystemClock`: real UTC time.
- `ScaledClock`: simulated time running `speed` times faster than real time, anchored at a
  (real, simulated) pair. The anchor is kept in the database (`anchored_clock`) so a restart
  continues the same simulated time: a 3-second outage at speed 86400 is a 3-day outage.
- `ManualClock`: for tests; moves only when told.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current (possibly simulated) time, timezone-aware UTC."""
        ...

    def real_seconds_until(self, when: datetime) -> float:
        """Real seconds to wait until simulated `when` (inf if the clock never gets there)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def real_seconds_until(self, when: datetime) -> float:
        return max(0.0, (when - self.now()).total_seconds())


class ScaledClock:
    def __init__(
        self,
        speed: float,
        anchor_real: float,
        anchor_sim: datetime,
        real_time=time.time,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self.anchor_real = anchor_real
        self.anchor_sim = anchor_sim
        self._real_time = real_time

    def now(self) -> datetime:
        elapsed = (self._real_time() - self.anchor_real) * self.speed
        return self.anchor_sim + timedelta(seconds=elapsed)

    def real_seconds_until(self, when: datetime) -> float:
        return max(0.0, (when - self.now()).total_seconds() / self.speed)

    def set_speed(self, speed: float) -> None:
        """Run at `speed` from now on, without a jump in simulated time.

        For the scripted demo, which talks at speed 1 and fast-forwards through the days
        between messages; the anchor stored in the database is not changed.
        """
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.anchor_sim, self.anchor_real, self.speed = self.now(), self._real_time(), speed


class ManualClock:
    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        if self._now.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        self._now += delta if delta is not None else timedelta(**kwargs)
        return self._now

    def real_seconds_until(self, when: datetime) -> float:
        # Nothing happens by itself: tests advance the clock and then run the work.
        return 0.0 if when <= self._now else math.inf


@dataclass(frozen=True)
class ClockAnchor:
    """A (real, simulated) pair at a speed; stored in the database's meta table."""

    speed: float
    real: float
    simulated: datetime


def anchored_clock(
    speed: float, anchor: ClockAnchor | None, real_time=time.time
) -> tuple[Clock, ClockAnchor | None]:
    """The clock for `speed`, plus a new anchor to persist (None when nothing changed).

    Speed 1 with no stored anchor is plain system time. A stored anchor with a different speed
    is re-anchored at the simulated time it reached, so changing the speed never jumps back.
    """
    if anchor is None and speed == 1:
        return SystemClock(), None
    if anchor is None:
        new = ClockAnchor(speed, real_time(), datetime.now(UTC))
        return ScaledClock(speed, new.real, new.simulated, real_time), new
    clock = ScaledClock(anchor.speed, anchor.real, anchor.simulated, real_time)
    if anchor.speed == speed:
        return clock, None
    new = ClockAnchor(speed, real_time(), clock.now())
    return ScaledClock(speed, new.real, new.simulated, real_time), new
