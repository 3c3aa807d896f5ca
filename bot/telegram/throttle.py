"""Telegram's flood limits kept on our side: at most 30 sends in any second, at most one a
second to a chat, and the most urgent waiting send goes first.

Telegram counts a message when it arrives, somewhere between the moment we let the request
go and the moment its answer comes back. So a send here occupies its place from the moment
it is let go until `period` after its answer: then any 31 messages Telegram counts span more
than a second, however the network delays them (no opening burst, no jitter allowance).
A chat's next send waits until `period` after its previous one was answered. At 10 ms round
trips this gives 29.7 messages a second; at 100 ms, 27.3.

Waiting sends are let go in priority order (`Priority`), then in the order they asked; a send
held back only by its own chat's pace never holds up another chat's. `Gate` is the rule with
the time passed in (tests drive it with plain numbers); `Throttle` runs it on asyncio. With
several instances on one PostgreSQL database a send let go here also takes a place in the
limit they share (`SharedLimit`, `bot.store.flood_slots`) before it goes.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol

OVERALL_PER_SECOND = 30  # Telegram's Bot FAQ: about 30 messages a second in all
PERIOD = 1.0  # seconds; and Telegram's one message a second in a chat


class Priority(IntEnum):
    """Who goes first when sends wait (lower first)."""

    URGENT = 0  # the reply to a red flag, and the alerts to staff
    REPLY = 1  # any other reply to what someone just wrote
    SCHEDULED = 2  # the outbox's timeline messages


class SharedLimit(Protocol):
    """The flood limit kept where every instance sees it: `take` waits for a place for a send
    to `chat` and returns its id (None: not shared just now), `done` frees it at the answer."""

    async def take(self, chat: int) -> int | None: ...

    async def done(self, slot: int | None) -> None: ...


@dataclass(eq=False)
class Ticket:
    """One send's place in the queue; sorted by priority, then by when it asked."""

    priority: int
    seq: int
    chat: Hashable
    state: str = "waiting"  # waiting | sending | done | dropped

    def __lt__(self, other: Ticket) -> bool:
        return (self.priority, self.seq) < (other.priority, other.seq)


class Gate:
    """The rule, with times in seconds passed in: `ask`, then `admit(now)` says who may go,
    `done(ticket, now)` when Telegram answered (or the send gave up).

    Raises ValueError for a limit below 1 or a period that is not positive.
    """

    def __init__(self, limit: int = OVERALL_PER_SECOND, period: float = PERIOD) -> None:
        if limit < 1 or period <= 0:
            raise ValueError("the gate needs a limit of at least 1 and a positive period")
        self.limit = limit
        self.period = period
        self.sending = 0  # let go and not yet answered
        self.waiting = 0  # asked and neither let go nor dropped
        self._releases: list[float] = []  # heap: when each answered send stops counting
        self._queue: list[Ticket] = []  # heap: tickets whose chat was ready when last seen
        # Tickets whose chat is not ready (a send in flight, its pace, a 429) wait apart, so
        # a busy chat costs nothing while others are let go; `_wakeups` says when to look.
        self._parked: dict[Hashable, list[Ticket]] = {}
        self._wakeups: list[tuple[float, int, Hashable]] = []  # heap: (when, seq, chat)
        self._chat_busy: set[Hashable] = set()  # chats with a send let go and not answered
        self._chat_free: dict[Hashable, float] = {}  # chat -> when its next send may go
        self._seq = itertools.count()

    def ask(self, chat: Hashable, priority: int = Priority.REPLY) -> Ticket:
        ticket = Ticket(int(priority), next(self._seq), chat)
        if chat in self._parked:
            heapq.heappush(self._parked[chat], ticket)
        else:
            heapq.heappush(self._queue, ticket)
        self.waiting += 1
        return ticket

    def hold(self, chat: Hashable, until: float) -> None:
        """Telegram asked this chat to wait (a 429): nothing goes to it before `until`."""
        self._chat_free[chat] = max(until, self._chat_free.get(chat, until))
        if chat in self._parked and chat not in self._chat_busy:
            heapq.heappush(self._wakeups, (self._chat_free[chat], next(self._seq), chat))

    def counting(self, now: float) -> int:
        """Sends that still count at `now`: in flight, or answered less than `period` ago."""
        while self._releases and self._releases[0] <= now:
            heapq.heappop(self._releases)
        return self.sending + len(self._releases)

    def admit(self, now: float) -> list[Ticket]:
        """Let go, best first, every waiting ticket that fits at `now`; returns them."""
        self._unpark(now)
        admitted: list[Ticket] = []
        room = self.limit - self.counting(now)
        while room > 0 and self._queue:
            ticket = heapq.heappop(self._queue)
            if ticket.state != "waiting":
                continue
            if not self._chat_ready(ticket.chat, now):
                self._park(ticket)
                continue
            ticket.state = "sending"
            self.sending += 1
            self.waiting -= 1
            self._chat_busy.add(ticket.chat)
            self._chat_free.pop(ticket.chat, None)
            admitted.append(ticket)
            room -= 1
        return admitted

    def done(self, ticket: Ticket, now: float) -> None:
        """The send of an admitted ticket was answered (or gave up) at `now`; a ticket still
        waiting is dropped from the queue."""
        if ticket.state == "waiting":
            ticket.state = "dropped"
            self.waiting -= 1
            return
        if ticket.state != "sending":
            return
        ticket.state = "done"
        self.sending -= 1
        self._chat_busy.discard(ticket.chat)
        heapq.heappush(self._releases, now + self.period)
        self.hold(ticket.chat, now + self.period)
        if len(self._chat_free) > 4096:
            self._chat_free = {
                c: t for c, t in self._chat_free.items() if t > now or c in self._parked
            }

    def next_change(self, now: float) -> float | None:
        """Seconds from `now` until a waiting ticket might fit (None: nothing waits, or only
        an answer still to come can free a place)."""
        if not self.waiting:
            return None
        if self.counting(now) >= self.limit:
            wake = self._releases[0] if self._releases else None
        elif self._queue:
            wake = now
        else:
            wake = self._wakeups[0][0] if self._wakeups else None
        return None if wake is None else max(0.0, wake - now)

    def _chat_ready(self, chat: Hashable, now: float) -> bool:
        return chat not in self._chat_busy and self._chat_free.get(chat, now) <= now

    def _park(self, ticket: Ticket) -> None:
        parked = self._parked.setdefault(ticket.chat, [])
        heapq.heappush(parked, ticket)
        if len(parked) == 1 and ticket.chat not in self._chat_busy:
            heapq.heappush(
                self._wakeups, (self._chat_free[ticket.chat], next(self._seq), ticket.chat)
            )

    def _unpark(self, now: float) -> None:
        # A chat's parked tickets go back to the queue once it is ready; a stale wake-up (the
        # chat got busy again, or a 429 moved its time) is dropped or comes back later.
        while self._wakeups and self._wakeups[0][0] <= now:
            _, _, chat = heapq.heappop(self._wakeups)
            if chat not in self._parked or chat in self._chat_busy:
                continue
            if not self._chat_ready(chat, now):
                heapq.heappush(self._wakeups, (self._chat_free[chat], next(self._seq), chat))
                continue
            for ticket in self._parked.pop(chat):
                heapq.heappush(self._queue, ticket)


