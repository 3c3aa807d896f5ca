"""The Bot API over HTTP: token check, method lookup, faults, then the method itself.

Answers have Telegram's shape ({"ok": false, "error_code", "description", "parameters"}), so
python-telegram-bot maps them to the same exceptions as in production.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiohttp import web

from bot.standin import messaging, methods, profile, webhook_methods
from bot.standin.calls import TOKEN_PATTERN, Call, parse_chat_id, read_call
from bot.standin.faults import Fault
from bot.standin.registry import Method, MethodTable
from bot.standin.state import StandInState
from bot.standin.validation import ApiError

log = logging.getLogger(__name__)

METHODS = MethodTable(methods.METHODS, messaging.METHODS, webhook_methods.METHODS, profile.METHODS)


def add_api_routes(app: web.Application, standin: StandInState) -> None:
    routes = ApiRoutes(standin)
    app.router.add_route("*", "/bot{token}/{method}", routes.handle_api)
    app.router.add_get("/file/bot{token}/{path:.+}", routes.handle_file)


class ApiRoutes:
    def __init__(self, standin: StandInState):
        self.api = standin

    async def handle_api(self, request: web.Request) -> web.Response:
        self.api.stats.requests += 1
        token = request.match_info["token"]
        if not TOKEN_PATTERN.fullmatch(token):
            return self._reply_error(ApiError(404, "Not Found"))
        if self.api.token is not None and token != self.api.token:
            return self._reply_error(ApiError(401, "Unauthorized"))
        method = METHODS.get(request.match_info["method"])
        if method is None:
            return self._reply_error(ApiError(404, "Not Found: method not found"))
        if method.name == "getUpdates":
            self.api.stats.get_updates += 1
        call = Call(method.name, {})
        try:
            call = await read_call(request, method.name)
            return await self._dispatch(method, call)
        except ApiError as error:
            if method.recorded:
                self._record_failure(call, error)
            log.debug("api_error method=%s code=%s", method.name, error.code)
            return self._reply_error(error)

    async def _dispatch(self, method: Method, call: Call) -> web.Response:
        chat_id = parse_chat_id(call.params.get("chat_id"))
        if chat_id is not None and chat_id in self.api.blocked_chats:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        fault = self.api.faults.take(method.name, chat_id)
        if fault is not None:
            self.api.stats.faults_injected += 1
            log.info(
                "fault_injected kind=%s method=%s chat_id=%s", fault.kind, method.name, chat_id
            )
            if fault.kind == "timeout":
                return await self._time_out(method, call, fault)
            raise fault.error()
        result = await method.handler(self.api, call)
        log.debug("api_call method=%s chat_id=%s ok", method.name, chat_id)
        return web.json_response({"ok": True, "result": result})

    async def _time_out(self, method: Method, call: Call, fault: Fault) -> web.Response:
        # A real timeout is ambiguous: the message may or may not have reached the chat.
        result = None
        if fault.delivered:
            result = await method.handler(self.api, call)
        else:
            self._record_failure(call, ApiError(504, "request timed out (injected)"))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.api.closing.wait(), fault.hold)
        if fault.delivered:
            return web.json_response({"ok": True, "result": result})
        return self._reply_error(ApiError(504, "Gateway Timeout"))

    def _record_failure(self, call: Call, error: ApiError) -> None:
        try:
            chat_id = parse_chat_id(call.params.get("chat_id"))
        except ApiError:
            chat_id = None
        text = call.params.get("text", call.params.get("caption"))
        self.api.record(call, chat_id, text, call.params.get("parse_mode"), None, None, error=error)

    def _reply_error(self, error: ApiError) -> web.Response:
        self.api.stats.errors += 1
        if error.code == 429:
            self.api.stats.too_many_requests += 1
        return web.json_response(error.body(), status=error.code)

    async def handle_file(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        if not TOKEN_PATTERN.fullmatch(token) or (self.api.token and token != self.api.token):
            return web.json_response(ApiError(401, "Unauthorized").body(), status=401)
        file_id = request.match_info["path"].removeprefix("photos/")
        if file_id not in self.api.files:
            return await not_found(request)
        return web.Response(body=self.api.files[file_id], content_type="application/octet-stream")


async def not_found(request: web.Request) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
    )
