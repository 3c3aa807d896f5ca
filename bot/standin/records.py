"""What the stand-in remembers about the bot's calls, and how callers wait for more of them."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

MESSAGE_METHODS = ("sendMessage", "sendPhoto")


@dataclass(frozen=True)
class Sent:
    """One Bot API call the bot made.

    `text` is what the user sees (HTML already turned into plain text; the raw text is in
    `payload["text"]`). `ok` is False when the call was answered with an error (`error`
    holds Telegram's description); `index` counts every record ever made, across `clear()`.
    """

    method: str
    chat_id: int | str | None
    text: str | None
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    message_id: int | None
    at: float
    payload: dict[str, Any]
    index: int = -1
    ok: bool = True
    error: str | None = None

    @property
    def is_message(self) -> bool:
        """A message that reached the chat (sendMessage/sendPhoto answered ok)."""
        return self.ok and self.method in MESSAGE_METHODS

    def button_data(self) -> list[str]:
        """Every callback_data on this record's inline keyboard, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [b["callback_data"] for row in rows for b in row if "callback_data" in b]

    def summary(self) -> str:
        state = "ok" if self.ok else f"error {self.error!r}"
        text = "" if self.text is None else f" {self.text[:60]!r}"
        return f"#{self.index} {self.method} chat={self.chat_id} {state}{text}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sent:
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})


@dataclass
class Stats:
    """Counters since start. `too_many_requests` counts every 429, injected or not."""

    requests: int = 0
    get_updates: int = 0
    messages_accepted: int = 0
    errors: int = 0
    too_many_requests: int = 0
    rate_limited: int = 0
    faults_injected: int = 0
    updates_injected: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class StandInTimeout(TimeoutError):
    """A wait ran out; `received` holds what did arrive, for the failure message."""

    def __init__(self, what: str, received: list[Sent]):
        shown = "\n  ".join(r.summary() for r in received[-20:]) or "(nothing)"
        super().__init__(f"timed out waiting for {what}; received {len(received)}:\n  {shown}")
        self.received = received


@dataclass
class Broadcast:
    """Wakes every waiter when something changes; usable from sync code (no lock to take)."""

    _event: asyncio.Event = field(default_factory=asyncio.Event)

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        """Return on the next notify() or after `timeout` seconds, whichever is first."""
        if timeout <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout)


class Recorder:
    """Keeps every call as a `Sent` and lets callers wait, event-driven, for more."""

    def __init__(self, clock: Callable[[], float]):
        self.clock = clock
        self.sent: list[Sent] = []
        self._next_index = 0
        self._records_changed = Broadcast()

    def add_record(self, **fields: Any) -> Sent:
        record = Sent(at=self.clock(), index=self._next_index, **fields)
        self._next_index += 1
        self.sent.append(record)
        self._records_changed.notify()
        return record

    def messages(self, chat_id: int | None = None) -> list[Sent]:
        """Delivered sendMessage/sendPhoto records, oldest first."""
        return self.select(chat_id=chat_id)

    def calls(self, method: str) -> list[Sent]:
        """Every record of one method (failed ones too; see `Sent.ok`)."""
        return [r for r in self.sent if r.method.lower() == method.lower()]

    def clear(self) -> None:
        """Forget the records (indexes keep counting, so `after` values stay valid)."""
        self.sent.clear()

    @property
    def next_index(self) -> int:
        """The index the next record will get: pass it as `after` to wait for newer ones."""
        return self._next_index

    def select(
        self,
        *,
        chat_id: int | str | None = None,
        after: int = 0,
        methods: Iterable[str] | None = MESSAGE_METHODS,
        ok_only: bool = True,
    ) -> list[Sent]:
        """Records from index `after` on, for one chat (None: all), of `methods` (None: all)."""
        wanted = None if methods is None else {m.lower() for m in methods}
        return [
            r
            for r in self.sent
            if r.index >= after
            and (chat_id is None or r.chat_id == chat_id)
            and (wanted is None or r.method.lower() in wanted)
            and (r.ok or not ok_only)
        ]

    async def wait_for_records(
        self,
        *,
        chat_id: int | str | None = None,
        count: int = 1,
        timeout: float = 5.0,
        after: int = 0,
        methods: Iterable[str] | None = MESSAGE_METHODS,
    ) -> list[Sent]:
        """Wait until `select(...)` holds at least `count` records; return them all."""
        methods = None if methods is None else tuple(methods)
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            found = self.select(chat_id=chat_id, after=after, methods=methods)
            if len(found) >= count:
                return found
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                where = "any chat" if chat_id is None else f"chat {chat_id}"
                what = f"{count} {'/'.join(methods or ['call'])} record(s) in {where}"
                raise StandInTimeout(what, [r for r in self.sent if r.index >= after])
            await self._records_changed.wait(remaining)

    async def wait_for_messages(
        self, chat_id: int | None, count: int = 1, timeout: float = 5.0, *, after: int = 0
    ) -> list[Sent]:
        """Wait until the chat holds `count` delivered messages (from index `after` on)."""
        return await self.wait_for_records(
            chat_id=chat_id, count=count, timeout=timeout, after=after
        )

    async def wait_for(
        self, predicate: Callable[[Sent], bool], timeout: float = 5.0, *, after: int = 0
    ) -> Sent:
        """Wait for the first record (failed ones included) that satisfies `predicate`."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for record in self.sent:
                if record.index >= after and predicate(record):
                    return record
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                received = [r for r in self.sent if r.index >= after]
                raise StandInTimeout("a record matching the predicate", received)
            await self._records_changed.wait(remaining)
