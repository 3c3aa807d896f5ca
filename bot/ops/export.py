"""`aftercare export`: a clinic's deliveries, escalations or events since a date, as CSV for a
spreadsheet.

What leaves the bot is only ids, names of things, statuses and times: no message text, no
patient's words, no staff answer or note (the rows come from `bot.store.exports`). Patients'
and staff members' first names only with `names`. Times are written on the clinic's wall clock
("2026-03-02 14:00:00"), the date given is the start of that day there. A text cell a
spreadsheet would run as a formula (starting =, +, -, @, a tab or a line break) is written
with a leading apostrophe, so it is shown, never run.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.exports import WHAT
from bot.store.timefmt import parse

# What a spreadsheet takes as the start of a formula (OWASP's list, and the full-width forms
# some spreadsheets read the same way).
FORMULA_START = frozenset("=+-@\t\r\n＝＋－＠")
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
PROGRESS_EVERY = 500  # rows between two calls of `progress`


class ExportError(ValueError):
    """Bad input to an export (unknown clinic, kind or date); the message says which."""


@dataclass(frozen=True)
class Export:
    clinic: Clinic
    what: str
    since: datetime  # UTC: the start of the given day on the clinic's clock
    names: bool = False


def neutral(value: Any) -> Any:
    """A cell as a spreadsheet may safely read it: text that would start a formula (also
    after leading spaces) gets a leading apostrophe; numbers and empty cells stay."""
    if isinstance(value, str) and value.lstrip(" ")[:1] in FORMULA_START:
        return "'" + value
    return value


def start_of_day(day: str, zone: ZoneInfo) -> datetime:
    """`day` (YYYY-MM-DD) at 00:00 on the clinic's clock; ExportError when it is no date."""
    try:
        parsed = date.fromisoformat(day.strip())
    except ValueError:
        raise ExportError(f"--since {day!r} is not a date: write it as YYYY-MM-DD") from None
    return datetime.combine(parsed, time(0, 0), tzinfo=zone)


def prepare(store: Store, clinic_id: int, since: str, what: str, *, names: bool) -> Export:
    """Check the export's input; ExportError naming what is wrong."""
    clinic = store.clinics.get(clinic_id)
    if clinic is None:
        raise ExportError(f"no clinic with id {clinic_id} (see `aftercare clinic list`)")
    if what not in WHAT:
        raise ExportError(f"--what must be one of {', '.join(WHAT)}, not {what!r}")
    return Export(clinic, what, start_of_day(since, clinic.zone), names)


def count(store: Store, export: Export) -> int:
    return store.exports.count(export.what, export.clinic.id, export.since)


def write(
    store: Store,
    export: Export,
    out: TextIO,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the header and every row as CSV to `out`; returns how many rows. `progress` is
    called with the number of rows written since its last call, every `PROGRESS_EVERY` rows
    and at the end."""
    writer = csv.writer(out)
    writer.writerow(store.exports.columns(export.what, names=export.names))
    rows = store.exports.rows(export.what, export.clinic.id, export.since, names=export.names)
    zone = export.clinic.zone
    written = pending = 0
    for row in rows:
        writer.writerow([neutral(_cell(key, value, zone)) for key, value in row.items()])
        written += 1
        pending += 1
        if progress is not None and pending == PROGRESS_EVERY:
            progress(pending)
            pending = 0
    if progress is not None and pending:
        progress(pending)
    return written


def _cell(key: str, value: Any, zone: ZoneInfo) -> Any:
    if value is not None and (key == "at" or key.endswith("_at")):
        return f"{parse(value).astimezone(zone):{TIME_FORMAT}}"
    return "" if value is None else value
