"""The outbox: every SQL statement about deliveries (one row per patient, session and step).

The row is the schedule. Status moves pending -> sending -> sent | failed | expired, or back
to pending with a later `next_attempt_at`; `muted` and `cancelled` take a row out of the queue.
Claims (`sending`, with their leases, handed back when their process is gone) are
`delivery_claims.Claims`'s, mixed in here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from bot.store.delivery_claims import Claims
from bot.store.delivery_rows import PENDING, ROW_SQL, SENDING, DeliveryRow, NewDelivery
from bot.store.rows import Table, from_row
from bot.store.timefmt import iso, parse

SENT, FAILED = "sent", "failed"
EXPIRED, CANCELLED, MUTED = "expired", "cancelled", "muted"
_ROW_SQL = ROW_SQL


class Deliveries(Claims, Table[DeliveryRow]):
    def _read(self, row: Mapping[str, Any]) -> DeliveryRow:
        return from_row(DeliveryRow, row, group=row["group_name"])

    # -- planning -------------------------------------------------------------------------

    def insert(self, rows: Iterable[NewDelivery]) -> int:
        """Insert planned rows, skipping a (session, step) already there; returns the new count."""
        values = [
            (
                r.patient_id,
                r.session_id,
                r.clinic_id,
                r.step_id,
                r.group,
                iso(r.due_at),
                None if r.expires_at is None else iso(r.expires_at),
                r.status,
                iso(r.due_at),
                int(r.immediate),
            )
            for r in rows
        ]
        with self.db.atomic():
            return self.db.conn.executemany(
                "INSERT INTO deliveries (patient_id, session_id, clinic_id, step_id,"
                " group_name, due_at, expires_at, status, next_attempt_at, immediate)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                values,
            ).rowcount

    # -- the outbox loop's side ------------------------------------------------------------

    def get(self, delivery_id: int) -> DeliveryRow | None:
        return self._one(f"{_ROW_SQL} WHERE d.id = ?", [delivery_id])

    def next_due(self) -> datetime | None:
        """When the earliest pending row falls due (None when nothing is pending)."""
        row = self.db.execute(
            "SELECT min(next_attempt_at) FROM deliveries WHERE status = ?", [PENDING]
        ).fetchone()
        return parse(row[0])

    def expire_due(self, now: datetime) -> list[tuple[int, int]]:
        """Expire every due pending row past its expiry, so a backlog never floods.

        Returns the (clinic, patient) of each, for the event log.
        """
        with self.db.atomic():
            stale = self.db.execute(
                "SELECT id, clinic_id, patient_id FROM deliveries WHERE status = ?"
                " AND next_attempt_at <= ? AND expires_at <= ?",
                [PENDING, iso(now), iso(now)],
            ).fetchall()
            self.db.conn.executemany(
                "UPDATE deliveries SET status = ?, error = 'expired' WHERE id = ?",
                [(EXPIRED, row[0]) for row in stale],
            )
        return [(clinic_id, patient_id) for _, clinic_id, patient_id in stale]

    def mark_sent(
        self, delivery_id: int, *, now: datetime, message_id: int, text: str, version: str
    ) -> None:
        self.db.execute(
            "UPDATE deliveries SET status = ?, sent_at = ?, message_id = ?,"
            " rendered_text = ?, content_version = ?, error = NULL WHERE id = ?",
            [SENT, iso(now), message_id, text, version, delivery_id],
        )

    def mark_failed(self, delivery_id: int, *, reason: str, attempts: int) -> None:
        self.db.execute(
            "UPDATE deliveries SET status = ?, attempts = ?, error = ? WHERE id = ?",
            [FAILED, attempts, reason, delivery_id],
        )

    def mark_expired(self, delivery_id: int) -> None:
        self.db.execute(
            "UPDATE deliveries SET status = ?, error = 'expired' WHERE id = ?",
            [EXPIRED, delivery_id],
        )

    def defer(self, delivery_id: int, *, until: datetime, reason: str, attempts: int) -> None:
        """Back to pending, to be tried again at `until`."""
        self.db.execute(
            "UPDATE deliveries SET status = ?, next_attempt_at = ?, attempts = ?, error = ?"
            " WHERE id = ?",
            [PENDING, iso(until), attempts, reason, delivery_id],
        )

    def set_status(self, delivery_id: int, status: str, *, reason: str) -> None:
        """Take one claimed row out of the queue (cancelled, or muted for a stopped patient)."""
        self.db.execute(
            "UPDATE deliveries SET status = ?, error = ? WHERE id = ?",
            [status, reason, delivery_id],
        )

    def mark_unreachable(self, delivery_id: int, patient_id: int, *, reason: str) -> int:
        """The chat is gone (blocked, not found): fail this row, cancel the patient's others.

        Returns how many were cancelled.
        """
        with self.db.atomic():
            self.db.execute(
                "UPDATE deliveries SET status = ?, error = ? WHERE id = ?",
                [FAILED, reason, delivery_id],
            )
            self.db.execute("UPDATE patients SET status = 'unreachable' WHERE id = ?", [patient_id])
            return self.db.execute(
                "UPDATE deliveries SET status = ?, error = ? WHERE patient_id = ?"
                " AND status IN (?, ?)",
                [CANCELLED, reason, patient_id, PENDING, MUTED],
            ).rowcount

    # -- the patient's and staff's side ---------------------------------------------------

    def clear_group(
        self,
        patient_id: int,
        group: str,
        *,
        reason: str,
        session_id: int | None = None,
        except_session_id: int | None = None,
    ) -> int:
        """Cancel a patient's waiting rows of one group: one session's, or all but one's."""
        sql = (
            "UPDATE deliveries SET status = ?, error = ? WHERE patient_id = ? AND group_name = ?"
            " AND status IN (?, ?)"
        )
        params: list = [CANCELLED, reason, patient_id, group, PENDING, MUTED]
        if session_id is not None:
            sql += " AND session_id = ?"
            params.append(session_id)
        if except_session_id is not None:
            sql += " AND session_id != ?"
            params.append(except_session_id)
        return self.db.execute(sql, params).rowcount

    def book_session(self, patient_id: int, session_id: int, group: str, *, now: datetime) -> int:
        """Record that the patient booked after this session and clear its `group` rows."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE sessions SET booked_at = coalesce(booked_at, ?) WHERE id = ?",
                [iso(now), session_id],
            )
            return self.clear_group(patient_id, group, reason="booked", session_id=session_id)

    def waiting_for_patient(self, patient_id: int) -> list[DeliveryRow]:
        """This patient's rows still to go out, soonest first."""
        return self._all(
            f"{_ROW_SQL} WHERE d.patient_id = ? AND d.status IN (?, ?)"
            " ORDER BY d.next_attempt_at, d.id",
            [patient_id, PENDING, SENDING],
        )

    def for_patient(self, patient_id: int, *, limit: int = 50) -> list[DeliveryRow]:
        """Every row of one patient, in planned order."""
        return self._all(
            f"{_ROW_SQL} WHERE d.patient_id = ? ORDER BY d.due_at, d.id LIMIT ?",
            [patient_id, limit],
        )

    def upcoming_for_clinic(self, clinic_id: int, *, limit: int) -> list[DeliveryRow]:
        return self._all(
            f"{_ROW_SQL} WHERE d.clinic_id = ? AND d.status IN (?, ?)"
            " ORDER BY d.next_attempt_at, d.id LIMIT ?",
            [clinic_id, PENDING, SENDING, limit],
        )

    def failed_for_clinic(self, clinic_id: int, *, limit: int) -> list[DeliveryRow]:
        return self._all(
            f"{_ROW_SQL} WHERE d.clinic_id = ? AND d.status = ?"
            " ORDER BY d.next_attempt_at DESC, d.id DESC LIMIT ?",
            [clinic_id, FAILED, limit],
        )

    def counts(self) -> dict[str, int]:
        """Rows by status, for benchmarks and checks."""
        return dict(
            self.db.execute("SELECT status, count(*) FROM deliveries GROUP BY status").fetchall()
        )
