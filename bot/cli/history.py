"""`aftercare content history|revert`: a clinic's versions of a step's wording."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from bot.cli.content import content
from bot.cli.services import fail, open_for_cli, where

if TYPE_CHECKING:
    from bot.services import Services
    from bot.store.clinics import Clinic

_CLINIC = click.option("--clinic", "clinic_id", type=int, required=True, help="Clinic id.")


def _open(clinic_id: int) -> tuple[Services, Clinic]:
    """The services and the clinic; exit 2 (store closed) when there is no such clinic."""
    services = open_for_cli()
    found = services.store.clinics.get(clinic_id)
    if found is None:
        services.store.close()
        fail(f"no clinic {clinic_id} in {where(services)} (see `aftercare clinic list`)")
    return services, found


@content.command("history")
@_CLINIC
@click.argument("step")
def content_history(clinic_id: int, step: str) -> None:
    """Every version of the clinic's wording of STEP, newest first: author, date and the lines
    that changed from the words before it.

    \b
    Example:
        aftercare content history --clinic 1 day1_redness
    """
    from bot.delivery import history

    services, found = _open(clinic_id)
    try:
        text = history.history(
            services.store, services.timeline(), found, step, viewer_chat_id=None
        )
    finally:
        services.store.close()
    click.echo(text)


@content.command("revert")
@_CLINIC
@click.argument("step")
@click.argument("version", required=False)
def content_revert(clinic_id: int, step: str, version: str | None) -> None:
    """Back to the default wording of STEP, or to VERSION of the clinic's own (from `content
    history`), saved as a new version after the usual checks. Messages not yet sent use it.

    \b
    Example:
        aftercare content revert --clinic 1 day1_redness 2
        aftercare content revert --clinic 1 day1_redness
    """
    from bot.delivery import history

    services, found = _open(clinic_id)
    try:
        text = history.revert(
            services.store,
            services.timeline(),
            found,
            step,
            version,
            staff_chat=None,
            now=services.clock.now(),
        )
    finally:
        services.store.close()
    click.echo(text)
