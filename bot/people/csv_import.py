"""Reading a clinic's CSV of patients to enroll: every row checked, each bad one named by line.

Columns: first_name, session_at (YYYY-MM-DD HH:MM, clinic time), and optional
session_number, series_length, ref (the clinic's own booking reference). Header problems
refuse the whole file; a bad row refuses only itself.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from bot.people.enroll_input import EnrollmentInputError, EnrollRequest, parse_csv_row
from bot.store.clinics import Clinic

REQUIRED = ("first_name", "session_at")
OPTIONAL = ("session_number", "series_length", "ref")
MAX_ROWS = 5000


class CsvFormatError(ValueError):
    """The file as a whole cannot be read; nothing should be enrolled from it."""


@dataclass(frozen=True)
class CsvRow:
    line: int
    request: EnrollRequest | None = None
    error: str | None = None


def read_rows(data: bytes, clinic: Clinic, now: datetime) -> list[CsvRow]:
    """Check every row of the CSV file's bytes; raises CsvFormatError for the file itself."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvFormatError("the file is not UTF-8 text (save it as CSV UTF-8)") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise CsvFormatError("the file is empty")
        header = [name.strip().lower() for name in header]
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise CsvFormatError(
                f"missing column(s) {', '.join(missing)}; the header must name "
                f"{', '.join(REQUIRED)} (optional: {', '.join(OPTIONAL)})"
            )
        rows: list[CsvRow] = []
        for fields in reader:
            if not any(field.strip() for field in fields):
                continue
            if len(rows) >= MAX_ROWS:
                raise CsvFormatError(f"more than {MAX_ROWS} rows; split the file")
            rows.append(_check(reader.line_num, header, fields, clinic, now))
    except csv.Error as error:
        raise CsvFormatError(f"line {reader.line_num}: {error}") from None
    return rows


def _check(line: int, header: list[str], fields: list[str], clinic: Clinic, now) -> CsvRow:
    if len(fields) > len(header):
        return CsvRow(line, error=f"{len(fields)} fields but the header has {len(header)}")
    row = dict(zip(header, fields, strict=False))
    try:
        return CsvRow(line, request=parse_csv_row(row, clinic, now))
    except EnrollmentInputError as error:
        return CsvRow(line, error=str(error))
