"""`aftercare passage`: a clinic switching passages of the guide off and on."""

from __future__ import annotations

import click

from bot.cli import cli
from bot.cli.services import open_for_cli

_CLINIC = click.option("--clinic", "clinic_id", type=int, required=True, help="Clinic id.")
_AUTHOR = click.option(
    "--author", default="cli", show_default=True, help="Who made the change, for the record."
)


@cli.group()
def passage() -> None:
    """Passages of the guide a clinic does not want quoted to its patients.

    A switched-off passage is never an answer for that clinic, curated answers quoting it are
    skipped, and `aftercare content check --clinic ID` names timeline steps that still quote
    it. Every change is kept with its author and time.

    \b
    Example:
        aftercare passage list --clinic 1
        aftercare passage off --clinic 1 004#3
        aftercare passage on --clinic 1 004#3
    """


def _switch(clinic_id: int, ref: str, author: str, state: str) -> None:
    from bot.faq import passages

    services = open_for_cli()
    try:
        switch = passages.switch_off if state == "off" else passages.switch_on
        outcome = switch(services.store, clinic_id, ref, author, services.clock.now())
    finally:
        services.store.close()
    click.echo(outcome.message, err=not outcome.ok)
    if not outcome.ok:
        raise SystemExit(1)


@passage.command("off")
@_CLINIC
@click.argument("passage_id")
@_AUTHOR
def passage_off(clinic_id: int, passage_id: str, author: str) -> None:
    """Never quote PASSAGE_ID (e.g. 004#3, from `passage list`) to the clinic's patients.

    \b
    Example:
        aftercare passage off --clinic 1 004#3 --author "Dr Lee"
    """
    _switch(clinic_id, passage_id, author, "off")


@passage.command("on")
@_CLINIC
@click.argument("passage_id")
@_AUTHOR
def passage_on(clinic_id: int, passage_id: str, author: str) -> None:
    """Quote PASSAGE_ID to the clinic's patients again.

    \b
    Example:
        aftercare passage on --clinic 1 004#3
    """
    _switch(clinic_id, passage_id, author, "on")


@passage.command("list")
@_CLINIC
@click.option("--off", "only_off", is_flag=True, help="Only the passages switched off.")
def passage_list(clinic_id: int, only_off: bool) -> None:
    """Every passage of the guide: short id, on or off, its start and document.

    \b
    Example:
        aftercare passage list --clinic 1 --off
    """
    from bot.faq import passages
    from bot.wording.staff.passages import unknown_clinic

    services = open_for_cli()
    try:
        if services.store.clinics.get(clinic_id) is None:
            click.echo(unknown_clinic(clinic_id), err=True)
            raise SystemExit(1)
        rows = passages.listing(services.store, clinic_id, only_off=only_off)
    finally:
        services.store.close()
    for row in rows:
        when = f"  ({row.author}, {row.changed_at:%Y-%m-%d %H:%M} UTC)" if row.changed_at else ""
        click.echo(f"{row.state:<3}  {row.label}{when}")
