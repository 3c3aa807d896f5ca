"""The stand-in's control API under /_sandbox/, for processes that cannot call it in-process.

The terminal chat, subprocess tests and the demo use it (through `StandInClient`) to play
the user, read what the bot sent, and arm faults. JSON in, JSON out; bad input gets a 400
with {"error": ...} and changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.standin.records import MESSAGE_METHODS, StandInTimeout

if TYPE_CHECKING:
    from bot.standin.botapi import BotAPIStandIn

MAX_WAIT = 120.0
_FAULT_OPTIONS = (
    "method",
    "chat_id",
    "times",
    "probability",
    "retry_after",
    "delivered",
    "hold",
    "status",
    "description",
)
Route = Callable[[web.Request], Awaitable[Any]]


def add_control_routes(app: web.Application, standin: BotAPIStandIn) -> None:
    control = _Control(standin)
    for method, path, handler in (
        ("GET", "health", control.health),
        ("POST", "messages", control.post_message),
        ("POST", "callbacks", control.post_callback),
        ("GET", "sent", control.get_sent),
        ("GET", "wait", control.get_wait),
        ("POST", "clear", control.post_clear),
        ("GET", "faults", control.get_faults),
        ("POST", "faults", control.post_fault),
        ("DELETE", "faults", control.delete_faults),
        ("GET", "blocked", control.get_blocked),
        ("POST", "blocked", control.post_blocked),
        ("GET", "stats", control.get_stats),
    ):
        app.router.add_route(method, f"/_sandbox/{path}", _json_route(handler))


def _json_route(handler: Route) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def route(request: web.Request) -> web.Response:
        try:
            result = await handler(request)
        except StandInTimeout as timeout:
            body = {"error": str(timeout), "records": [r.to_dict() for r in timeout.received]}
            return web.json_response(body, status=408)
        except (KeyError, TypeError, ValueError) as error:
            return web.json_response({"error": _describe(error)}, status=400)
        return web.json_response(result)

    return route


def _describe(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing field {error.args[0]!r}"
    return str(error)


async def _body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except json.JSONDecodeError:
        raise ValueError("the body must be a JSON object") from None
    if not isinstance(body, dict):
        raise ValueError("the body must be a JSON object")
    return body


def _int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an integer") from None


def _optional_int(query: Any, name: str, default: int | None = None) -> int | None:
    value = query.get(name)
    return default if value in (None, "") else _int(value, name)


class _Control:
    def __init__(self, standin: BotAPIStandIn):
        self.api = standin

    async def health(self, request: web.Request) -> Any:
        return {"ok": True, "bot": self.api.bot_user, "pending_updates": self.api.pending}

    async def post_message(self, request: web.Request) -> Any:
        body = await _body(request)
        return self.api.inject_message(
            _int(body["chat_id"], "chat_id"),
            body["text"],
            first_name=body.get("first_name"),
            user_id=_optional_int(body, "user_id"),
            username=body.get("username"),
        )

    async def post_callback(self, request: web.Request) -> Any:
        body = await _body(request)
        return self.api.inject_callback(
            _int(body["chat_id"], "chat_id"),
            str(body["data"]),
            message_id=_optional_int(body, "message_id"),
        )

    async def get_sent(self, request: web.Request) -> Any:
        query = request.query
        methods = query["method"].split(",") if query.get("method") else None
        records = self.api.select(
            chat_id=_optional_int(query, "chat_id"),
            after=_optional_int(query, "after", 0) or 0,
            methods=methods,
            ok_only=False,
        )
        return {"records": [r.to_dict() for r in records], "next": self.api.next_index}

    async def get_wait(self, request: web.Request) -> Any:
        query = request.query
        methods_param = query.get("methods", ",".join(MESSAGE_METHODS))
        timeout = float(query.get("timeout", 5.0))
        if not 0 <= timeout <= MAX_WAIT:
            raise ValueError(f"timeout must be between 0 and {MAX_WAIT} seconds")
        records = await self.api.wait_for_records(
            chat_id=_optional_int(query, "chat_id"),
            count=_optional_int(query, "count", 1) or 1,
            timeout=timeout,
            after=_optional_int(query, "after", 0) or 0,
            methods=None if methods_param == "*" else methods_param.split(","),
        )
        return {"records": [r.to_dict() for r in records], "next": self.api.next_index}

    async def post_clear(self, request: web.Request) -> Any:
        self.api.clear()
        return {"next": self.api.next_index}

    async def get_faults(self, request: web.Request) -> Any:
        return {"faults": [fault.as_dict() for fault in self.api.faults.faults]}

    async def post_fault(self, request: web.Request) -> Any:
        body = await _body(request)
        unknown = set(body) - {"kind", *_FAULT_OPTIONS}
        if unknown:
            raise ValueError(f"unknown fault options: {sorted(unknown)}")
        options = {key: body[key] for key in _FAULT_OPTIONS if key in body}
        if options.get("chat_id") is not None:
            options["chat_id"] = _int(options["chat_id"], "chat_id")
        return {"fault": self.api.add_fault(str(body["kind"]), **options).as_dict()}

    async def delete_faults(self, request: web.Request) -> Any:
        count = len(self.api.faults.faults)
        self.api.clear_faults()
        return {"cleared": count}

    async def get_blocked(self, request: web.Request) -> Any:
        return {"blocked": sorted(self.api.blocked_chats)}

    async def post_blocked(self, request: web.Request) -> Any:
        body = await _body(request)
        chat_id = _int(body["chat_id"], "chat_id")
        if body.get("blocked", True):
            self.api.blocked_chats.add(chat_id)
        else:
            self.api.blocked_chats.discard(chat_id)
        return {"blocked": sorted(self.api.blocked_chats)}

    async def get_stats(self, request: web.Request) -> Any:
        return {**self.api.stats.as_dict(), "pending_updates": self.api.pending}
