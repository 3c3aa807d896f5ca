"""A readable record of a sandbox conversation, stamped with simulated time."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import datetime

from bot.clock import Clock


class Transcript:
    def __init__(
        self, clock: Clock, names: dict[int, str], *, timezone=None, echo: Callable = print
    ) -> None:
        self.clock = clock
        self.names = names
        self.timezone = timezone
        self.echo = echo
        self.lines: list[str] = []

    def _stamp(self, when: datetime | None = None) -> str:
        when = when or self.clock.now()
        if self.timezone is not None:
            when = when.astimezone(self.timezone)
        return when.strftime("%a %d %b %H:%M")

    def _emit(self, line: str) -> None:
        self.lines.append(line)
        self.echo(line)

    def said(self, chat_id: int, text: str) -> None:
        self._emit(f"[{self._stamp()}] {self.names.get(chat_id, chat_id)} » {text}")

    def tapped(self, chat_id: int, label: str) -> None:
        self._emit(f"[{self._stamp()}] {self.names.get(chat_id, chat_id)} taps [{label}]")

    def bot(
        self,
        chat_id: int,
        text: str,
        buttons: list[str] = (),
        *,
        photo: bool = False,
        when: datetime | None = None,
        number: int | None = None,
    ) -> None:
        """A bot message to `chat_id`; `number`, its message id, is shown when given."""
        who = self.names.get(chat_id, chat_id)
        body = ("[photo] " if photo else "") + (text or "")
        wrapped = textwrap.indent(body, "      ").lstrip()
        shown = f" #{number}" if number is not None else ""
        self._emit(f"[{self._stamp(when)}] bot → {who}{shown}: {wrapped}")
        if buttons:
            self._emit("      " + "  ".join(f"[{label}]" for label in buttons))

    def note(self, text: str) -> None:
        self._emit(f"--- {text} ---")
