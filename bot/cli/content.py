"""`aftercare content check` and `aftercare preview`: the timeline before any patient sees it."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot.cli import cli
from bot.cli.services import open_for_cli

if TYPE_CHECKING:
    from bot.store.clinics import Clinic

_DIR = click.Path(exists=True, file_okay=False, path_type=Path)
_BLOCKQUOTE = re.compile(r"<blockquote>(.*?)</blockquote>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _clinic_and_overrides(clinic_id: int | None) -> tuple[Clinic, dict]:
    """The clinic and its own wording of steps (step id -> ClinicOverride), if from the database."""
    from bot.store.clinics import EXAMPLE_CLINIC  # imports the store: only when previewing

    if clinic_id is None:
        return EXAMPLE_CLINIC, {}
    services = open_for_cli()
    try:
        clinic = services.store.clinics.get(clinic_id)
        overrides = services.store.content.active_for_clinic(clinic_id) if clinic else {}
    finally:
        services.store.close()
    if clinic is None:
        raise click.BadParameter(
            f"no clinic with id {clinic_id} (see `aftercare clinic list`)", param_hint="--clinic"
        )
    return clinic, overrides


@cli.group()
def content() -> None:
    """Check the aftercare content (timeline and FAQ) against the source documents.

    \b
    Example:
        aftercare content check
    """


@content.command("check")
@click.argument("directory", required=False, type=_DIR)
@click.option("--seeds", "seeds_dir", type=_DIR, help="Source documents (default: seeds/).")
@click.option(
    "--clinic",
    "clinic_id",
    type=int,
    help="Also name steps whose wording for this clinic quotes a passage it switched off.",
)
def check(directory: Path | None, seeds_dir: Path | None, clinic_id: int | None) -> None:
    """Validate timeline.yaml, faq.yaml, marketing.yaml and redflags.yaml in DIRECTORY
    (default: the shipped content).

    Quotes must be word for word in their documents and shown in the text, merge fields
    known, messages within Telegram's limits, steps in order; curated answers quote no
    marketing sentence; red-flag thresholds whole numbers in range. Prints each problem with
    its file and step (or field) and exits 1 if there are any; otherwise prints what the
    red-flag thresholds mean.

    \b
    Example:
        aftercare content check
        aftercare content check ./my-content --seeds ./seeds
        aftercare content check --clinic 1
    """
    from content.check import check_content, faq_checker
    from content.redflags import REDFLAGS_FILE, describe, load_thresholds
    from content.seeds import SEEDS_DIR
    from content.timeline import CONTENT_DIR

    directory = directory or CONTENT_DIR
    problems = check_content(directory, seeds_dir or SEEDS_DIR)
    if clinic_id is not None:
        problems += _clinic_problems(clinic_id)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(
            f"{len(problems)} problem(s); the bot keeps serving its last good content.", err=True
        )
        raise SystemExit(1)
    faq = "checked" if faq_checker() else "not checked (no FAQ module installed)"
    click.echo(f"OK: {directory}: timeline.yaml checked, faq.yaml {faq}, {REDFLAGS_FILE} checked")
    click.echo(f"Red flags ({REDFLAGS_FILE}):")
    for line in describe(load_thresholds.__wrapped__(directory / REDFLAGS_FILE)):
        click.echo(f"  {line}")


def _clinic_problems(clinic_id: int) -> list:
    """Steps the clinic's patients would get quoting a passage the clinic switched off."""
    from bot.faq.passages import step_problems

    services = open_for_cli()
    try:
        if services.store.clinics.get(clinic_id) is None:
            raise click.BadParameter(
                f"no clinic with id {clinic_id} (see `aftercare clinic list`)",
                param_hint="--clinic",
            )
        return step_problems(services.store, clinic_id)
    finally:
        services.store.close()


