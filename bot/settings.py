"""Settings from the environment and an optional `.env` file.

Only the composition root (`bot/app.py`) and the CLI entry points call `Settings.load`;
everything else receives the values it needs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

OFFICIAL_API = "https://api.telegram.org"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
# python-telegram-bot's and the Bot API server's docs write the address with `/bot`; we add it.
_BOT_SUFFIX = re.compile(r"/bot(?:\d+:[^/]*)?/?$")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    token: str = ""
    bot_username: str = ""
    api_base_url: str = OFFICIAL_API
    db_path: str = "aftercare.db"
    clock_speed: float = 1.0
    log_level: str = "INFO"
    log_format: str = "text"

    @classmethod
    def load(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
    ) -> Settings:
        """Read settings; real environment variables win over the `.env` file."""
        values = dict(read_env_file(env_file)) if env_file else {}
        values.update(os.environ if environ is None else environ)
        return cls.from_mapping(values)

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> Settings:
        speed_text = values.get("AFTERCARE_CLOCK_SPEED", "1").strip() or "1"
        try:
            speed = float(speed_text)
        except ValueError:
            raise SettingsError(
                f"AFTERCARE_CLOCK_SPEED must be a number, got {speed_text!r}"
            ) from None
        if not 0 < speed <= 10_000_000:
            raise SettingsError("AFTERCARE_CLOCK_SPEED must be above 0 and at most 10000000")
        level = (values.get("AFTERCARE_LOG_LEVEL", "INFO").strip() or "INFO").upper()
        if level not in LOG_LEVELS:
            raise SettingsError(f"AFTERCARE_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
        log_format = (values.get("AFTERCARE_LOG_FORMAT", "").strip() or "text").lower()
        if log_format not in LOG_FORMATS:
            raise SettingsError(f"AFTERCARE_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}")
        base = api_base_url(values.get("TELEGRAM_API_BASE_URL", ""))
        return cls(
            token=values.get("TELEGRAM_BOT_TOKEN", "").strip(),
            bot_username=values.get("TELEGRAM_BOT_USERNAME", "").strip().lstrip("@"),
            api_base_url=base,
            db_path=values.get("AFTERCARE_DB", "").strip() or "aftercare.db",
            clock_speed=speed,
            log_level=level,
            log_format=log_format,
        )

    def require_token(self) -> str:
        if not self.token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set (get one from @BotFather; see .env.example)"
            )
        return self.token

    def __repr__(self) -> str:  # never print the token
        return (
            f"Settings(api_base_url={self.api_base_url!r}, db_path={self.db_path!r}, "
            f"clock_speed={self.clock_speed}, token={'set' if self.token else 'unset'})"
        )


def api_base_url(text: str) -> str:
    """The Bot API server's address without `/bot` (given with or without it, as the docs of
    python-telegram-bot and of the Bot API server write it); never with a token in it."""
    base = text.strip() or OFFICIAL_API
    if not base.startswith(("http://", "https://")):
        raise SettingsError("TELEGRAM_API_BASE_URL must start with http:// or https://")
    suffix = _BOT_SUFFIX.search(base)
    if suffix and ":" in suffix.group():
        raise SettingsError(
            "TELEGRAM_API_BASE_URL must not contain the token: end it at /bot (or before) and "
            "put the token in TELEGRAM_BOT_TOKEN"
        )
    return (base[: suffix.start()] if suffix else base).rstrip("/")


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines as python-dotenv reads them (quotes, `export`, # comments, also after a
    value); a line it cannot read raises SettingsError naming the file and line."""
    from dotenv.parser import parse_stream

    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    with path.open(encoding="utf-8") as stream:
        for binding in parse_stream(stream):
            if binding.error:
                raise SettingsError(f"{path}:{binding.original.line}: expected KEY=VALUE")
            if binding.key is not None and binding.value is not None:
                values[binding.key] = binding.value
    return values
