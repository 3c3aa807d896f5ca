"""`aftercare clinic review`: the go-live review from the command line, and approving it."""

from __future__ import annotations

import click

from bot.cli.clinic import clinic
from bot.cli.services import fail, open_for_cli, where


@clinic.command("review")
@click.argument("clinic_id", type=int)
@click.option("--approve", is_flag=True, help="Approve the review: patients may be enrolled.")
def clinic_review(clinic_id: int, approve: bool) -> None:
    """Show clinic CLINIC_ID's go-live review: the aftercare messages a patient gets (for a
    sample session today at 14:00, clinic time) and the guide's passages the bot may quote.

    Until the review is approved (here with --approve, or by an admin's /review in Telegram),
    no patient can be enrolled. Switch off passages first with `aftercare passage off`, reword
    messages with /edit in Telegram.

    \b
    Example:
        aftercare clinic review 1
        aftercare clinic review 1 --approve
    """
    from bot.cli.content import print_step
    from bot.inbox import review
    from bot.people import golive

    services = open_for_cli()
    try:
        found = services.store.clinics.get(clinic_id)
        if found is None:
            fail(f"no clinic {clinic_id} in {where(services)} (see `aftercare clinic list`)")
        now = services.clock.now()
        if approve:
            click.echo(golive.approve(services.store, found, author="cli", now=now))
            return
        shown = review.build(services.store, services.timeline(), found, now)
    finally:
        services.store.close()
    click.secho(f"Go-live review for {found.name}: the messages", bold=True)
    click.echo()
    for step in shown.steps:
        print_step(step.planned, step.message, found)
    for text in shown.passages:
        click.echo(text)
    click.echo()
    click.echo(golive.missing_for_cli(found) or "Approved: patients can be enrolled.")
