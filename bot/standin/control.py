"""The stand-in's control API under /_sandbox/, for processes that cannot call it in-process.

The terminal chat, subprocess tests and the demo use it (through `StandInClient`) to play
the user, read what the bot sent, and arm faults. JSON in, JSON out; bad input gets a 400
with {"error": ...} and changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.standin.faults import FAULT_OPTIONS
from bot.standin.records import MESSAGE_METHODS, Sent, StandInTimeout
from bot.standin.state import StandInState

MAX_WAIT = 120.0
Route = Callable[[StandInState, web.Request], Awaitable[Any]]
_ROUTES: list[tuple[str, str, Route]] = []


def add_control_routes(app: web.Application, standin: StandInState) -> None:
    for verb, path, route in _ROUTES:
        app.router.add_route(verb, f"/_sandbox/{path}", _json_route(standin, route))


def _control(verb: str, path: str) -> Callable[[Route], Route]:
    """Decorator: the function answers `verb /_sandbox/<path>` with JSON."""

    def register(route: Route) -> Route:
        _ROUTES.append((verb, path, route))
        return route

    return register


def _json_route(
    standin: StandInState, route: Route
) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def answer(request: web.Request) -> web.Response:
        try:
            result = await route(standin, request)
        except StandInTimeout as timeout:
            body = {"error": str(timeout), "records": [r.to_dict() for r in timeout.received]}
            return web.json_response(body, status=408)
        except (KeyError, TypeError, ValueError) as error:
            return web.json_response({"error": _describe(error)}, status=400)
        return web.json_response(result)

    return answer


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


def _records(api: StandInState, records: list[Sent]) -> dict[str, Any]:
    return {"records": [r.to_dict() for r in records], "next": api.next_index}


@_control("GET", "health")
async def health(api: StandInState, request: web.Request) -> Any:
    return {"ok": True, "bot": api.bot_user, "pending_updates": api.pending}


@_control("POST", "messages")
async def post_message(api: StandInState, request: web.Request) -> Any:
    body = await _body(request)
    return api.inject_message(
        _int(body["chat_id"], "chat_id"),
        body["text"],
        reply_to_message_id=_optional_int(body, "reply_to_message_id"),
        **_user(body),
    )


@_control("POST", "media")
async def post_media(api: StandInState, request: web.Request) -> Any:
    body = await _body(request)
    caption = body.get("caption")
    if caption is not None and not isinstance(caption, str):
        raise ValueError("caption must be a string")
    return api.inject_media(
        _int(body["chat_id"], "chat_id"), str(body["kind"]), caption=caption, **_user(body)
    )


@_control("POST", "edits")
async def post_edit(api: StandInState, request: web.Request) -> Any:
    body = await _body(request)
    return api.inject_edit(
        _int(body["chat_id"], "chat_id"), _int(body["message_id"], "message_id"), body["text"]
    )


def _user(body: dict[str, Any]) -> dict[str, Any]:
    """Who the simulated user says they are (`chats.UserFields`), from a control body."""
    return {
        "first_name": body.get("first_name"),
        "user_id": _optional_int(body, "user_id"),
        "username": body.get("username"),
    }


@_control("POST", "callbacks")
async def post_callback(api: StandInState, request: web.Request) -> Any:
    body = await _body(request)
    return api.inject_callback(
        _int(body["chat_id"], "chat_id"),
        str(body["data"]),
        message_id=_optional_int(body, "message_id"),
    )


@_control("POST", "membership")
async def post_membership(api: StandInState, request: web.Request) -> Any:
    body = await _body(request)
    return api.set_membership(_int(body["chat_id"], "chat_id"), str(body["status"]))


@_control("POST", "channel_posts")
async def post_channel_post(api: StandInState, request: web.Request) -> Any:
    body = await _body(request)
    return api.inject_channel_post(_int(body["chat_id"], "chat_id"), body["text"])


@_control("GET", "sent")
async def get_sent(api: StandInState, request: web.Request) -> Any:
    query = request.query
    methods = query["method"].split(",") if query.get("method") else None
    records = api.select(
        chat_id=_optional_int(query, "chat_id"),
        after=_optional_int(query, "after", 0) or 0,
        methods=methods,
        ok_only=False,
    )
    return _records(api, records)


@_control("GET", "wait")
async def get_wait(api: StandInState, request: web.Request) -> Any:
    query = request.query
    methods_param = query.get("methods", ",".join(MESSAGE_METHODS))
    timeout = float(query.get("timeout", 5.0))
    if not 0 <= timeout <= MAX_WAIT:
        raise ValueError(f"timeout must be between 0 and {MAX_WAIT} seconds")
    records = await api.wait_for_records(
        chat_id=_optional_int(query, "chat_id"),
        count=_optional_int(query, "count", 1) or 1,
        timeout=timeout,
        after=_optional_int(query, "after", 0) or 0,
        methods=None if methods_param == "*" else methods_param.split(","),
    )
    return _records(api, records)


@_control("POST", "clear")
async def post_clear(api: StandInState, request: web.Request) -> Any:
    api.clear()
    return {"next": api.next_index}


@_control("GET", "faults")
async def get_faults(api: StandInState, request: web.Request) -> Any:
    return {"faults": [fault.as_dict() for fault in api.faults.faults]}


@_control("POST", "faults")
async def post_fault(api: StandInState, request: web.Request) -> Any:
    body = await _body(request)
    unknown = set(body) - {"kind", *FAULT_OPTIONS}
    if unknown:
        raise ValueError(f"unknown fault options: {sorted(unknown)}")
    options = {key: body[key] for key in FAULT_OPTIONS if key in body}
    if options.get("chat_id") is not None:
        options["chat_id"] = _int(options["chat_id"], "chat_id")
    return {"fault": api.add_fault(str(body["kind"]), **options).as_dict()}


@_control("DELETE", "faults")
async def delete_faults(api: StandInState, request: web.Request) -> Any:
    count = len(api.faults.faults)
    api.clear_faults()
    return {"cleared": count}


@_control("GET", "blocked")
async def get_blocked(api: StandInState, request: web.Request) -> Any:
    return {"blocked": sorted(api.blocked_chats)}


@_control("POST", "blocked")
async def post_blocked(api: StandInState, request: web.Request) -> Any:
    body = await _body(request)
    chat_id = _int(body["chat_id"], "chat_id")
    if body.get("blocked", True):
        api.blocked_chats.add(chat_id)
    else:
        api.blocked_chats.discard(chat_id)
    return {"blocked": sorted(api.blocked_chats)}


@_control("GET", "stats")
async def get_stats(api: StandInState, request: web.Request) -> Any:
    return {**api.stats.as_dict(), "pending_updates": api.pending}
