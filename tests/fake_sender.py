"""A Sender for the outbox's unit tests, as httpx's MockTransport is for its clients: no network,
answers from a script per chat, and a record of every message that went out."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.delivery.sender import FloodWait, SendResult, Sent, TransientFailure


@dataclass(frozen=True)
class Delivered:
    chat_id: int
    text: str
    buttons: list[str]  # each button's callback_data, or its url
    message_id: int
    at: float  # time.monotonic() when sent


@dataclass(frozen=True)
class Hangs:
    """A scripted answer: the channel holds the send `seconds` (real), then it times out."""

    seconds: float


@dataclass
class FakeSender:
    # Telegram's per-chat limit when set: a send to a chat within `gap` seconds of the last
    # one to it gets a FloodWait instead, counted in `flood_waits`.
    gap: float | None = None
    # Real seconds every send takes before it is answered (Telegram's round trip).
    latency: float = 0.0
    # Called with each message once delivered, before the send returns (a patient's reaction).
    on_delivered: Callable[[Delivered], None] | None = None
    delivered: list[Delivered] = field(default_factory=list)
    attempts: dict[int, int] = field(default_factory=dict)
    flood_waits: int = 0
    in_flight: int = 0  # sends called and not yet answered
    peak: int = 0  # the most sends in flight at once
    _script: dict[int, list[SendResult | Hangs]] = field(default_factory=dict)

    def script(self, chat_id: int, *answers: SendResult | Hangs) -> None:
        """The answers to the chat's next sends, in order; then sends succeed again."""
        self._script.setdefault(chat_id, []).extend(answers)

    async def send(self, chat_id, rendered) -> SendResult:
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            if self.latency:
                await asyncio.sleep(self.latency)
            return await self._answer(chat_id, rendered)
        finally:
            self.in_flight -= 1

    async def _answer(self, chat_id, rendered) -> SendResult:
        self.attempts[chat_id] = self.attempts.get(chat_id, 0) + 1
        last = max((d.at for d in self.delivered if d.chat_id == chat_id), default=None)
        if self.gap is not None and last is not None and time.monotonic() - last < self.gap:
            self.flood_waits += 1
            return FloodWait(self.gap)
        answer = self._script[chat_id].pop(0) if self._script.get(chat_id) else None
        if isinstance(answer, Hangs):
            await asyncio.sleep(answer.seconds)
            return TransientFailure("TimedOut: Timed out")
        if answer is not None:
            return answer
        buttons = [b.callback_data or b.url for b in rendered.buttons]
        sent = Delivered(chat_id, rendered.text, buttons, len(self.delivered) + 1, time.monotonic())
        self.delivered.append(sent)
        if self.on_delivered is not None:
            self.on_delivered(sent)
        return Sent(sent.message_id)

    def messages(self, chat_id: int | None = None) -> list[Delivered]:
        return [d for d in self.delivered if chat_id is None or d.chat_id == chat_id]
