"""How many sends the outbox keeps in flight: as many as the rate needs, and no more.

A send in flight when the process dies may have reached the patient without its result being
recorded, so it is sent again after the restart: every send in flight is a possible repeat.
Telegram takes about 30 messages a second; with answers taking `latency` seconds, about
30 × latency sends in flight keep that pace. The window follows the measured latency
(a moving average) and adds one; a send that has been out for much longer than usual (a hung
request, until its timeout) stops counting, so it cannot hold the others up.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress

STALLED_AFTER = 1.0  # seconds; a send out longer than this and 4x the latency is "stalled"


class InFlight:
    """A window of concurrent sends sized `ceil(rate × latency) + 1`, between 2 and `ceiling`.

    `rate` is messages a second; `latency` starts at `initial_latency` seconds and follows
    each `observe`d send duration.
    """

    def __init__(
        self,
        rate: float,
        *,
        ceiling: int,
        initial_latency: float = 0.1,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate
        self.ceiling = max(2, ceiling)
        self.latency = initial_latency
        self.peak = 0  # the most sends ever in flight at once
        self._monotonic = monotonic
        self._started: dict[int, float] = {}
        self._next_id = 0
        self._changed = asyncio.Condition()

    @property
    def limit(self) -> int:
        return max(2, min(self.ceiling, math.ceil(self.rate * self.latency) + 1))

    @property
    def count(self) -> int:
        """Sends in flight right now, stalled ones included."""
        return len(self._started)

    def observe(self, seconds: float) -> None:
        """One send took `seconds` from the call to its answer."""
        self.latency += 0.2 * (seconds - self.latency)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Wait for room in the window, then hold one place while the body sends."""
        async with self._changed:
            # Stalled sends age into room without telling anyone: look again now and then.
            while self._active() >= self.limit:
                with suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), STALLED_AFTER / 4)
            key, self._next_id = self._next_id, self._next_id + 1
            self._started[key] = self._monotonic()
            self.peak = max(self.peak, len(self._started))
        try:
            yield
        finally:
            del self._started[key]
            async with self._changed:
                self._changed.notify()

    def _active(self) -> int:
        cutoff = self._monotonic() - max(STALLED_AFTER, 4 * self.latency)
        return sum(1 for started in self._started.values() if started > cutoff)
