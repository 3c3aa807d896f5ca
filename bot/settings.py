"""Settings from the environment and an optional `.env` file.

Only the composition root (`bot/app.py`) and the CLI entry points call `Settings.load`;
everything else receives the values it needs.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

OFFICIAL_API = "https://api.telegram.org"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
SEND_TIMEOUT = 5.0  # seconds a Bot API request may take, at most (AFTERCARE_SEND_TIMEOUT)
DEFAULT_HEALTH_PORT = 8080
DEFAULT_WEBHOOK_PORT = 8443
# Telegram's rule for setWebhook's secret_token: 1-256 of these characters.
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """What the bot runs with. Built by `load` from the environment; code that builds one
    directly (sandbox, demo, tests) gets no health endpoint unless it asks for one."""

    token: str = ""
    bot_username: str = ""
    api_base_url: str = OFFICIAL_API
    db_path: str = "aftercare.db"
    clock_speed: float = 1.0
    log_level: str = "INFO"
    send_timeout: float = SEND_TIMEOUT
    # The local health endpoint (GET /health); port None: not served, 0: any free port.
    health_host: str = "127.0.0.1"
    health_port: int | None = None
    # Webhook mode when `webhook_url` is set (else long polling); TLS ends at a reverse proxy,
    # which forwards to webhook_listen:webhook_port. An empty secret is generated at start.
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = DEFAULT_WEBHOOK_PORT
    webhook_secret: str = ""

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
        speed = _positive(values, "AFTERCARE_CLOCK_SPEED", 1.0, at_most=10_000_000)
        send_timeout = _positive(
            values, "AFTERCARE_SEND_TIMEOUT", SEND_TIMEOUT, at_most=60, unit=" seconds"
        )
        level = (values.get("AFTERCARE_LOG_LEVEL", "INFO").strip() or "INFO").upper()
        if level not in LOG_LEVELS:
            raise SettingsError(f"AFTERCARE_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
        base = (values.get("TELEGRAM_API_BASE_URL", "").strip() or OFFICIAL_API).rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise SettingsError("TELEGRAM_API_BASE_URL must start with http:// or https://")
        secret = values.get("AFTERCARE_WEBHOOK_SECRET", "").strip()
        if secret and not _WEBHOOK_SECRET.fullmatch(secret):
            raise SettingsError(
                "AFTERCARE_WEBHOOK_SECRET must be 1-256 letters, digits, _ or - "
                "(or empty: one is generated at each start)"
            )
        return cls(
            token=values.get("TELEGRAM_BOT_TOKEN", "").strip(),
            bot_username=values.get("TELEGRAM_BOT_USERNAME", "").strip().lstrip("@"),
            api_base_url=base,
            db_path=values.get("AFTERCARE_DB", "").strip() or "aftercare.db",
            clock_speed=speed,
            log_level=level,
            health_host=_host(values, "AFTERCARE_HEALTH_HOST"),
            health_port=_port(
                values, "AFTERCARE_HEALTH_PORT", DEFAULT_HEALTH_PORT, lowest=0, off=True
            ),
            webhook_listen=_host(values, "AFTERCARE_WEBHOOK_LISTEN"),
            webhook_port=_port(values, "AFTERCARE_WEBHOOK_PORT", DEFAULT_WEBHOOK_PORT) or 0,
            webhook_secret=secret,
            send_timeout=send_timeout,
        ).with_webhook(values.get("AFTERCARE_WEBHOOK_URL", ""))

    def with_webhook(self, url: str, variable: str = "AFTERCARE_WEBHOOK_URL") -> Settings:
        """These settings in webhook mode at `url` (empty: long polling); raises SettingsError
        naming `variable` when Telegram would refuse the address.

        Telegram takes only https:// addresses; plain http:// is accepted here only for a
        self-hosted Bot API server or the local stand-in (TELEGRAM_API_BASE_URL not official).
        """
        url = url.strip()
        if not url:
            return replace(self, webhook_url="")
        parts = urlsplit(url)
        schemes = ("https",) if self.api_base_url == OFFICIAL_API else ("https", "http")
        if parts.scheme not in schemes or not parts.hostname or any(c.isspace() for c in url):
            raise SettingsError(
                f"{variable} must be a full https:// address (the public URL your reverse "
                f"proxy forwards to the bot), not {url[:80]!r}"
            )
        if parts.query or parts.fragment:
            raise SettingsError(f"{variable} must not carry a ?query or #fragment")
        return replace(self, webhook_url=url)

    def require_token(self) -> str:
        if not self.token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set (get one from @BotFather; see .env.example)"
            )
        return self.token

    def __repr__(self) -> str:  # never print the token or the webhook secret
        return (
            f"Settings(api_base_url={self.api_base_url!r}, db_path={self.db_path!r}, "
            f"clock_speed={self.clock_speed}, token={'set' if self.token else 'unset'}, "
            f"webhook_url={self.webhook_url!r})"
        )


def _positive(
    values: Mapping[str, str], name: str, default: float, *, at_most: int, unit: str = ""
) -> float:
    """The number `name` holds (`default` when unset), above 0 and at most `at_most`;
    SettingsError naming the variable otherwise."""
    text = values.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise SettingsError(
            f"{name} must be a number{unit and ' of' + unit}, got {text!r}"
        ) from None
    if not 0 < value <= at_most:
        raise SettingsError(f"{name} must be above 0 and at most {at_most}{unit}")
    return value


def _host(values: Mapping[str, str], name: str) -> str:
    host = values.get(name, "").strip() or "127.0.0.1"
    if any(c.isspace() or c == "/" for c in host):
        raise SettingsError(f"{name} must be an address to bind, such as 127.0.0.1 or 0.0.0.0")
    return host


def _port(
    values: Mapping[str, str], name: str, default: int, *, lowest: int = 1, off: bool = False
) -> int | None:
    """A TCP port `lowest`-65535 (0, where allowed: any free port); with `off`, "off" means
    not served (None)."""
    text = values.get(name, "").strip()
    if not text:
        return default
    if off and text.lower() == "off":
        return None
    if not text.isdigit() or not lowest <= int(text) <= 65535:
        allowed = f"a port number {lowest}-65535" + (' or "off"' if off else "")
        raise SettingsError(f"{name} must be {allowed}, got {text[:20]!r}")
    return int(text)


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
    # At DEBUG, python-telegram-bot logs whole updates and API answers (patients' words): its
    # loggers stay at INFO whatever the level.
    if logging.getLevelName(level) == logging.DEBUG:
        logging.getLogger("telegram").setLevel(logging.INFO)
