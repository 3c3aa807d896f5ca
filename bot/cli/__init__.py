"""The `aftercare` command line. Each feature adds its commands from its own module below."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="aftercare-bot")
def cli() -> None:
    """Aftercare reminder bot for aesthetic clinics.

    \b
    Example:
        aftercare sandbox          # chat with the bot offline
        aftercare run              # the real bot (needs TELEGRAM_BOT_TOKEN)
    """


def main() -> None:
    # Feature modules attach their commands to `cli` on import.
    from bot.cli import commands  # noqa: F401

    cli()