@cli.command()
@click.option(
    "--session",
    "session_text",
    required=True,
    metavar='"YYYY-MM-DD HH:MM"',
    help="When the session took place, local time.",
)
@click.option(
    "--timezone",
    "zone_name",
    metavar="ZONE",
    help="The clinic's time zone, e.g. Europe/London (default: the clinic's own).",
)
@click.option("--clinic", "clinic_id", type=int, help="Clinic id (default: the example clinic).")
@click.option("--session-number", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--series-length", type=click.IntRange(min=1), help="Sessions in the series.")
@click.option("--first-name", default="Alex", show_default=True)
@click.option("--content", "directory", type=_DIR, help="Content dir (default: the shipped one).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def preview(
    session_text: str,
    zone_name: str | None,
    clinic_id: int | None,
    session_number: int,
    series_length: int | None,
    first_name: str,
    directory: Path | None,
    as_json: bool,
) -> None:
    """Show the timeline as a patient would receive it: send time, step, text, sources.

    Send times are in the clinic's time zone, after its send window is applied. With --clinic,
    steps the clinic has reworded (/edit in Telegram) show the clinic's wording. With --json,
    prints a list of {"step", "send_at", "text", "sources": [{"doc", "quote"}]}.

    \b
    Example:
        aftercare preview --session "2025-05-06 14:00" --timezone Europe/London
        aftercare preview --session "2025-05-06 14:00" --session-number 3 --series-length 3 --json
    """
    from bot.delivery.plan import next_session_date, plan
    from content.message import RenderContext, render_step
    from content.problem import ContentError
    from content.timeline import CONTENT_DIR, TIMELINE_FILE, load_timeline

    clinic, overrides = _clinic_and_overrides(clinic_id)
    if zone_name:
        clinic = replace(clinic, timezone=_zone(zone_name))
    session_at = _session(session_text).replace(tzinfo=clinic.zone)
    try:
        timeline = load_timeline((directory or CONTENT_DIR) / TIMELINE_FILE)
    except ContentError as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None
    context = RenderContext(
        clinic=clinic,
        first_name=first_name,
        session_number=session_number,
        series_length=series_length,
        next_session_date=next_session_date(session_at, clinic),
        session_id="12345",
    )
    planned = plan(
        timeline,
        session_at=session_at,
        clinic=clinic,
        session_number=session_number,
        series_length=series_length,
    )
    rows = [
        (
            item,
            render_step(
                timeline.step(item.step_id),
                replace(context, override=overrides.get(item.step_id)),
            ),
        )
        for item in planned
    ]
    if as_json:
        listing = [_as_dict(item, message, clinic) for item, message in rows]
        click.echo(json.dumps(listing, ensure_ascii=False, indent=2))
        return
    for item, message in rows:
        _print_step(item, message, clinic)


def _session(text: str) -> datetime:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise click.BadParameter(
            f'{text!r} is not a date and time; write it as "2025-05-06 14:00"',
            param_hint="--session",
        ) from None


def _zone(name: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(
            f"unknown time zone {name!r}; use a name such as Europe/London",
            param_hint="--timezone",
        ) from None
    return name


def _as_dict(item, message, clinic: Clinic) -> dict:
    return {
        "step": item.step_id,
        "send_at": item.due_at.astimezone(clinic.zone).isoformat(),
        "text": message.text,
        "sources": [{"doc": s.doc, "quote": s.quote} for s in message.sources],
    }


def _print_step(item, message, clinic: Clinic) -> None:
    local = item.due_at.astimezone(clinic.zone)
    whose = f"  ({clinic.name}'s own wording)" if message.clinic_words else ""
    click.secho(f"{local:%a %d %b %Y %H:%M %Z}  {item.step_id}{whose}", bold=True)
    click.echo(_plain(message.text))
    for button in message.buttons:
        target = button.url or f"(answers {button.callback_data})"
        click.echo(f"  [{button.text}] {target}")
    for source in message.sources:
        click.echo(f"  source: {source.doc}: “{source.quote}”")
    click.echo()


def _plain(text: str) -> str:
    """Telegram HTML as a terminal shows it: quotes marked with a bar, tags dropped."""
    quoted = _BLOCKQUOTE.sub(lambda m: "\n".join("│ " + line for line in m[1].split("\n")), text)
    return html.unescape(_TAG.sub("", quoted))
