"""`aftercare run`: the real bot, long polling or webhook."""

from __future__ import annotations

import logging
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
    Bot API server or at the local stand-in (`aftercare standin`). On SQLite, one bot per
    database: a second `aftercare run` on the same AFTERCARE_DB exits 2 and names the one
    running. On PostgreSQL several may run at once: they share the outbox (leased claims),
    the flood limit and the webhook secret, and with long polling one of them polls.

    With --webhook, a reverse proxy ends TLS at URL and forwards its path to
    AFTERCARE_WEBHOOK_LISTEN:AFTERCARE_WEBHOOK_PORT (default 127.0.0.1:8443); requests without
    Telegram's secret header are refused. Long polling deletes any webhook set before.

    \b
    Example:
        TELEGRAM_BOT_TOKEN=123456:ABC... aftercare run
        aftercare run --webhook https://bot.example.com/telegram
    """
    from bot.cli.services import fail
    from bot.logs import configure_logging
    from bot.settings import Settings, SettingsError

    try:
        settings = Settings.load()
        if webhook_url is not None:
            settings = settings.with_webhook(webhook_url, "--webhook")
        settings.require_token()
    except SettingsError as error:
        fail(str(error))
    configure_logging(settings.log_level, settings.log_format, settings.token)
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
    except KeyboardInterrupt:  # Ctrl-C before the bot took over the signal
        sys.exit(130)
    except Exception as error:  # one line, naming the setting; the traceback only at DEBUG
        logging.getLogger(__name__).debug("startup_failed", exc_info=True)
        fail(startup_problem(error, settings))


def startup_problem(error: Exception, settings) -> str:
    """What went wrong at start-up and what to do, in one line without any secret."""
    import errno
    import sqlite3

    from bot.store import StoreOpenError
    from bot.telegram.startup import NotABotApi, TokenRejected

    api = settings.api_base_url
    if isinstance(error, StoreOpenError):
        return f"AFTERCARE_DB: {error}"
    if isinstance(error, sqlite3.Error):  # the file went bad after it was opened
        return f"AFTERCARE_DB: cannot use the database {settings.db_path}: {error}"
    if isinstance(error, OSError) and error.errno == errno.EADDRINUSE:
        return (
            f"cannot listen: {error.strerror}; another program has the port of "
            "AFTERCARE_WEBHOOK_PORT or AFTERCARE_HEALTH_PORT (choose another, or stop it)"
        )
    if isinstance(error, TokenRejected):
        return (
            f"TELEGRAM_BOT_TOKEN was rejected by the Bot API at {api}: copy the token again "
            "from @BotFather (/mybots, API Token), or check TELEGRAM_API_BASE_URL"
        )
    if isinstance(error, NotABotApi):
        return (
            f"TELEGRAM_API_BASE_URL={api} did not answer as a Bot API server ({error}): use "
            "https://api.telegram.org or your own Bot API server's address"
        )
    return (
        f"the bot stopped at start-up ({type(error).__name__}); run it with "
        "AFTERCARE_LOG_LEVEL=DEBUG to see where"
    )
