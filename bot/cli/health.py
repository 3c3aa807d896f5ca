"""`aftercare health`: ask the running bot's health endpoint (a container's HEALTHCHECK runs it)."""

from __future__ import annotations

import sys

import click

from bot.cli import cli
from bot.cli.services import fail

# Where to knock when the endpoint listens on every address.
_LOCAL = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


@cli.command()
@click.option("--timeout", default=5.0, show_default=True, help="Seconds to wait for an answer.")
def health(timeout: float) -> None:
    """Print the running bot's health (JSON); exit 0 when healthy, 1 when not or unreachable.

    Asks GET /health on AFTERCARE_HEALTH_HOST:AFTERCARE_HEALTH_PORT (default 127.0.0.1:8080),
    where the bot reports whether its database answers, how long ago its outbox last ran, and
    how many rows wait or failed.

    \b
    Example:
        aftercare health && echo healthy
    """
    import urllib.error
    import urllib.request

    from bot.ops.health import PATH
    from bot.settings import Settings, SettingsError

    try:
        settings = Settings.load()
    except SettingsError as error:
        fail(str(error))
    if settings.health_port is None:
        fail("AFTERCARE_HEALTH_PORT is off: the bot serves no health endpoint", 1)
    host = _LOCAL.get(settings.health_host, settings.health_host)
    host = f"[{host}]" if ":" in host else host
    url = f"http://{host}:{settings.health_port}{PATH}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            click.echo(answer.read().decode())
    except urllib.error.HTTPError as answer:
        click.echo(answer.read().decode())
        sys.exit(1)
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        fail(f"no answer from {url} ({reason}); is the bot running?", 1)
