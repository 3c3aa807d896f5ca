"""The Bot API methods about the bot itself: identity, updates, commands, files (the webhook's
are in `webhook_methods`, the profile's in `profile`)."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from bot.standin.calls import Call
from bot.standin.registry import MethodTable
from bot.standin.state import StandInState
from bot.standin.validation import bad_request

METHODS = MethodTable()


@METHODS.method("getMe")
async def get_me(api: StandInState, call: Call) -> Any:
    api.record(call)
    return api.bot_user


@METHODS.method("getUpdates", recorded=False)
async def get_updates(api: StandInState, call: Call) -> Any:
    api.webhook.refuse_polling()
    limit = call.int_param("limit") or 100
    timeout = float(call.params.get("timeout") or 0)
    allowed = call.json_param("allowed_updates") or None
    return await api.updates.poll(
        call.int_param("offset"), max(1, min(limit, 100)), timeout, allowed
    )


def _commands_key(call: Call) -> tuple[str, str]:
    scope = call.json_param("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(call.params.get("language_code") or "")


@METHODS.method("setMyCommands")
async def set_my_commands(api: StandInState, call: Call) -> Any:
    commands = call.json_param("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    for command in commands:
        name = command.get("command", "") if isinstance(command, dict) else ""
        if not re.fullmatch(r"[a-z0-9_]{1,32}", str(name)):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    api.commands[_commands_key(call)] = copy.deepcopy(commands)
    api.record(call)
    return True


@METHODS.method("getMyCommands")
async def get_my_commands(api: StandInState, call: Call) -> Any:
    api.record(call)
    return api.commands.get(_commands_key(call), [])


@METHODS.method("deleteMyCommands")
async def delete_my_commands(api: StandInState, call: Call) -> Any:
    api.commands.pop(_commands_key(call), None)
    api.record(call)
    return True


@METHODS.method("getFile")
async def get_file(api: StandInState, call: Call) -> Any:
    file_id = str(call.params.get("file_id", ""))
    if file_id not in api.files:
        raise bad_request("invalid file_id")
    api.record(call)
    return {
        "file_id": file_id,
        "file_unique_id": f"unique-{file_id}",
        "file_size": len(api.files[file_id]),
        "file_path": f"photos/{file_id}",
    }


@METHODS.method("close")
async def close(api: StandInState, call: Call) -> Any:
    api.record(call)
    return True


@METHODS.method("logOut")
async def log_out(api: StandInState, call: Call) -> Any:
    api.record(call)
    return True
