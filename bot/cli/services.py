"""What the clinic and enrollment commands share: the store, the clock and the bot's name.

Tests pass a clock as `obj={"clock": ManualClock(...)}` to click; otherwise the clock is the
one `aftercare run` would use (the database-anchored one under AFTERCARE_CLOCK_SPEED).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:
    from bot.services import Services


def open_for_cli() -> Services:
    """Open the database named by AFTERCARE_DB; exit 2 with the reason if settings are bad."""
    from bot.app import open_services
    from bot.settings import Settings, SettingsError

    try:
        settings = Settings.load()
    except SettingsError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    obj = click.get_current_context().find_root().obj or {}
    return open_services(settings, clock=obj.get("clock"))


def require_username(services: Services, given: str | None) -> str:
    """The bot's username for links: --bot-username or TELEGRAM_BOT_USERNAME, else exit 2."""
    from bot.people import links

    username = (given or services.bot_username or "").lstrip("@")
    if not username:
        click.echo(
            "error: links need the bot's username. Set TELEGRAM_BOT_USERNAME (the bot's "
            "@username from BotFather, without the @) or pass --bot-username.",
            err=True,
        )
        sys.exit(2)
    try:
        links.deep_link(username, "check")
    except ValueError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    return username


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)