class Throttle:
    """`Gate` on asyncio: `async with throttle.slot(chat, priority):` wraps one send.

    `monotonic` is time.monotonic unless a test passes its own. `observer`, when set, hears of
    every send that went: its ticket and when it asked, was let go and ended (monotonic
    seconds); the benchmarks use it to check the order.
    """

    def __init__(
        self,
        limit: int = OVERALL_PER_SECOND,
        period: float = PERIOD,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        observer: Callable[[Ticket, float, float, float], None] | None = None,
        shared: SharedLimit | None = None,
    ) -> None:
        self.gate = Gate(limit, period)
        self.observer = observer
        self.shared = shared
        self._monotonic = monotonic
        self._woken: dict[Ticket, asyncio.Future[None]] = {}
        self._timer: asyncio.TimerHandle | None = None

    @asynccontextmanager
    async def slot(self, chat: Hashable, priority: int = Priority.REPLY) -> AsyncIterator[None]:
        """Wait for this send's turn, hold it while the body sends, then free it."""
        ticket = self.gate.ask(chat, priority)
        asked = self._monotonic()
        woken = asyncio.get_running_loop().create_future()
        self._woken[ticket] = woken
        self._pump()
        try:
            await woken
        except BaseException:
            self._woken.pop(ticket, None)
            self.gate.done(ticket, self._monotonic())  # dropped, or freed unused
            self._pump()
            raise
        place = let_go = None
        try:
            if self.shared is not None and isinstance(chat, int):
                place = await self.shared.take(chat)
            let_go = self._monotonic()
            yield
        finally:
            ended = self._monotonic()
            self.gate.done(ticket, ended)
            self._pump()
            if place is not None:  # shielded: a cancelled send still frees its place
                await asyncio.shield(self.shared.done(place))
            if self.observer is not None and let_go is not None:
                self.observer(ticket, asked, let_go, ended)

    def hold(self, chat: Hashable, seconds: float) -> None:
        """Telegram answered this chat with a 429: nothing goes to it for `seconds`."""
        self.gate.hold(chat, self._monotonic() + seconds)
        self._pump()

    def _pump(self) -> None:
        now = self._monotonic()
        for ticket in self.gate.admit(now):
            woken = self._woken.pop(ticket)
            if not woken.done():
                woken.set_result(None)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        delay = self.gate.next_change(now)
        if delay is not None:
            self._timer = asyncio.get_running_loop().call_later(delay, self._pump)
