"""The `aftercare` command line. Each feature adds its commands from its own module here.

Every module in this package is imported by `load_commands`, and its commands attach
themselves to `cli` with `@cli.command()`. Modules import heavy libraries (telegram, aiohttp)
inside their command functions, so start-up stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil

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


def load_commands() -> click.Group:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return cli


def main() -> None:
    load_commands()()
