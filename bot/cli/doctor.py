"""`aftercare doctor`: check the configuration before going live."""

from __future__ import annotations

import sys

import click

from bot.cli import cli


@cli.command()
def doctor() -> None:
    """Check everything the bot needs before it goes live; changes nothing.

    The token's form, that Telegram answers to it (and any webhook it holds), the database
    (there, writable, sound, migrated, whether a bot runs on it), each clinic's time zone and
    settings and staff, and the content. Prints each problem with what to do and exits 1 if
    there is any; exits 0 with a short summary when all is good.

    \b
    Example:
        aftercare doctor && systemctl start aftercare
    """
    import asyncio

    from bot.ops.doctor import diagnose
    from bot.settings import Settings, SettingsError

    try:
        settings = Settings.load()
    except SettingsError as error:
        _problem("settings", str(error), "fix that line of .env (see .env.example)")
        click.echo("1 problem; the other checks need the settings.", err=True)
        sys.exit(1)
    found = asyncio.run(diagnose(settings))
    for problem in found.problems:
        _problem(problem.area, problem.what, problem.fix)
    for area, what in found.notes:
        click.echo(f"note     {area}: {what}", err=bool(found.problems))
    if found.problems:
        count = len(found.problems)
        click.echo(f"{count} problem(s). Fix them, then run aftercare doctor again.", err=True)
        sys.exit(1)
    click.echo(f"All good: {'; '.join(found.good)}.")


def _problem(area: str, what: str, fix: str) -> None:
    click.echo(f"problem  {area}: {what}\n         fix: {fix}", err=True)
