"""`aftercare export` and `aftercare report uncovered`: a clinic's records as CSV for a
spreadsheet, and the terms of the questions its guide did not cover."""

from __future__ import annotations

import contextlib
import sys
from typing import TextIO

import click

from bot.cli import cli
from bot.cli.services import fail, open_for_cli

_CLINIC = click.option("--clinic", "clinic_id", type=int, required=True, help="Clinic id.")
_SINCE = click.option(
    "--since", required=True, help="First day, YYYY-MM-DD, on the clinic's clock."
)
PROGRESS_FROM = 2000  # rows: a shorter export needs no progress bar


@cli.command()
@_CLINIC
@_SINCE
@click.option(
    "--what",
    type=click.Choice(["deliveries", "escalations", "events"]),
    default="deliveries",
    show_default=True,
    help="Which records.",
)
@click.option("--with-names", is_flag=True, help="Add patients' first names (kept out otherwise).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default="-",
    help="CSV file to write (default: standard output).",
)
def export(clinic_id: int, since: str, what: str, with_names: bool, output: str) -> None:
    """Write a clinic's deliveries, escalations or events since a day as CSV.

    Times are on the clinic's clock. No message text, no patient's words, no staff answers or
    notes; patients and staff by number, their first names only with --with-names. Cells a
    spreadsheet would run as a formula start with an apostrophe. A long export shows a
    progress bar on standard error.

    \b
    Example:
        aftercare export --clinic 1 --since 2026-03-01 -o deliveries.csv
        aftercare export --clinic 1 --since 2026-03-01 --what escalations --with-names
    """
    from bot.ops import export as exporting

    services = open_for_cli()
    try:
        try:
            job = exporting.prepare(services.store, clinic_id, since, what, names=with_names)
        except exporting.ExportError as error:
            fail(str(error), code=1)
        total = exporting.count(services.store, job)
        with _target(output) as out:
            if total < PROGRESS_FROM:
                written = exporting.write(services.store, job, out)
            else:
                label = f"Exporting {total} {what}"
                with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
                    written = exporting.write(services.store, job, out, progress=bar.update)
    finally:
        services.store.close()
    if output != "-":
        click.echo(f"Wrote {written} {what} rows to {output}.", err=True)


def _target(output: str) -> contextlib.AbstractContextManager[TextIO]:
    """Standard output for "-" (left open), else the file, with the newlines CSV wants."""
    if output == "-":
        return contextlib.nullcontext(sys.stdout)
    return open(output, "w", encoding="utf-8", newline="")


@cli.group()
def report() -> None:
    """Reports on a clinic for whoever writes its content.

    \b
    Example:
        aftercare report uncovered --clinic 1 --since 2026-03-01
    """


@report.command("uncovered")
@_CLINIC
@_SINCE
@click.option(
    "--top", type=click.IntRange(1, 100), default=20, show_default=True, help="How many terms."
)
def report_uncovered(clinic_id: int, since: str, top: int) -> None:
    """The most frequent terms of the questions the guide did not cover since a day.

    Counts of terms (each counted once a question, only terms from two or more questions,
    never patients' names), never the questions themselves: what to write next, as a clinic
    FAQ entry (/faq add) or in the clinic's wording.

    \b
    Example:
        aftercare report uncovered --clinic 1 --since 2026-03-01 --top 10
    """
    from bot.faq import gaps
    from bot.ops.export import ExportError, start_of_day
    from bot.wording.staff import figures

    services = open_for_cli()
    try:
        clinic = services.store.clinics.get(clinic_id)
        if clinic is None:
            fail(f"no clinic with id {clinic_id} (see `aftercare clinic list`)", code=1)
        try:
            start = start_of_day(since, clinic.zone)
        except ExportError as error:
            fail(str(error), code=1)
        asked = len(services.store.figures.uncovered_questions(clinic.id, start))
        terms = gaps.uncovered_topics(services.store, clinic.id, start, top=top)
    finally:
        services.store.close()
    click.echo(figures.report_heading(clinic.name, since.strip(), asked))
    for term, count in terms:
        click.echo(figures.report_line(term, count))
    if not terms:
        click.echo(figures.REPORT_NONE)
