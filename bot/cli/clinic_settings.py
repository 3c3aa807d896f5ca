"""`aftercare clinic set|show`: a clinic's settings after `clinic add`, audited."""

from __future__ import annotations

import click

from bot.cli.clinic import clinic
from bot.cli.services import fail, open_for_cli, where

# Help for each option; the options themselves come from the fields of the clinic settings.
HELP = {
    "name": "The clinic's name, as patients know it.",
    "phone": "The number patients call with worries.",
    "booking": "https:// page where patients book; 'none' clears it.",
    "timezone": "IANA time zone, e.g. Europe/London.",
    "window": "When aftercare messages go out, every day of the week: 09:00-20:00.",
    "hours": "When staff answer, for out-of-hours urgent replies: "
    "\"Mon-Fri 09:00-18:00, Sat 10:00-13:00\"; 'none' clears them.",
    "interval": "Days between sessions of a series.",
    "outofhours": "Number for urgent problems while closed; 'none' clears it.",
    "emergency": "The local emergency line, e.g. 999; 'none' clears it.",
    "raise": "Minutes an urgent message waits for a staff answer before it is raised again "
    "(1-120, default 10).",
}


def _options(command):
    from bot.people.setting_fields import FIELDS

    for field in reversed(FIELDS):
        command = click.option(field.option, field.key, metavar="TEXT", help=HELP[field.key])(
            command
        )
    return command


@clinic.command("set")
@click.argument("clinic_id", type=int)
@_options
def clinic_set(clinic_id: int, **values: str | None) -> None:
    """Change settings of clinic CLINIC_ID; each change is recorded (who, when, old -> new).

    Every value is checked as `clinic add` checks it; if any is wrong, each problem is named
    and nothing changes (exit 2). A new time zone, send window or series interval moves the
    messages not yet sent; a new phone, name or booking link reaches the next message.

    \b
    Example:
        aftercare clinic set 1 --phone "+44 20 7946 0001" --out-of-hours "+44 7700 900123"
        aftercare clinic set 1 --opening-hours "Mon-Fri 09:00-18:00, Sat 10:00-13:00"
        aftercare clinic set 1 --send-window 08:00-21:00 --emergency-number 999
    """
    from bot.people import clinic_settings, settings_view
    from bot.people.registration import ClinicInputError
    from content.problem import ContentError

    given = {key: value for key, value in values.items() if value is not None}
    if not given:
        fail("give at least one setting to change (see --help)")
    services = open_for_cli()
    try:
        try:
            changed = clinic_settings.change(
                services.store,
                clinic_id,
                given,
                author="cli",
                now=services.clock.now(),
                replan=services.replan_clinic,
                # The interval is checked against the timeline, as `clinic add` does.
                timeline=services.timeline() if "interval" in given else None,
            )
        except LookupError:
            fail(f"no clinic {clinic_id} in {where(services)} (see `aftercare clinic list`)")
        except ClinicInputError as error:
            fail("nothing changed: " + "; ".join(error.problems))
        except ContentError:
            fail(
                "nothing changed: the timeline fails its checks, so no interval can be checked "
                "against it: run aftercare content check",
                code=1,
            )
    finally:
        services.store.close()
    click.echo(settings_view.reply(changed))


@clinic.command("show")
@click.argument("clinic_id", type=int)
def clinic_show(clinic_id: int) -> None:
    """Every setting of clinic CLINIC_ID, its go-live review and its recent changes.

    \b
    Example:
        aftercare clinic show 1
    """
    from bot.people import golive, settings_view

    services = open_for_cli()
    try:
        found = services.store.clinics.get(clinic_id)
        if found is None:
            fail(f"no clinic {clinic_id} in {where(services)} (see `aftercare clinic list`)")
        footer = f"Change them with `aftercare clinic set {clinic_id} --phone …` (see --help)."
        click.echo(
            settings_view.overview(services.store, found, viewer_chat_id=None, footer=footer)
        )
        click.echo("")
        click.echo(golive.missing_for_cli(found) or "Go-live review: approved.")
    finally:
        services.store.close()
