"""Settings from the environment and an optional `.env` file.

Only the composition root (`bot/app.py`) and the CLI entry points call `Settings.load`;
everything else receives the values it needs.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

OFFICIAL_API = "https://api.telegram.org"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
SEND_TIMEOUT = 5.0  # seconds a Bot API request may take, at most (AFTERCARE_SEND_TIMEOUT)


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
    send_timeout: float = SEND_TIMEOUT

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
        timeout_text = values.get("AFTERCARE_SEND_TIMEOUT", "").strip() or str(SEND_TIMEOUT)
        try:
            send_timeout = float(timeout_text)
        except ValueError:
            raise SettingsError(
                f"AFTERCARE_SEND_TIMEOUT must be a number of seconds, got {timeout_text!r}"
            ) from None
        if not 0 < send_timeout <= 60:
            raise SettingsError("AFTERCARE_SEND_TIMEOUT must be above 0 and at most 60 seconds")
        level = (values.get("AFTERCARE_LOG_LEVEL", "INFO").strip() or "INFO").upper()
        if level not in LOG_LEVELS:
            raise SettingsError(f"AFTERCARE_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
        base = (values.get("TELEGRAM_API_BASE_URL", "").strip() or OFFICIAL_API).rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise SettingsError("TELEGRAM_API_BASE_URL must start with http:// or https://")
        return cls(
            token=values.get("TELEGRAM_BOT_TOKEN", "").strip(),
            bot_username=values.get("TELEGRAM_BOT_USERNAME", "").strip().lstrip("@"),
            api_base_url=base,
            db_path=values.get("AFTERCARE_DB", "").strip() or "aftercare.db",
            clock_speed=speed,
            log_level=level,
            send_timeout=send_timeout,
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


def read_env_file(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines; blank lines and # comments are skipped, quotes stripped."""
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.removeprefix("export ").partition("=")
        if not sep or not key.strip().isidentifier():
            raise SettingsError(f"{path}:{number}: expected KEY=VALUE")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    # httpx logs every request URL at INFO, and a Bot API URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
