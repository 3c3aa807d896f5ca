"""`aftercare run`: the real bot, long polling or webhook."""

from __future__ import annotations

import sqlite3
import sys

import click

from bot.cli import cli


@cli.command()
@click.option(
    "--webhook",
    "webhook_url",
    metavar="URL",
    help="Webhook mode: the public https:// URL Telegram posts to [default: "
    "AFTERCARE_WEBHOOK_URL; empty: long polling].",
)
def run(webhook_url: str | None) -> None:
    """Run the bot for real until Ctrl-C or SIGTERM: long polling, or webhook with --webhook.

    Reads TELEGRAM_BOT_TOKEN and the other settings from the environment or a .env file in
    the current folder (see .env.example). TELEGRAM_API_BASE_URL points it at a self-hosted
    Bot API server or at the local stand-in (`aftercare standin`). One bot per database: a
    second `aftercare run` on the same AFTERCARE_DB exits 2 and names the one running.

    With --webhook, a reverse proxy ends TLS at URL and forwards its path to
    AFTERCARE_WEBHOOK_LISTEN:AFTERCARE_WEBHOOK_PORT (default 127.0.0.1:8443); requests without
    Telegram's secret header are refused. Long polling deletes any webhook set before.

    \b
    Example:
        TELEGRAM_BOT_TOKEN=123456:ABC... aftercare run
        aftercare run --webhook https://bot.example.com/telegram
    """
    from bot.settings import Settings, SettingsError, configure_logging

    try:
        settings = Settings.load()
        if webhook_url is not None:
            settings = settings.with_webhook(webhook_url, "--webhook")
        settings.require_token()
    except SettingsError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    configure_logging(settings.log_level)
    from bot.app import run as run_bot
    from bot.store.instance import InstanceRunning
    from content.problem import ContentError

    try:
        run_bot(settings)
    except InstanceRunning as error:  # one bot per database: an overlapping deploy stops here
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    except ContentError as error:
        click.echo("error: the content has problems (see `aftercare content check`):", err=True)
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    except OSError as error:  # a port to listen on is taken
        click.echo(f"error: cannot start: {error}", err=True)
        sys.exit(1)
    except sqlite3.Error as error:
        click.echo(f"error: cannot open AFTERCARE_DB={settings.db_path}: {error}", err=True)
        sys.exit(1)
