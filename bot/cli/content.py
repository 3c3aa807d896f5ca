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
from bot.cli.services import open_for_cli, where

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
            f"no clinic with id {clinic_id} in {where(services)} (see `aftercare clinic list`)",
            param_hint="--clinic",
        )
    return clinic, overrides


@cli.group()
def content() -> None:
    """Check the aftercare content (timeline and FAQ) against the source documents, and a
    clinic's versions of its wording.

    \b
    Example:
        aftercare content check
        aftercare content history --clinic 1 day1_redness
    """


@content.command("check")
@click.argument("directory", required=False, type=_DIR)
@click.option("--seeds", "seeds_dir", type=_DIR, help="Source documents (default: seeds/).")
@click.option(
    "--clinic",
    "clinic_id",
    type=int,
    help="Check only this clinic's series interval, and name steps whose wording for it "
    "quotes a passage it switched off [default: every clinic's interval in AFTERCARE_DB].",
)
def check(directory: Path | None, seeds_dir: Path | None, clinic_id: int | None) -> None:
    """Validate timeline.yaml, faq.yaml, marketing.yaml and redflags.yaml in DIRECTORY
    (default: the shipped content).

    Quotes must be word for word in their documents and shown in the text, merge fields
    known, messages within Telegram's limits, steps in order; curated answers quote no
    marketing sentence; red-flag thresholds whole numbers in range. Then each clinic's series
    interval must leave the steps in order (the booking prompt after the last care step):
    every clinic in AFTERCARE_DB if that database exists (read only), or the one --clinic
    names. Prints each problem with its file and step (or field) and exits 1 if there are
    any; otherwise prints what the red-flag thresholds mean.

    \b
    Example:
        aftercare content check
        aftercare content check ./my-content --seeds ./seeds
        aftercare content check --clinic 1
    """
    from bot.cli.interval_fit import interval_problems
    from content.check import check_content, faq_checker
    from content.redflags import REDFLAGS_FILE, describe, load_thresholds
    from content.seeds import SEEDS_DIR
    from content.timeline import CONTENT_DIR, TIMELINE_FILE, load_timeline

    directory = directory or CONTENT_DIR
    seeds_dir = seeds_dir or SEEDS_DIR
    problems = check_content(directory, seeds_dir)
    misfits = []
    if not problems:  # only a timeline that passes its own checks is held against the clinics
        file = directory / TIMELINE_FILE
        misfits = interval_problems(load_timeline(file, seeds_dir), file, clinic_id)
    if clinic_id is not None:
        problems += _clinic_problems(clinic_id)
    for problem in [*problems, *misfits]:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(
            f"{len(problems)} problem(s); the bot keeps serving its last good content.", err=True
        )
    if misfits:
        click.echo(
            f"{len(misfits)} clinic(s) whose series interval does not fit this timeline, which "
            "a running bot would serve: change the timeline or the clinic's interval.",
            err=True,
        )
    if problems or misfits:
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
                f"no clinic with id {clinic_id} in {where(services)} (see `aftercare clinic list`)",
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

    Send times are in the clinic's time zone, after its send window is applied; days after
    the session are calendar days there (the same local time, across clock changes), hours
    are elapsed time. With --clinic, steps the clinic has reworded (/edit in Telegram) show
    the clinic's wording, and a series interval that does not fit the timeline is warned
    about. Sources are named by the documents' titles (content/documents.yaml). With --json,
    prints a list of {"step", "send_at", "text", "sources": [{"doc", "title", "address",
    "quote"}]}.

    \b
    Example:
        aftercare preview --session "2025-05-06 14:00" --timezone Europe/London
        aftercare preview --session "2025-05-06 14:00" --session-number 3 --series-length 3 --json
    """
    from bot.delivery.preview import preview_timeline
    from content.problem import ContentError
    from content.timeline import CONTENT_DIR, TIMELINE_FILE, interval_problem, load_timeline

    clinic, overrides = _clinic_and_overrides(clinic_id)
    if zone_name:
        clinic = replace(clinic, timezone=_zone(zone_name))
    session_at = _session(session_text).replace(tzinfo=clinic.zone)
    try:
        timeline = load_timeline((directory or CONTENT_DIR) / TIMELINE_FILE)
    except ContentError as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None
    misfit = interval_problem(timeline, clinic.series_interval_days)
    if misfit:  # a clinic added before intervals were checked: show what its patients get
        click.echo(f"warning: {clinic.name}: {misfit}", err=True)
    steps = preview_timeline(
        timeline,
        clinic,
        session_at=session_at,
        overrides=overrides,
        first_name=first_name,
        session_number=session_number,
        series_length=series_length,
    )
    rows = [(step.planned, step.message) for step in steps]
    if as_json:
        listing = [_as_dict(item, message, clinic) for item, message in rows]
        click.echo(json.dumps(listing, ensure_ascii=False, indent=2))
        return
    for item, message in rows:
        print_step(item, message, clinic)


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
        "sources": [_source(s) for s in message.sources],
    }


def _source(source) -> dict:
    """A quote's source for --json: the document's file name, its title and address."""
    from content.documents import load_index

    found = load_index().get(source.doc)
    return {
        "doc": source.doc,
        "title": found.title if found else source.doc,
        "address": found.address if found else "",
        "quote": source.quote,
    }


def print_step(item, message, clinic: Clinic) -> None:
    """One planned step as the terminal shows it: time, id, text, buttons, sources by title."""
    local = item.due_at.astimezone(clinic.zone)
    whose = f"  ({clinic.name}'s own wording)" if message.clinic_words else ""
    click.secho(f"{local:%a %d %b %Y %H:%M %Z}  {item.step_id}{whose}", bold=True)
    click.echo(_plain(message.text))
    for button in message.buttons:
        target = button.url or f"(answers {button.callback_data})"
        click.echo(f"  [{button.text}] {target}")
    from content.documents import cited

    for source in message.sources:
        click.echo(f"  source: {cited(source.doc)}: “{source.quote}”")
    click.echo()


def _plain(text: str) -> str:
    """Telegram HTML as a terminal shows it: quotes marked with a bar, tags dropped."""
    quoted = _BLOCKQUOTE.sub(lambda m: "\n".join("│ " + line for line in m[1].split("\n")), text)
    return html.unescape(_TAG.sub("", quoted))
