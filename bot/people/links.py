"""Deep links: unguessable tokens and the t.me URLs that carry them.

A token is 32 characters from `secrets.token_urlsafe` (192 random bits), so links can be
neither guessed nor enumerated; Telegram allows up to 64 of [A-Za-z0-9_-] in a start payload.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

PATIENT_LINK_TTL = timedelta(days=7)
STAFF_INVITE_TTL = timedelta(days=7)

_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def is_payload(text: str) -> bool:
    """Could `text` be a start payload at all? (Anything else is refused without a lookup.)"""
    return _PAYLOAD.fullmatch(text) is not None


def deep_link(bot_username: str, token: str) -> str:
    """`https://t.me/<bot>?start=<token>`, as python-telegram-bot's create_deep_linked_url."""
    username = bot_username.lstrip("@")
    if not _USERNAME.fullmatch(username):
        raise ValueError(f"not a Telegram bot username: {bot_username!r}")
    if not is_payload(token):
        raise ValueError("a start payload is 1-64 characters of A-Z, a-z, 0-9, _ and -")
    return f"https://t.me/{username}?start={token}"
