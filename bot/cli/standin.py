"""`aftercare standin`: run the local Telegram Bot API stand-in on its own."""

from __future__ import annotations

import contextlib

import click

from bot.cli import cli


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8081, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--flood-limits", is_flag=True, help="Answer 429 above 30 messages/s overall or 1/s per chat."
)
@click.option("--username", default="AftercareDemoBot", show_default=True, help="Bot username.")
def standin(host: str, port: int, flood_limits: bool, username: str) -> None:
    """Serve a local stand-in for the Telegram Bot API until Ctrl-C.

    python-telegram-bot talks to it with base_url <printed url>/bot; simulated users and
    faults are driven through its control API under <printed url>/_sandbox/ (docs/standin.md
    shows `aftercare run` driven with curl). It binds to 127.0.0.1 unless told otherwise, as
    it has no authentication.

    \b
    Example:
        aftercare standin --port 8081
        aftercare standin --flood-limits --username MyClinicBot
    """
    import asyncio
    import signal

    from bot.standin.botapi import serve

    def ready(standin: object) -> None:
        click.echo(f"Bot API stand-in listening on {standin.url}")  # type: ignore[attr-defined]

    async def main() -> None:
        task = asyncio.current_task()
        assert task is not None
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
        options = {"flood_limits": flood_limits, "bot_username": username}
        try:
            await serve(host, port, on_ready=ready, **options)
        except OSError as error:
            raise click.ClickException(
                f"cannot listen on {host}:{port}: {error.strerror}"
            ) from None
        except asyncio.CancelledError:
            pass

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
