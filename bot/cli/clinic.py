"""`aftercare clinic add|list`: clinics, and the admin invite `clinic add` prints."""

from __future__ import annotations

import click

from bot.cli import cli
from bot.cli.services import fail, open_for_cli, require_username

BOT_USERNAME = click.option(
    "--bot-username",
    "username",
    help="The bot's @username for links [default: TELEGRAM_BOT_USERNAME].",
)


def print_invite(services, clinic, username: str, role: str) -> None:
    """A new single-use invite to the clinic's team as `role` (admin | staff), with its link."""
    from bot.people import links
    from bot.people.staff import invite_staff

    invite = invite_staff(services.store, clinic.id, services.clock.now(), role=role)
    expires = invite.expires_at.astimezone(clinic.zone).strftime("%Y-%m-%d %H:%M")
    who = "an admin" if role == "admin" else "a member of staff"
    click.echo(
        f"Staff invite for {clinic.name} ({who}; one person, valid until {expires} clinic time):"
    )
    click.echo(links.deep_link(username, invite.token))


@cli.group()
def clinic() -> None:
    """Clinics using the bot: add, list, show and change them, and their go-live review.

    \b
    Example:
        aftercare clinic add --name Glow --timezone Europe/London --phone "+44 20 7946 0000"
        aftercare clinic list
        aftercare clinic set 1 --opening-hours "Mon-Fri 09:00-18:00"
        aftercare clinic review 1
    """


@clinic.command("add")
@click.option("--name", required=True, help="The clinic's name, as patients know it.")
@click.option("--timezone", "zone", required=True, help="IANA time zone, e.g. Europe/London.")
@click.option("--phone", required=True, help="The number patients call with worries.")
@click.option("--booking-url", default="", help="https:// page where patients book.")
@click.option(
    "--series-interval-days",
    type=int,
    default=28,
    show_default=True,
    help="Days between sessions of a series; long enough for the timeline's care steps.",
)
@BOT_USERNAME
def clinic_add(
    name: str,
    zone: str,
    phone: str,
    booking_url: str,
    series_interval_days: int,
    username: str | None,
) -> None:
    """Add a clinic and print an admin invite link for it.

    The first person to open the link in Telegram joins as the clinic's admin: they invite the
    rest of the team (/staff invite), change the settings (/settings) and approve the go-live
    review (/review) before the first patient can be enrolled. The invite works for one person
    and expires after 7 days (`aftercare staff invite --admin` makes another). Change settings
    later with `aftercare clinic set`.

    \b
    Example:
        aftercare clinic add --name "Glow Clinic" --timezone Europe/London \\
            --phone "+44 20 7946 0000" --booking-url https://glow.example/book
    """
    from bot.people.registration import ClinicInputError, register_clinic
    from content.problem import ContentError

    services = open_for_cli(create=True)
    try:
        username = require_username(services, username)
        try:
            added = register_clinic(
                services.store,
                name=name,
                timezone=zone,
                phone=phone,
                booking_url=booking_url,
                series_interval_days=series_interval_days,
                now=services.clock.now(),
                timeline=services.timeline(),
            )
        except ClinicInputError as error:
            fail("; ".join(error.problems))
        except ContentError:
            fail(
                "the timeline fails its checks, so no interval can be checked against it: "
                "run aftercare content check",
                code=1,
            )
        click.echo(f"Clinic {added.id} added: {added.name} ({added.timezone}, {added.phone})")
        print_invite(services, added, username, "admin")
        click.echo(
            f"Before the first patient: the go-live review (/review in Telegram, or "
            f"`aftercare clinic review {added.id}`)."
        )
    finally:
        services.store.close()


@clinic.command("list")
def clinic_list() -> None:
    """List the clinics with their settings, staff and patient counts.

    \b
    Example:
        aftercare clinic list
    """
    services = open_for_cli()
    store = services.store
    try:
        clinics = store.clinics.all()
        if not clinics:
            click.echo("No clinics yet. Add one with `aftercare clinic add`.")
            return
        for c in clinics:
            click.echo(
                f"{c.id:>4}  {c.name}  {c.timezone}  {c.phone}  "
                f"booking={c.booking_url or '-'}  every {c.series_interval_days} days  "
                f"staff={store.staff.count(c.id)}  patients={store.patients.count(c.id)}"
            )
    finally:
        store.close()
