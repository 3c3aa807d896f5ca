"""Settings from the environment and an optional `.env` file.

Only the composition root (`bot/app.py`) and the CLI entry points call `Settings.load`;
everything else receives the values it needs.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

OFFICIAL_API = "https://api.telegram.org"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
SEND_TIMEOUT = 5.0  # seconds a Bot API request may take, at most (AFTERCARE_SEND_TIMEOUT)
LOG_FORMATS = ("text", "json")
# python-telegram-bot's and the Bot API server's docs write the address with `/bot`; we add it.
_BOT_SUFFIX = re.compile(r"/bot(?:\d+:[^/]*)?/?$")
DEFAULT_HEALTH_PORT = 8080
DEFAULT_RETENTION_DAYS = 90
DEFAULT_BACKLOG_SPACING_MINUTES = 10
DEFAULT_WEBHOOK_PORT = 8443
DEFAULT_LEASE_SECONDS = 300.0  # how long an outbox claim is this instance's (real seconds)
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
    log_format: str = "text"
    # Days the bot keeps the words of sent messages and escalations (the clinic's decision).
    retention_days: int = DEFAULT_RETENTION_DAYS
    # Minutes at least between two scheduled messages to one person (a backlog never floods).
    backlog_spacing_minutes: int = DEFAULT_BACKLOG_SPACING_MINUTES
    # The local health endpoint (GET /health); port None: not served, 0: any free port.
    health_host: str = "127.0.0.1"
    health_port: int | None = None
    # Webhook mode when `webhook_url` is set (else long polling); TLS ends at a reverse proxy,
    # which forwards to webhook_listen:webhook_port. An empty secret is generated at start.
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = DEFAULT_WEBHOOK_PORT
    webhook_secret: str = ""
    # Seconds an outbox claim stays this instance's: after a crash, how soon another
    # instance (PostgreSQL) takes its rows back; longer than any send may take.
    lease_seconds: float = DEFAULT_LEASE_SECONDS

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
        log_format = (values.get("AFTERCARE_LOG_FORMAT", "").strip() or "text").lower()
        if log_format not in LOG_FORMATS:
            raise SettingsError(f"AFTERCARE_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}")
        base = api_base_url(values.get("TELEGRAM_API_BASE_URL", ""))
        secret = values.get("AFTERCARE_WEBHOOK_SECRET", "").strip()
        if secret and not _WEBHOOK_SECRET.fullmatch(secret):
            raise SettingsError(
                "AFTERCARE_WEBHOOK_SECRET must be 1-256 letters, digits, _ or - "
                "(or empty: one is generated at each start)"
            )
        return cls(
            retention_days=_whole(values, "AFTERCARE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS, 3650),
            backlog_spacing_minutes=_whole(
                values, "AFTERCARE_BACKLOG_SPACING_MINUTES", DEFAULT_BACKLOG_SPACING_MINUTES, 1440
            ),
            token=values.get("TELEGRAM_BOT_TOKEN", "").strip(),
            bot_username=values.get("TELEGRAM_BOT_USERNAME", "").strip().lstrip("@"),
            api_base_url=base,
            db_path=_database(values.get("AFTERCARE_DB", "")),
            clock_speed=speed,
            log_level=level,
            log_format=log_format,
            health_host=_host(values, "AFTERCARE_HEALTH_HOST"),
            health_port=_port(
                values, "AFTERCARE_HEALTH_PORT", DEFAULT_HEALTH_PORT, lowest=0, off=True
            ),
            webhook_listen=_host(values, "AFTERCARE_WEBHOOK_LISTEN"),
            webhook_port=_port(values, "AFTERCARE_WEBHOOK_PORT", DEFAULT_WEBHOOK_PORT) or 0,
            webhook_secret=secret,
            send_timeout=send_timeout,
            lease_seconds=_lease(values, send_timeout),
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


def _whole(values: Mapping[str, str], name: str, default: int, highest: int) -> int:
    """A whole number from 1 to `highest` (empty: `default`); SettingsError naming `name`."""
    text = values.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or not 1 <= int(text) <= highest:
        raise SettingsError(f"{name} must be a whole number from 1 to {highest}, got {text!r}")
    return int(text)


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


def _database(value: str) -> str:
    """AFTERCARE_DB: a file path or `sqlite:///path` (SQLite, the default `aftercare.db`), or a
    `postgresql://` URL, whose driver (the `postgres` extra) must be installed."""
    value = value.strip() or "aftercare.db"
    scheme = value.split("://", 1)[0].lower() if "://" in value else ""
    if scheme in ("postgresql", "postgres"):
        parts = urlsplit(value)
        if not (parts.hostname or parts.path.strip("/") or parts.query):
            raise SettingsError(
                "AFTERCARE_DB must name a PostgreSQL server or database, e.g. "
                "postgresql://aftercare@db.example/aftercare"
            )
        if importlib.util.find_spec("psycopg") is None:
            raise SettingsError(
                "AFTERCARE_DB names a PostgreSQL database but its driver is not installed: "
                "pip install 'aftercare-bot[postgres]'"
            )
        return value
    if scheme == "sqlite" and value.lower().startswith("sqlite:///") and value[10:].strip():
        return value[10:]
    if scheme:
        raise SettingsError(
            "AFTERCARE_DB must be a file path, sqlite:///path or a postgresql:// URL, "
            f"not {value.split('://', 1)[0][:20]!r}://..."
        )
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


def _lease(values: Mapping[str, str], send_timeout: float) -> float:
    """AFTERCARE_LEASE_SECONDS: at least 4 send timeouts (a claim may wait for its turn, then
    send), at most an hour."""
    lease = _positive(
        values, "AFTERCARE_LEASE_SECONDS", DEFAULT_LEASE_SECONDS, at_most=3600, unit=" seconds"
    )
    if lease < 4 * send_timeout:
        raise SettingsError(
            f"AFTERCARE_LEASE_SECONDS must be at least 4 x AFTERCARE_SEND_TIMEOUT "
            f"({4 * send_timeout:g} seconds): a claim must outlive its send"
        )
    return lease
