"""`aftercare sandbox` and `aftercare demo`: the bot offline, against the local stand-in."""

from __future__ import annotations

import asyncio
import sys

import click

from bot.cli import cli

SPEED = click.option(
    "--speed",
    type=click.FloatRange(min=0, min_open=True, max=10_000_000),
    show_default=True,
    help="Simulated time runs this many times faster than real time.",
)


@cli.command()
@SPEED
@click.option("--db", "db_path", default="sandbox.db", show_default=True, help="SQLite file.")
def sandbox(speed: float | None, db_path: str) -> None:
    """Chat with the bot in this terminal, offline, as a patient or as clinic staff.

    Starts the local Bot API stand-in and the real bot in this process. Type messages as the
    patient; `/as staff` switches to the staff chat, `/tap [M] N` taps button N (of message
    #M), `/reply M TEXT` answers message #M, `/photo [CAPTION]`, `/voice`, `/sticker`... send
    media, `/editlast TEXT` edits your last message, `/multiline` sends the following lines
    as one message (up to a line with only "."), `/sandbox` lists them all, `/quit` leaves.

    \b
    Example:
        aftercare sandbox --speed 3600     # an hour of aftercare per second
    """
    from bot.standin.terminal import run_terminal

    sys.exit(asyncio.run(run_terminal(db_path=db_path, speed=speed or 1.0)))


@cli.command()
@SPEED
def demo(speed: float | None) -> None:
    """Run a scripted patient journey offline and print it as a transcript.

    Uses a temporary database and the local Bot API stand-in; exits 0 when every step of the
    journey got the reply it expected. Conversation runs at real speed; between aftercare
    messages the clock runs --speed times faster (default: 4 days a second).

    \b
    Example:
        aftercare demo
    """
    from bot.standin.demo import FAST_FORWARD, run_demo

    sys.exit(asyncio.run(run_demo(speed=speed or FAST_FORWARD)))
