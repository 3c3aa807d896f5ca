"""Logging: where records go, and what they may say.

Our own log lines carry event names and ids (a patient by their pseudonym, never a chat id).
Libraries are another matter: at DEBUG python-telegram-bot prints whole updates and every
call's parameters (names, message text, link tokens) and httpx prints request URLs, which
contain the bot token. `PrivacyFilter` scrubs every record of every logger as it is made
(installed as the record factory, because a logger's own filters never see the records its
children pass up), keeping the line: values are replaced, not lines dropped, so DEBUG stays
useful.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import sys
from collections.abc import Callable
from datetime import UTC, datetime

REDACTED = "'<redacted>'"
# Fields of Telegram objects, in dict reprs ('text': '…'), object reprs (text='…') and JSON,
# whose values are a person's words, names or a link token.
PRIVATE_FIELDS = (
    "text", "caption", "quote", "first_name", "last_name", "username", "title", "bio",
    "phone_number", "data", "callback_data", "file_name", "question", "answer", "secret_token",
)  # fmt: skip
# Numeric fields naming a chat or a person: replaced by a keyed hash, the same within a run
# (so DEBUG lines can still be followed) and unlinkable once the process is gone.
ID_FIELDS = ("id", "chat_id", "user_id", "from_chat_id")

_STRING = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\""""


def _field(names: tuple[str, ...], value: str) -> re.Pattern[str]:
    keys = "|".join(names)
    return re.compile(
        rf"""(?P<key>(?<![\w'"])(?:(?P<q>['"])(?:{keys})(?P=q)\s*:|(?:{keys})=)\s*)"""
        rf"(?P<value>{value})"
    )


_PRIVATE = _field(PRIVATE_FIELDS, _STRING)
_IDS = _field(ID_FIELDS, r"-?\d+\b")
# A bot token anywhere (URLs, exception messages): digits, a colon, then the secret part.
_TOKEN = re.compile(r"(?<!\d)\d{5,}:[A-Za-z0-9_-]{10,}")
# Deep-link payloads: t.me/…?start=<token>, "/start <token>", the consent buttons' data.
_LINK = re.compile(r"(start=|/start\s+|consent:(?:yes|no):)[A-Za-z0-9_-]{6,}")


class PrivacyFilter(logging.Filter):
    """Removes the bot token, link tokens, people's names and words from a record's message
    and exception text, and hashes chat and user ids; always keeps the record."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()
        self._key = secrets.token_bytes(16)

    def add_secret(self, value: str) -> None:
        """A value that must never appear in a log line, such as the bot token."""
        if value:
            self.secrets.add(value)

    def scrub(self, text: str) -> str:
        for value in self.secrets:
            text = text.replace(value, "<bot-token>")
        text = _TOKEN.sub("<bot-token>", text)
        text = _PRIVATE.sub(lambda m: m["key"] + REDACTED, text)
        text = _LINK.sub(lambda m: m[1] + "<link-token>", text)
        return _IDS.sub(lambda m: m["key"] + self._hash(m["value"]), text)

    def _hash(self, number: str) -> str:
        return "#" + hashlib.blake2b(number.encode(), key=self._key, digest_size=4).hexdigest()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: logging reports it when the record is emitted
            return True
        record.msg, record.args = self.scrub(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)
        return True


PRIVACY = PrivacyFilter()
_previous_factory: Callable[..., logging.LogRecord] | None = None


def _scrubbed_record(*args, **kwargs) -> logging.LogRecord:
    record = (_previous_factory or logging.LogRecord)(*args, **kwargs)
    PRIVACY.filter(record)
    return record


def protect(*secret_values: str) -> PrivacyFilter:
    """Scrub every log record of every logger from now on, these values included."""
    global _previous_factory
    for value in secret_values:
        PRIVACY.add_secret(value)
    if logging.getLogRecordFactory() is not _scrubbed_record:
        _previous_factory = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_scrubbed_record)
    return PRIVACY


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, and exc when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, log_format: str = "text", *secret_values: str) -> None:
    """Log to stderr at `level` ("DEBUG" … "ERROR") as text or JSON lines, scrubbed.

    At INFO and above, httpx's line per request and APScheduler's per job run are left out;
    at DEBUG they stay (scrubbed), and only httpcore's connection trace is left out."""
    protect(*secret_values)
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    quiet = logging.WARNING if level != "DEBUG" else logging.NOTSET
    for name in ("httpx", "apscheduler"):
        logging.getLogger(name).setLevel(quiet)
    logging.getLogger("httpcore").setLevel(logging.INFO)
