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
    from bot.store.clinics import Clinic


MISSING_HINT = " (set AFTERCARE_DB, or start with `aftercare clinic add`)"


def open_for_cli(*, create: bool = False) -> Services:
    """Open the database named by AFTERCARE_DB; exit 2 with one line saying why when the
    settings are bad or the file cannot be used. Only `create` (`clinic add`) makes a new
    database: every other command says which file it looked for."""
    from bot.app import open_services
    from bot.settings import Settings, SettingsError
    from bot.store import StoreOpenError

    try:
        settings = Settings.load()
    except SettingsError as error:
        fail(str(error))
    obj = click.get_current_context().find_root().obj or {}
    try:
        return open_services(settings, clock=obj.get("clock"), create=create)
    except StoreOpenError as error:
        fail(f"AFTERCARE_DB: {error}{MISSING_HINT if error.missing else ''}")


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


def require_clinic(services: Services, clinic_id: int) -> Clinic:
    """The clinic numbered `clinic_id`, else exit 2 naming it and the database file."""
    clinic = services.store.clinics.get(clinic_id)
    if clinic is None:
        fail(f"no clinic {clinic_id} in {where(services)} (see `aftercare clinic list`)")
    return clinic


def where(services: Services) -> str:
    """The database file the command used, for messages such as "no clinic 7 in …"."""
    from pathlib import Path

    return str(Path(services.settings.db_path).resolve())


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)
