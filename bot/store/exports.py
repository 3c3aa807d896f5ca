"""The rows `aftercare export` writes: a clinic's deliveries, escalations or events since a
time, oldest first, streamed from a cursor so a long export never sits in memory at once.

Only ids, names of things, statuses and times: no message text, no patient's words, no staff
answer or note. Patient first names (`first_name`) and staff members' (`taken_by_name`, …) are
selected only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from bot.store.rows import Table
from bot.store.timefmt import iso

WHAT = ("deliveries", "escalations", "events")

_FROM = {
    "deliveries": (
        "FROM deliveries d JOIN patients p ON p.id = d.patient_id"
        " JOIN sessions s ON s.id = d.session_id WHERE d.clinic_id = ? AND d.due_at >= ?"
    ),
    "escalations": (
        "FROM escalations e JOIN patients p ON p.id = e.patient_id"
        " WHERE e.clinic_id = ? AND e.created_at >= ?"
    ),
    "events": (
        "FROM events v LEFT JOIN patients p ON p.id = v.patient_id"
        " WHERE v.clinic_id = ? AND v.at >= ?"
    ),
}
# A member of staff by the number /staff shows (their row at the clinic), from a chat id; with
# names, also by the first name they joined with.
_MEMBER = "(SELECT m.{1} FROM staff m WHERE m.clinic_id = e.clinic_id AND m.chat_id = e.{0})"
_STAFF = {"taken_by": "taken_by", "replied_by": "answered_by", "closed_by": "closed_by"}
# Each kind's columns, its own id first; `first_name` goes after the one named `patient`.
_SELECT = {
    "deliveries": (
        "d.id", "d.patient_id AS patient", "d.session_id AS session", "s.session_number",
        "d.step_id AS step", "d.due_at", "d.status", "d.attempts", "d.sent_at", "d.error",
    ),
    "escalations": (
        "e.id", "e.patient_id AS patient", "e.kind", "e.category", "e.status", "e.created_at",
        f"{_MEMBER.format('taken_by', 'id')} AS taken_by", "e.taken_at", "e.first_replied_at",
        f"{_MEMBER.format('replied_by', 'id')} AS answered_by", "e.raised_count",
        "e.patient_told_at", "e.closed_at", f"{_MEMBER.format('closed_by', 'id')} AS closed_by",
        "e.faq_entry_id AS faq_entry",
    ),
    "events": ("v.id", "v.at", "v.name AS event", "v.patient_id AS patient"),
}  # fmt: skip
_ORDER = {"deliveries": "d.due_at, d.id", "escalations": "e.id", "events": "v.id"}


class Exports(Table):
    def count(self, what: str, clinic_id: int, since: datetime) -> int:
        """How many rows `rows` will give."""
        return self.db.execute(
            f"SELECT count(*) {_FROM[_checked(what)]}", [clinic_id, iso(since)]
        ).fetchone()[0]

    def columns(self, what: str, *, names: bool) -> list[str]:
        """The column names `rows` gives, for an export with no rows."""
        cursor = self.db.execute(
            f"SELECT {', '.join(_columns(what, names))} {_FROM[what]} LIMIT 0", [0, ""]
        )
        return [column[0] for column in cursor.description]

    def rows(
        self, what: str, clinic_id: int, since: datetime, *, names: bool
    ) -> Iterator[dict[str, Any]]:
        """Each row as a dict, columns in order (times as stored, ISO UTC); with `names` the
        patient's first name follows the patient's id as `first_name`."""
        columns = _columns(what, names)
        cursor = self.db.execute(
            f"SELECT {', '.join(columns)} {_FROM[what]} ORDER BY {_ORDER[what]}",
            [clinic_id, iso(since)],
        )
        keys = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))


def _columns(what: str, names: bool) -> list[str]:
    columns = list(_SELECT[_checked(what)])
    if not names:
        return columns
    at = next(i for i, column in enumerate(columns) if column.endswith(" AS patient"))
    columns.insert(at + 1, "p.first_name")  # right after the patient's number
    if what == "escalations":  # each member's name right after their number
        for chat_column, label in _STAFF.items():
            at = columns.index(f"{_MEMBER.format(chat_column, 'id')} AS {label}")
            columns.insert(at + 1, f"{_MEMBER.format(chat_column, 'name')} AS {label}_name")
    return columns


def _checked(what: str) -> str:
    if what not in WHAT:
        raise ValueError(f"export one of {WHAT}, not {what!r}")
    return what
