"""The Bot API methods about the bot's profile: description and short description.

The texts are kept per language code in `StandInState.profile` under "description" and
"short_description".
"""

from __future__ import annotations

from typing import Any

from bot.standin.calls import Call
from bot.standin.registry import MethodTable
from bot.standin.state import StandInState
from bot.standin.validation import bad_request

METHODS = MethodTable()

# Telegram's limits, in characters.
LIMITS = {"description": 512, "short_description": 120}


def _set(api: StandInState, call: Call, field: str) -> bool:
    text = str(call.params.get(field) or "")
    if len(text) > LIMITS[field]:
        raise bad_request(f"{field} is longer than {LIMITS[field]} characters")
    language = str(call.params.get("language_code") or "")
    api.profile[(field, language)] = text
    api.record(call, text=text or None)
    return True


def _get(api: StandInState, call: Call, field: str) -> dict[str, Any]:
    api.record(call)
    language = str(call.params.get("language_code") or "")
    return {field: api.profile.get((field, language), "")}


def _register(field: str, set_name: str, get_name: str) -> None:
    async def set_text(api: StandInState, call: Call) -> Any:
        return _set(api, call, field)

    async def get_text(api: StandInState, call: Call) -> Any:
        return _get(api, call, field)

    METHODS.method(set_name)(set_text)
    METHODS.method(get_name)(get_text)


_register("description", "setMyDescription", "getMyDescription")
_register("short_description", "setMyShortDescription", "getMyShortDescription")
