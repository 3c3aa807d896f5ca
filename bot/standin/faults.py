"""Failures the stand-in injects on purpose, so retry and give-up paths get exercised.

Each kind answers the way the real Bot API (or the network in front of it) does, so
python-telegram-bot raises the same exception it would in production:
server_error -> NetworkError, timeout -> TimedOut, blocked -> Forbidden,
chat_not_found / bad_request -> BadRequest, flood -> RetryAfter.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from bot.standin.validation import ApiError, bad_request

FAULT_KINDS = ("server_error", "timeout", "blocked", "chat_not_found", "flood", "bad_request")
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
        return bad_request(self.description or "injected fault")

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


class FaultBook:
    """The armed faults, consulted on every Bot API call in the order they were added."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.faults: list[Fault] = []
        self._next_id = 1

    def add(
        self,
        kind: str,
        *,
        method: str = "sendMessage",
        chat_id: int | str | None = None,
        times: int | None = None,
        probability: float | None = None,
        retry_after: int = 1,
        delivered: bool = False,
        hold: float = 60.0,
        status: int = 500,
        description: str | None = None,
    ) -> Fault:
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        if probability is not None and not 0 <= probability <= 1:
            raise ValueError("probability must be between 0 and 1")
        if status not in _SERVER_ERRORS:
            raise ValueError(f"status must be one of {sorted(_SERVER_ERRORS)}")
        if times is None and probability is None:
            times = 1
        if times is not None and times < 1:
            raise ValueError("times must be at least 1")
        fault = Fault(
            id=self._next_id,
            kind=kind,
            method=method,
            chat_id=chat_id,
            times=times,
            probability=probability,
            retry_after=max(1, int(retry_after)),
            delivered=delivered,
            hold=hold,
            status=status,
            description=description,
        )
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

    def remove(self, fault_id: int) -> None:
        self.faults = [f for f in self.faults if f.id != fault_id]

    def clear(self) -> None:
        self.faults.clear()
