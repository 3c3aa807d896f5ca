"""`aftercare staff invite|list|remove`: a clinic's team from the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from bot.cli import cli
from bot.cli.clinic import BOT_USERNAME, print_invite
from bot.cli.services import fail, open_for_cli, require_clinic, require_username

if TYPE_CHECKING:
    pass

_CLINIC = click.option("--clinic", "clinic_id", type=int, required=True, help="Clinic number.")


@cli.group()
def staff() -> None:
    """A clinic's team: invite, list and remove its members.

    Each clinic has admins (they change wording, answers and settings, and invite or remove
    staff) and staff (they handle patients and escalations).

    \b
    Example:
        aftercare staff invite --clinic 1
        aftercare staff list --clinic 1
        aftercare staff remove --clinic 1 3
    """


@staff.command("invite")
@_CLINIC
@click.option("--admin", is_flag=True, help="Invite an admin rather than a member of staff.")
@BOT_USERNAME
def staff_invite(clinic_id: int, admin: bool, username: str | None) -> None:
    """Print a new single-use invite link to a clinic's team (valid 7 days).

    \b
    Example:
        aftercare staff invite --clinic 1
        aftercare staff invite --clinic 1 --admin
    """
    services = open_for_cli()
    try:
        username = require_username(services, username)
        print_invite(
            services, require_clinic(services, clinic_id), username, "admin" if admin else "staff"
        )
    finally:
        services.store.close()


@staff.command("list")
@_CLINIC
def staff_list(clinic_id: int) -> None:
    """The clinic's team: number, name, role and when each joined.

    \b
    Example:
        aftercare staff list --clinic 1
    """
    from bot.people.staff import listing

    services = open_for_cli()
    try:
        click.echo(listing(services.store, require_clinic(services, clinic_id)))
    finally:
        services.store.close()


@staff.command("remove")
@_CLINIC
@click.argument("number")
def staff_remove(clinic_id: int, number: str) -> None:
    """Take member NUMBER (from `staff list`) off the clinic's team at once.

    From then on they get no alert and no staff command; the running bot clears their
    command menu at their next command or its next start. The clinic's last admin stays.

    \b
    Example:
        aftercare staff remove --clinic 1 3
    """
    from bot.people.outcomes import Refused
    from bot.people.staff import remove
    from bot.wording.staff import members

    services = open_for_cli()
    try:
        clinic = require_clinic(services, clinic_id)
        outcome = remove(services.store, clinic, number, by="cli", now=services.clock.now())
    finally:
        services.store.close()
    if isinstance(outcome, Refused):
        fail(outcome.message, code=1)
    member = outcome.member
    click.echo(members.removed(member.id, member.name, clinic.name))
