"""Failures the stand-in injects on purpose, so retry and give-up paths get exercised.

Each kind answers the way the real Bot API (or the network in front of it) does, so
python-telegram-bot raises the same exception it would in production:
server_error -> NetworkError, timeout -> TimedOut, blocked -> Forbidden,
chat_not_found / bad_request / query_too_old -> BadRequest, flood -> RetryAfter.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, fields
from typing import Any

from bot.standin.validation import ApiError, bad_request

FAULT_KINDS = (
    "server_error",
    "timeout",
    "blocked",
    "chat_not_found",
    "flood",
    "bad_request",
    "query_too_old",
)
# Telegram's answer to answerCallbackQuery for a button pressed too long ago (or twice).
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
_SERVER_ERRORS = {500: "Internal Server Error", 502: "Bad Gateway"}


@dataclass
class Fault:
    """One armed fault. `times` None means every matching call until removed."""

    id: int
    kind: str
    method: str = "sendMessage"  # "*" matches every method
    chat_id: int | str | None = None
    times: int | None = 1
    probability: float | None = None
    retry_after: int = 1
    delivered: bool = False  # timeout only: was the message recorded as sent anyway?
    hold: float = 60.0  # timeout only: seconds to sit on the request
    status: int = 500  # server_error only: 500 or 502
    description: str | None = None  # bad_request only
    fired: int = field(default=0)

    def matches(self, method: str, chat_id: int | str | None) -> bool:
        if self.method != "*" and self.method.lower() != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id

    def error(self) -> ApiError:
        """The answer this fault gives (not used for timeout, which withholds one)."""
        if self.kind == "server_error":
            return ApiError(self.status, _SERVER_ERRORS[self.status])
        if self.kind == "blocked":
            return ApiError(403, "Forbidden: bot was blocked by the user")
        if self.kind == "chat_not_found":
            return bad_request("chat not found")
        if self.kind == "flood":
            return ApiError(
                429,
                f"Too Many Requests: retry after {self.retry_after}",
                {"retry_after": self.retry_after},
            )
        if self.kind == "query_too_old":
            return bad_request(QUERY_TOO_OLD)
        return bad_request(self.description or "injected fault")

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


# What `FaultBook.add` takes besides the kind: every `Fault` field but its id and count.
FAULT_OPTIONS = tuple(f.name for f in fields(Fault) if f.name not in ("id", "kind", "fired"))


class FaultBook:
    """The armed faults, consulted on every Bot API call in the order they were added."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.faults: list[Fault] = []
        self._next_id = 1

    def add(self, kind: str, **options: Any) -> Fault:
        """Arm a fault for calls of `method` ("*": any) to `chat_id` (None: any chat).

        kind: server_error (HTTP `status` 500 or 502), timeout (hold the request `hold` s;
        `delivered` says whether the message reached the chat anyway), blocked, chat_not_found,
        flood (429 with `retry_after`), bad_request (`description`), query_too_old (Telegram
        refusing to acknowledge a button: `method` defaults to answerCallbackQuery).
        It fires `times` times (default once); with a `probability` it fires on that share of
        matching calls, drawn from the seeded `rng`, with no limit unless `times` is given.
        Options are `FAULT_OPTIONS`, with `Fault`'s defaults; ValueError for a bad value,
        TypeError for an unknown option.
        """
        unknown = set(options) - set(FAULT_OPTIONS)
        if unknown:
            raise TypeError(f"unknown fault options: {sorted(unknown)}")
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        options.setdefault("times", None)  # once, unless a probability is given (below)
        if kind == "query_too_old":
            options.setdefault("method", "answerCallbackQuery")
        fault = Fault(self._next_id, kind, **options)
        if fault.probability is not None and not 0 <= fault.probability <= 1:
            raise ValueError("probability must be between 0 and 1")
        if fault.status not in _SERVER_ERRORS:
            raise ValueError(f"status must be one of {sorted(_SERVER_ERRORS)}")
        if fault.times is None and fault.probability is None:
            fault.times = 1
        if fault.times is not None and fault.times < 1:
            raise ValueError("times must be at least 1")
        fault.retry_after = max(1, int(fault.retry_after))
        self._next_id += 1
        self.faults.append(fault)
        return fault

    def take(self, method: str, chat_id: int | str | None) -> Fault | None:
        """The fault that fires on this call, if any, counting it against its `times`."""
        for fault in self.faults:
            if not fault.matches(method, chat_id):
                continue
            if fault.probability is not None and self.rng.random() >= fault.probability:
                continue
            fault.fired += 1
            if fault.times is not None and fault.fired >= fault.times:
                self.faults.remove(fault)
            return fault
        return None

    def clear(self) -> None:
        self.faults.clear()
