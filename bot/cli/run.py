"""`aftercare run`: the real bot, long polling."""

from __future__ import annotations

import logging
import sys

import click

from bot.cli import cli


@cli.command()
def run() -> None:
    """Run the bot for real: long polling until Ctrl-C or SIGTERM.

    Reads TELEGRAM_BOT_TOKEN and the other settings from the environment or a .env file in
    the current folder (see .env.example). TELEGRAM_API_BASE_URL points it at a self-hosted
    Bot API server or at the local stand-in (`aftercare standin`).

    \b
    Example:
        TELEGRAM_BOT_TOKEN=123456:ABC... aftercare run
    """
    from bot.cli.services import fail
    from bot.logs import configure_logging
    from bot.settings import Settings, SettingsError

    try:
        settings = Settings.load()
        settings.require_token()
    except SettingsError as error:
        fail(str(error))
    configure_logging(settings.log_level, settings.log_format, settings.token)
    from bot.app import run as run_bot
    from content.problem import ContentError

    try:
        run_bot(settings)
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
    from bot.store import StoreOpenError
    from bot.telegram.startup import NotABotApi, TokenRejected

    api = settings.api_base_url
    if isinstance(error, StoreOpenError):
        return f"AFTERCARE_DB: {error}"
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
