"""`aftercare enroll`: enroll a CSV of patients; one link and one QR code image each."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli import cli
from bot.cli.services import fail, open_for_cli, require_clinic, require_username

LINK_COLUMNS = [
    "line",
    "patient",
    "first_name",
    "session_at",
    "session",
    "expires_at",
    "link",
    "qr_file",
    "status",  # new, or reissued: enrolled by an earlier run, the same link again
]


@cli.command()
@click.option("--clinic", "clinic_id", type=int, required=True, help="Clinic number.")
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Columns first_name, session_at (YYYY-MM-DD HH:MM, clinic time); optional "
    "session_number, series_length, ref (your booking reference).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for links.csv and the QR images [default: <csv name>-links beside the CSV].",
)
@click.option("--bot-username", "username", help="[default: TELEGRAM_BOT_USERNAME]")
def enroll(clinic_id: int, csv_path: Path, out_dir: Path | None, username: str | None) -> None:
    """Enroll patients from a CSV file: one single-use link and QR code (PNG) per row.

    Writes links.csv and patient-<number>.png files into the output folder. Bad rows are
    reported by line number and skipped; the good rows are enrolled. Exits 1 if any row was
    skipped, 2 if the file could not be used at all or the clinic has not approved its
    go-live review (`aftercare clinic review`); then nothing is enrolled.

    Running the same rows again enrolls nobody twice: a row is the one enrolled before when
    its ref matches, or without a ref, its first name and session time. Its link is issued
    again if nobody opened it yet; an opened link is reported by line.

    \b
    Example:
        aftercare enroll --clinic 1 --csv today.csv
        # today.csv:
        #   first_name,session_at,session_number,series_length,ref
        #   Amira,2026-03-02 14:30,1,3,B-1042
    """
    from bot.people import golive
    from bot.people.csv_import import CsvFormatError, read_rows

    services = open_for_cli()
    try:
        username = require_username(services, username)
        clinic = require_clinic(services, clinic_id)
        missing = golive.missing_for_cli(clinic)
        if missing:
            fail(missing)
        now = services.clock.now()
        try:
            rows = read_rows(csv_path.read_bytes(), clinic, now)
        except CsvFormatError as error:
            fail(f"{csv_path}: {error}")
        out_dir = out_dir or csv_path.with_name(f"{csv_path.stem}-links")
        if (out_dir / "links.csv").exists():
            fail(f"{out_dir / 'links.csv'} already exists; choose another --out folder")
        out_dir.mkdir(parents=True, exist_ok=True)
        outcomes = _write_links(services, clinic, rows, out_dir, username, now)
    finally:
        services.store.close()
    bad = [row for row in rows if row.error]
    for row in bad:
        click.echo(f"line {row.line}: {row.error} (skipped)", err=True)
    kinds = [outcome.kind for _line, outcome in outcomes]
    for line, outcome in outcomes:
        if outcome.kind == "used":
            click.echo(
                f"line {line}: already enrolled as patient #{outcome.patient_id}, who opened "
                f"the link ({outcome.status}); no new link"
            )
    click.echo(
        f"Enrolled {kinds.count('new')} patient(s) into {out_dir}/ (links.csv and QR images)."
    )
    if len(kinds) > kinds.count("new"):
        click.echo(
            f"{len(kinds) - kinds.count('new')} row(s) were already enrolled: "
            f"{kinds.count('reissued')} link(s) issued again, {kinds.count('used')} already "
            "opened by the patient."
        )
    if bad:
        click.echo(f"Skipped {len(bad)} bad row(s); fix them and run again with a new CSV.")
        raise SystemExit(1)


def _write_links(services, clinic, rows, out_dir: Path, username: str, now) -> list:
    """Enroll the good rows (each at most once) and write their links; returns
    (line, RowOutcome) for every good row."""
    import csv

    from bot.people import links
    from bot.people.qr import qr_png
    from bot.people.reenroll import enroll_once

    good = [row for row in rows if row.request]
    zone = clinic.zone
    with (
        open(out_dir / "links.csv", "w", newline="", encoding="utf-8") as handle,
        click.progressbar(good, label="Enrolling", show_pos=True) as bar,
    ):
        writer = csv.writer(handle)
        writer.writerow(LINK_COLUMNS)
        outcomes = []
        for row in bar:
            request = row.request
            made = enroll_once(services.store, clinic_id=clinic.id, request=request, now=now)
            outcomes.append((row.line, made))
            if made.invite is None:
                continue
            link = links.deep_link(username, made.invite.token)
            image = f"patient-{made.patient_id}.png"
            (out_dir / image).write_bytes(qr_png(link))
            series = f"/{request.series_length}" if request.series_length else ""
            writer.writerow(
                [
                    row.line,
                    made.patient_id,
                    request.first_name,
                    request.session_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                    f"{request.session_number}{series}",
                    made.invite.expires_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                    link,
                    image,
                    made.kind,
                ]
            )
    return outcomes
