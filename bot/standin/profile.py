"""The Bot API methods about the bot's profile: description and short description.

Importing this module fills `calls.METHODS`; the texts are kept per language code in
`BotAPIStandIn.profile` under "description" and "short_description".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.standin.calls import Call, bot_method
from bot.standin.validation import bad_request

if TYPE_CHECKING:
    from bot.standin.botapi import BotAPIStandIn

# Telegram's limits, in characters.
LIMITS = {"description": 512, "short_description": 120}


def _set(api: BotAPIStandIn, call: Call, field: str) -> bool:
    text = str(call.params.get(field) or "")
    if len(text) > LIMITS[field]:
        raise bad_request(f"{field} is longer than {LIMITS[field]} characters")
    language = str(call.params.get("language_code") or "")
    api.profile[(field, language)] = text
    api.record(call, None, text or None, None, None, None)
    return True


def _get(api: BotAPIStandIn, call: Call, field: str) -> dict[str, Any]:
    api.record(call, None, None, None, None, None)
    language = str(call.params.get("language_code") or "")
    return {field: api.profile.get((field, language), "")}


def _register(field: str, set_name: str, get_name: str) -> None:
    async def set_text(api: BotAPIStandIn, call: Call) -> Any:
        return _set(api, call, field)

    async def get_text(api: BotAPIStandIn, call: Call) -> Any:
        return _get(api, call, field)

    bot_method(set_name)(set_text)
    bot_method(get_name)(get_text)


_register("description", "setMyDescription", "getMyDescription")
_register("short_description", "setMyShortDescription", "getMyShortDescription")
