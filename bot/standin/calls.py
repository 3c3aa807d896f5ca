"""One Bot API request as the methods see it: its method, parameters and uploaded files."""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.standin.validation import bad_request

# What a bot token looks like: <bot id>:<secret>.
TOKEN_PATTERN = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{1,64}")
# Parameters that python-telegram-bot sends as JSON strings inside form bodies.
_JSON_PARAMS = (
    "reply_markup",
    "entities",
    "caption_entities",
    "commands",
    "scope",
    "allowed_updates",
    "reply_parameters",
    "link_preview_options",
)


@dataclass
class Upload:
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class Call:
    """One request: canonical method name, its parameters as sent, and uploaded files."""

    method: str
    params: dict[str, Any]
    files: dict[str, Upload] = field(default_factory=dict)

    def int_param(self, name: str) -> int | None:
        value = self.params.get(name)
        if value in (None, ""):
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"wrong parameter {name} specified") from None

    def json_param(self, name: str) -> Any:
        value = self.params.get(name)
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None

    def flag(self, name: str) -> bool:
        return str(self.params.get(name, "")).lower() in ("true", "1")

    def payload(self) -> dict[str, Any]:
        """The parameters with JSON strings decoded, for the record (files as their size)."""
        out: dict[str, Any] = {}
        for key, value in self.params.items():
            if key in _JSON_PARAMS and isinstance(value, str):
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            out[key] = value
        return out


def parse_chat_id(value: Any) -> int | str | None:
    if value in (None, ""):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"-?\d{1,20}", text):
        return int(text)
    if text.startswith("@"):
        return text
    raise bad_request("chat not found")


async def read_call(request: web.Request, method: str) -> Call:
    """Parameters from the query string and a JSON, form or multipart body, as Telegram reads."""
    params: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    if request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(body, dict):
                raise bad_request("can't parse JSON object")
            params.update(body)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    files[key] = Upload(value.filename, value.content_type, value.file.read())
                else:
                    params[key] = value
    return Call(method, params, files)
