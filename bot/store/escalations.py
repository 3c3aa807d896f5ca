"""Escalations: a patient's red flag or unanswered question, sent to the clinic's staff.

kind: urgent | unknown | photo; status: open | replied | closed. A photo is kept as Telegram's
file_id only. An open or replied escalation may be taken by one member of staff (`taken_by`, a
staff chat id); an urgent one nobody answered is raised again at `next_raise_at` (NULL: not to
be raised), `raised_count` times so far.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.rows import Table
from bot.store.timefmt import iso, parse

# Unanswered first, urgent first among them, then oldest: the order of /inbox.
_INBOX_ORDER = "ORDER BY status = 'replied', kind != 'urgent', created_at, id"


@dataclass(frozen=True)
class Escalation:
    id: int
    clinic_id: int
    patient_id: int
    kind: str
    category: str | None
    question: str | None
    status: str
    created_at: datetime
    replied_at: datetime | None
    replied_by: int | None
    photo_file_id: str | None = None
    message_id: int | None = None  # the patient's message in their chat, when known
    taken_by: int | None = None
    taken_at: datetime | None = None
    first_replied_at: datetime | None = None
    answer: str | None = None  # the latest staff answer, as relayed to the patient
    closed_at: datetime | None = None
    closed_by: int | None = None
    close_note: str | None = None
    raised_count: int = 0
    next_raise_at: datetime | None = None
    patient_told_at: datetime | None = None
    faq_entry_id: int | None = None  # the clinic FAQ entry made from its answer

    @property
    def answered(self) -> bool:
        return self.first_replied_at is not None


class Escalations(Table[Escalation]):
    row_type = Escalation
    table = "escalations"

    def add(
        self,
        *,
        clinic_id: int,
        patient_id: int,
        kind: str,
        category: str | None,
        question: str,
        now: datetime,
        photo_file_id: str | None = None,
        message_id: int | None = None,
        raise_at: datetime | None = None,
    ) -> Escalation:
        """A new open escalation; `raise_at`: when to raise it again if nobody answers."""
        new_id = self._insert_id(
            "INSERT INTO escalations (clinic_id, patient_id, kind, category, question,"
            " photo_file_id, created_at, message_id, next_raise_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                clinic_id,
                patient_id,
                kind,
                category,
                question,
                photo_file_id,
                iso(now),
                message_id,
                _iso(raise_at),
            ],
        )
        return self.get(new_id)

    def get(self, escalation_id: int) -> Escalation | None:
        return self._one("SELECT * FROM escalations WHERE id = ?", [escalation_id])

    def for_patient(self, patient_id: int) -> list[Escalation]:
        return self._all("SELECT * FROM escalations WHERE patient_id = ? ORDER BY id", [patient_id])

    def urgent_for_message(self, patient_id: int, message_id: int) -> bool:
        """Whether the patient's message `message_id` already raised an urgent escalation."""
        row = self.db.execute(
            "SELECT 1 FROM escalations WHERE patient_id = ? AND message_id = ?"
            " AND kind = 'urgent' LIMIT 1",
            [patient_id, message_id],
        ).fetchone()
        return row is not None

    def not_closed(self, clinic_id: int, *, limit: int) -> list[Escalation]:
        """The clinic's escalations still open or answered but not closed, in /inbox order."""
        return self._all(
            f"SELECT * FROM escalations WHERE clinic_id = ? AND status != 'closed' {_INBOX_ORDER}"
            " LIMIT ?",
            [clinic_id, limit],
        )

    def count_not_closed(self, clinic_id: int) -> int:
        return self.db.execute(
            "SELECT count(*) FROM escalations WHERE clinic_id = ? AND status != 'closed'",
            [clinic_id],
        ).fetchone()[0]

    def take(self, escalation_id: int, *, by: int, now: datetime) -> bool:
        """Assign the escalation to staff chat `by` unless someone else has it or it is closed;
        True when `by` has it now (taking again is a no-op that keeps the first time)."""
        cursor = self.db.execute(
            "UPDATE escalations SET taken_by = ?, taken_at = ? WHERE id = ?"
            " AND status != 'closed' AND taken_by IS NULL",
            [by, iso(now), escalation_id],
        )
        if cursor.rowcount:
            return True
        found = self.get(escalation_id)
        return found is not None and found.status != "closed" and found.taken_by == by

    def let_go(self, escalation_id: int) -> None:
        """Nobody has it any more (its taker left the team, or did not answer in time)."""
        self.db.execute(
            "UPDATE escalations SET taken_by = NULL, taken_at = NULL WHERE id = ?", [escalation_id]
        )

    def mark_replied(
        self, escalation_id: int, *, by: int, now: datetime, answer: str | None = None
    ) -> None:
        """Record a staff reply: who and when (a later reply updates them; the first answer's
        time stays), the answer's text, and no more raising again. A closed one stays closed."""
        self.db.execute(
            "UPDATE escalations SET status = CASE status WHEN 'closed' THEN 'closed'"
            " ELSE 'replied' END, replied_at = ?, replied_by = ?,"
            " first_replied_at = coalesce(first_replied_at, ?), answer = coalesce(?, answer),"
            " taken_by = coalesce(taken_by, ?), taken_at = coalesce(taken_at, ?),"
            " next_raise_at = NULL WHERE id = ?",
            [iso(now), by, iso(now), answer, by, iso(now), escalation_id],
        )

    def close(self, escalation_id: int, *, by: int, note: str | None, now: datetime) -> bool:
        """Close it (no more raising again); False when it already was."""
        cursor = self.db.execute(
            "UPDATE escalations SET status = 'closed', closed_at = ?, closed_by = ?,"
            " close_note = ?, next_raise_at = NULL WHERE id = ? AND status != 'closed'",
            [iso(now), by, note, escalation_id],
        )
        return cursor.rowcount == 1

    def due_raises(self, now: datetime, *, limit: int = 50) -> list[Escalation]:
        """Escalations whose time to be raised again has come, oldest first."""
        return self._all(
            "SELECT * FROM escalations WHERE next_raise_at IS NOT NULL AND next_raise_at <= ?"
            " AND status = 'open' ORDER BY next_raise_at, id LIMIT ?",
            [iso(now), limit],
        )

    def next_raise(self) -> datetime | None:
        """The earliest time an escalation is to be raised again, or None."""
        row = self.db.execute(
            "SELECT min(next_raise_at) FROM escalations WHERE status = 'open'"
        ).fetchone()
        return parse(row[0])

    def raised(
        self, escalation_id: int, *, next_at: datetime | None, due: datetime | None = None
    ) -> bool:
        """Raised again once more; the taker (who did not answer) lets go of it. With `due`
        (the raise time the caller saw), only if that raise is still to do: False when another
        instance did it first, and then it must not be raised again."""
        return bool(
            self.db.execute(
                "UPDATE escalations SET raised_count = raised_count + 1, next_raise_at = ?,"
                " taken_by = NULL, taken_at = NULL WHERE id = ?"
                + (" AND next_raise_at = ?" if due else ""),
                [_iso(next_at), escalation_id, *([iso(due)] if due else [])],
            ).rowcount
        )

    def patient_told(
        self, escalation_id: int, now: datetime, *, due: datetime | None = None
    ) -> bool:
        """The patient was told what to do instead of waiting; nothing more is raised. `due`
        as for `raised`: False when another instance told them first."""
        return bool(
            self.db.execute(
                "UPDATE escalations SET patient_told_at = ?, next_raise_at = NULL WHERE id = ?"
                + (" AND next_raise_at = ?" if due else ""),
                [iso(now), escalation_id, *([iso(due)] if due else [])],
            ).rowcount
        )

    def stop_raising(self, escalation_id: int) -> None:
        self.db.execute("UPDATE escalations SET next_raise_at = NULL WHERE id = ?", [escalation_id])

    def learned(self, escalation_id: int, entry_id: int) -> None:
        """Its answer became the clinic's FAQ entry `entry_id`."""
        self.db.execute(
            "UPDATE escalations SET faq_entry_id = ? WHERE id = ?", [entry_id, escalation_id]
        )

    def add_forward(self, escalation_id: int, *, chat_id: int, message_id: int) -> None:
        self.db.execute(
            "INSERT INTO escalation_forwards (chat_id, message_id, escalation_id)"
            " VALUES (?, ?, ?) ON CONFLICT (chat_id, message_id)"
            " DO UPDATE SET escalation_id = excluded.escalation_id",
            [chat_id, message_id, escalation_id],
        )

    def forwarded_as(self, *, chat_id: int, message_id: int) -> int | None:
        """The escalation a staff chat's message `message_id` forwarded, if any."""
        row = self.db.execute(
            "SELECT escalation_id FROM escalation_forwards WHERE chat_id = ? AND message_id = ?",
            [chat_id, message_id],
        ).fetchone()
        return None if row is None else row[0]

    def forwards(self, escalation_id: int) -> list[tuple[int, int]]:
        """Every staff alert of the escalation still on record: (chat id, message id), in the
        order sent. A forgotten patient's alerts are no longer here (see `alert_redactions`)."""
        return [
            (row[0], row[1])
            for row in self.db.execute(
                "SELECT chat_id, message_id FROM escalation_forwards WHERE escalation_id = ?"
                " ORDER BY rowid",
                [escalation_id],
            )
        ]

    def queued_redactions(self, *, limit: int = 100) -> list[tuple[int, int]]:
        """Staff alerts of forgotten patients still to be edited: (chat id, message id)."""
        return [
            (row[0], row[1])
            for row in self.db.execute(
                "SELECT chat_id, message_id FROM alert_redactions ORDER BY queued_at LIMIT ?",
                [limit],
            )
        ]

    def redaction_done(self, *, chat_id: int, message_id: int) -> None:
        self.db.execute(
            "DELETE FROM alert_redactions WHERE chat_id = ? AND message_id = ?",
            [chat_id, message_id],
        )


def _iso(when: datetime | None) -> str | None:
    return None if when is None else iso(when)
