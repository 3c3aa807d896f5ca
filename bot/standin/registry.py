"""Tables of Bot API methods: each method module fills its own, `server` joins them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.standin.calls import Call
from bot.standin.state import StandInState

# A method: reads the call, changes the state, returns Telegram's `result` or raises ApiError.
Handler = Callable[[StandInState, Call], Awaitable[Any]]


@dataclass(frozen=True)
class Method:
    """A method under its canonical name; `recorded`: a failed call is kept as a record."""

    name: str
    handler: Handler
    recorded: bool = True


class MethodTable:
    """Methods by name, looked up case-insensitively as Telegram does."""

    def __init__(self, *tables: MethodTable) -> None:
        self._methods: dict[str, Method] = {}
        for table in tables:
            self._methods.update(table._methods)

    def method(self, name: str, *, recorded: bool = True) -> Callable[[Handler], Handler]:
        """Decorator: the handler answers calls of `name`."""

        def register(handler: Handler) -> Handler:
            self._methods[name.lower()] = Method(name, handler, recorded)
            return handler

        return register

    def get(self, name: str) -> Method | None:
        return self._methods.get(name.lower())
