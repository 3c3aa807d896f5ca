"""`aftercare run`: the real bot, long polling."""

from __future__ import annotations

import sys

import click

from bot.cli import cli


@cli.command()
def run() -> None:
    """Run the bot for real: long polling until Ctrl-C or SIGTERM.

    Reads TELEGRAM_BOT_TOKEN and the other settings from the environment or a .env file in
    the current folder (see .env.example). TELEGRAM_API_BASE_URL points it at a self-hosted
    Bot API server or at the local stand-in (`aftercare standin`). One bot per database: a
    second `aftercare run` on the same AFTERCARE_DB exits 2 and names the one running.

    \b
    Example:
        TELEGRAM_BOT_TOKEN=123456:ABC... aftercare run
    """
    from bot.settings import Settings, SettingsError, configure_logging

    try:
        settings = Settings.load()
        settings.require_token()
    except SettingsError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    configure_logging(settings.log_level)
    from bot.app import run as run_bot
    from bot.store.lease import LeaseHeld
    from content.problem import ContentError

    try:
        run_bot(settings)
    except LeaseHeld as error:  # one bot per database: an overlapping deploy stops here
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    except ContentError as error:
        click.echo("error: the content has problems (see `aftercare content check`):", err=True)
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
