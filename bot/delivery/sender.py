"""What the outbox needs from a messaging channel: one `send`, and what came of it as plain data.

As httpx's transports sit behind `BaseTransport.handle_request`, a channel sits behind
`Sender.send`: the outbox renders, paces and records; the sender only delivers and says how
it went. `bot.telegram.sender.TelegramSender` is the bot's; tests use a small fake. Nothing
here knows Telegram, so a second channel (SMS) would be a second Sender.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.delivery.rules import Rendered

BLOCKED = "blocked"  # the patient blocked the bot
CHAT_NOT_FOUND = "chat_not_found"  # the chat is gone (account deleted, never started)


@dataclass(frozen=True)
class Sent:
    """Delivered; `message_id` is the channel's id for the message, stored on the row."""

    message_id: int


@dataclass(frozen=True)
class FloodWait:
    """The channel asked us to slow down: try this chat again after `seconds` (real seconds,
    not simulated ones). Not a failure: the row keeps its attempts."""

    seconds: float


@dataclass(frozen=True)
class TransientFailure:
    """Network error, timeout or server error: worth retrying with backoff. `reason` is short,
    e.g. "NetworkError: Bad Gateway", and never carries the message text."""

    reason: str


@dataclass(frozen=True)
class PermanentFailure:
    """Retrying cannot help. With `unreachable` the patient cannot be reached at all (`reason`
    BLOCKED or CHAT_NOT_FOUND) and their other messages are cancelled; otherwise only this
    message was refused (e.g. "bad_request: Can't parse entities")."""

    reason: str
    unreachable: bool = False


SendResult = Sent | FloodWait | TransientFailure | PermanentFailure


class Sender(Protocol):
    """A messaging channel the outbox delivers through."""

    async def send(self, chat_id: int, rendered: Rendered) -> SendResult:
        """Deliver `rendered` (HTML text, buttons) to `chat_id` once, without retrying.

        Every outcome the channel reports comes back as a SendResult; only a bug raises.
        """
        ...
