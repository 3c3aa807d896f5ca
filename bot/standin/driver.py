"""Drive one simulated Telegram chat: say something, tap a button, wait for the bot's replies.

Used by the demo and the end-to-end tests. Waiting is event-driven on the stand-in's records
(HTTP round trips), never a sleep for scheduled time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from bot.standin.records import Sent

if TYPE_CHECKING:
    from bot.standin.harness import RunningBot
    from bot.standin.transcript import Transcript


def buttons(record: Sent) -> list[dict]:
    """The inline keyboard's buttons of a bot message, row by row, as Telegram sent them."""
    rows = (record.reply_markup or {}).get("inline_keyboard") or []
    return [button for row in rows for button in row]


def button_labels(record: Sent) -> list[str]:
    return [button["text"] for button in buttons(record)]


def find_button(record: Sent, label: str) -> dict | None:
    """The button labelled `label`, or carrying it as callback data."""
    return next((b for b in buttons(record) if label in (b["text"], b.get("callback_data"))), None)


class ChatDriver:
    def __init__(
        self,
        bot: RunningBot,
        chat_id: int,
        first_name: str,
        transcript: Transcript | None = None,
        *,
        timeout: float = 10.0,
        stamp: Callable[[Sent], datetime | None] | None = None,
    ) -> None:
        self.bot = bot
        self.chat_id = chat_id
        self.first_name = first_name
        self.transcript = transcript
        self.timeout = timeout
        # When a message really went out (e.g. an outbox row's sent_at), if known; the
        # transcript otherwise stamps it with the time it was seen.
        self.stamp = stamp or (lambda record: None)
        self._after = bot.standin.next_index
        self.received: list[Sent] = []

    async def say(self, text: str, *, replies: int = 1) -> list[Sent]:
        """Send `text` as this user and return the bot's next `replies` messages here."""
        if self.transcript:
            self.transcript.said(self.chat_id, text)
        self.bot.standin.inject_message(self.chat_id, text, first_name=self.first_name)
        return await self.expect(replies) if replies else []

    async def send_media(
        self, kind: str, caption: str | None = None, *, replies: int = 1
    ) -> list[Sent]:
        """Send a photo (with an optional caption), voice note, sticker... (`attachments.KINDS`)
        as this user and return the bot's next `replies` messages here."""
        if self.transcript:
            self.transcript.said(
                self.chat_id, f"[{kind.replace('_', ' ')}] {caption or ''}".strip()
            )
        self.bot.standin.inject_media(
            self.chat_id, kind, caption=caption, first_name=self.first_name
        )
        return await self.expect(replies) if replies else []

    async def tap(self, label: str, *, replies: int = 1) -> list[Sent]:
        """Tap the inline button labelled `label` (or with that callback data) on the newest
        bot message in this chat that has it."""
        for record in reversed(self.bot.standin.select(chat_id=self.chat_id)):
            button = find_button(record, label)
            if button and "callback_data" in button:
                if self.transcript:
                    self.transcript.tapped(self.chat_id, button["text"])
                self.bot.standin.inject_callback(
                    self.chat_id, button["callback_data"], message_id=record.message_id
                )
                return await self.expect(replies) if replies else []
        raise AssertionError(f"no button {label!r} in chat {self.chat_id}")

    async def tap_expecting_edit(self, label: str) -> Sent:
        """Tap a button whose answer is the bot editing that same message."""
        after = self.bot.standin.next_index
        await self.tap(label, replies=0)
        edit = await self.bot.standin.wait_for(
            lambda r: r.method == "editMessageText" and r.chat_id == self.chat_id and r.ok,
            self.timeout,
            after=after,
        )
        if self.transcript:
            self.transcript.bot(self.chat_id, f"(edits its message) {edit.text}")
        return edit

    async def expect(self, count: int = 1, *, timeout: float | None = None) -> list[Sent]:
        """Wait for `count` more messages from the bot in this chat; return every new one."""
        records = await self.bot.standin.wait_for_messages(
            self.chat_id, count, timeout or self.timeout, after=self._after
        )
        self._after = records[-1].index + 1
        for record in records:
            self.received.append(record)
            if self.transcript:
                self.transcript.bot(
                    self.chat_id,
                    record.text or "",
                    button_labels(record),
                    photo=record.method == "sendPhoto",
                    when=self.stamp(record),
                )
        return records

    @property
    def last(self) -> Sent:
        return self.received[-1]
