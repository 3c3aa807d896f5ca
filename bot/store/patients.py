"""Patients: a first name, the chat their link was opened from, and where they stand.

status: invited | active | declined | stopped | unreachable | cancelled | forgotten
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from bot.store.rows import Table, from_row
from bot.store.sessions import Session
from bot.store.timefmt import iso

# A chat is "with" a patient row in these states: it can talk to the bot as that patient.
LINKED = ("invited", "active", "stopped", "unreachable")
# A new session of the same patient joins their existing row in these states. They are also
# the rows that agreed: a chat's consented rows are one person to the bot (STOP, /next, red
# flags), one row per clinic.
RETURNING = ("active", "stopped", "unreachable")


@dataclass(frozen=True)
class Patient:
    id: int
    clinic_id: int
    first_name: str | None
    chat_id: int | None
    status: str
    consented_at: datetime | None
    created_at: datetime
    # How logs name this patient: random, never the chat id; None once forgotten.
    pseudonym: str | None = None


@dataclass(frozen=True)
class RosterLine:
    patient: Patient
    session: Session | None


def new_pseudonym() -> str:
    """10 random hex characters from `secrets`: unrelated to anything else about the patient."""
    return secrets.token_hex(5)


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in values)


class Patients(Table[Patient]):
    row_type = Patient

    def add(self, *, clinic_id: int, first_name: str, now: datetime) -> Patient:
        new_id = self._insert_id(
            "INSERT INTO patients (clinic_id, first_name, created_at, pseudonym)"
            " VALUES (?, ?, ?, ?)",
            [clinic_id, first_name, iso(now), new_pseudonym()],
        )
        return self.get(new_id)

    def get(self, patient_id: int) -> Patient | None:
        return self._one("SELECT * FROM patients WHERE id = ?", [patient_id])

    def by_chat(self, chat_id: int) -> Patient | None:
        """The patient this chat talks as (the newest linked one), or None.

        Linked means invited (link opened, no answer yet), active, stopped or unreachable;
        check `status` before sending anything.
        """
        found = self.all_by_chat(chat_id)
        return found[0] if found else None

    def all_by_chat(self, chat_id: int, statuses: tuple[str, ...] = LINKED) -> list[Patient]:
        """Every patient row of this chat in one of `statuses` (linked ones by default),
        newest first (one per clinic, as a rule)."""
        return self._all(
            f"SELECT * FROM patients WHERE chat_id = ? AND status IN ({_marks(statuses)})"
            " ORDER BY id DESC",
            [chat_id, *statuses],
        )

    def consented_by_chat(self, chat_id: int) -> list[Patient]:
        """Every row of this chat that agreed to messages (active, stopped or unreachable),
        newest first: one per clinic the person is a patient of."""
        return self.all_by_chat(chat_id, RETURNING)

    def has_unreachable(self, chat_id: int) -> bool:
        """Whether a row of this chat is marked unreachable (blocked, or its chat was gone)."""
        row = self.db.execute(
            "SELECT 1 FROM patients WHERE chat_id = ? AND status = 'unreachable' LIMIT 1",
            [chat_id],
        ).fetchone()
        return row is not None

    def returning(self, *, chat_id: int, clinic_id: int, exclude: int) -> Patient | None:
        """An earlier patient row of this chat at this clinic that a new session should join."""
        return self._one(
            "SELECT * FROM patients WHERE chat_id = ? AND clinic_id = ? AND id != ?"
            f" AND status IN ({_marks(RETURNING)}) ORDER BY id DESC LIMIT 1",
            [chat_id, clinic_id, exclude, *RETURNING],
        )

    def link_chat(self, patient_id: int, chat_id: int) -> None:
        self.db.execute("UPDATE patients SET chat_id = ? WHERE id = ?", [chat_id, patient_id])

    def set_status(self, patient_id: int, status: str, *, consented_at: datetime | None = None):
        if consented_at is None:
            self.db.execute("UPDATE patients SET status = ? WHERE id = ?", [status, patient_id])
        else:
            self.db.execute(
                "UPDATE patients SET status = ?, consented_at = ? WHERE id = ?",
                [status, iso(consented_at), patient_id],
            )

    def fold_into(self, placeholder_id: int, patient_id: int) -> None:
        """Move a just-enrolled row's sessions and events to the patient's existing row."""
        with self.db.atomic():
            for table in ("sessions", "events"):
                self.db.execute(
                    f"UPDATE {table} SET patient_id = ? WHERE patient_id = ?",
                    [patient_id, placeholder_id],
                )
            self.db.execute("DELETE FROM patients WHERE id = ?", [placeholder_id])

    def roster(self, clinic_id: int, *, limit: int = 30) -> list[RosterLine]:
        """The clinic's patients, newest first, each with their latest session."""
        rows = self.db.query(
            "SELECT p.*, s.id AS s_id, s.patient_id AS s_patient_id, s.clinic_id AS s_clinic_id,"
            " s.session_at AS s_session_at, s.session_number AS s_session_number,"
            " s.series_length AS s_series_length, s.booked_at AS s_booked_at"
            " FROM patients p LEFT JOIN sessions s ON s.id = (SELECT id FROM sessions"
            "  WHERE patient_id = p.id ORDER BY session_at DESC, id DESC LIMIT 1)"
            " WHERE p.clinic_id = ? AND p.status != 'forgotten' ORDER BY p.id DESC LIMIT ?",
            [clinic_id, limit],
        )
        return [
            RosterLine(
                self._read(row),
                None if row["s_id"] is None else from_row(Session, row, prefix="s_"),
            )
            for row in rows
        ]

    def count(self, clinic_id: int) -> int:
        return self.db.execute(
            "SELECT count(*) FROM patients WHERE clinic_id = ? AND status != 'forgotten'",
            [clinic_id],
        ).fetchone()[0]

    def ids_of_chat(self, chat_id: int) -> list[int]:
        """Every patient row that still names this chat, whatever its status."""
        return [
            row[0]
            for row in self.db.execute(
                "SELECT id FROM patients WHERE chat_id = ? ORDER BY id", [chat_id]
            )
        ]

    def cancel(self, patient_id: int, now: datetime) -> None:
        """The clinic ends a patient's messages: unsent ones are cancelled, open links expire."""
        with self.db.atomic():
            self.db.execute("UPDATE patients SET status = 'cancelled' WHERE id = ?", [patient_id])
            self.db.execute(
                "UPDATE deliveries SET status = 'cancelled' WHERE patient_id = ?"
                " AND status IN ('pending', 'muted')",
                [patient_id],
            )
            self.db.execute(
                "UPDATE invites SET expires_at = ? WHERE used_at IS NULL AND expires_at > ?"
                " AND session_id IN (SELECT id FROM sessions WHERE patient_id = ?)",
                [iso(now), iso(now), patient_id],
            )

    def erase(self, patient_id: int, now: datetime) -> None:
        """Forget a patient: name, chat, pseudonym, their words (and staff answers and notes
        about them), unsent messages, the clinic's booking references. Ids and counters stay;
        the staff alerts that carried their name and words are queued for editing
        (`alert_redactions`), by message id only.

        The one place that reaches into other tables, so that forgetting lands whole.
        """
        escalations = "SELECT id FROM escalations WHERE patient_id = ?"
        with self.db.atomic():
            self.db.execute(
                "UPDATE patients SET first_name = NULL, chat_id = NULL, pseudonym = NULL,"
                " status = 'forgotten' WHERE id = ?",
                [patient_id],
            )
            self.db.execute(
                "INSERT INTO alert_redactions (chat_id, message_id, queued_at)"
                f" SELECT chat_id, message_id, ? FROM escalation_forwards"
                f" WHERE escalation_id IN ({escalations}) ON CONFLICT DO NOTHING",
                [iso(now), patient_id],
            )
            self.db.execute("UPDATE sessions SET ref = NULL WHERE patient_id = ?", [patient_id])
            self.db.execute(
                f"UPDATE staff SET replying_to = NULL WHERE replying_to IN ({escalations})",
                [patient_id],
            )
            self.db.execute(
                f"DELETE FROM escalation_forwards WHERE escalation_id IN ({escalations})",
                [patient_id],
            )
            self.db.execute(
                "UPDATE escalations SET question = NULL, photo_file_id = NULL, answer = NULL,"
                " close_note = NULL, next_raise_at = NULL WHERE patient_id = ?",
                [patient_id],
            )
            self.db.execute(
                "DELETE FROM deliveries WHERE patient_id = ?"
                " AND status IN ('pending', 'sending', 'muted')",
                [patient_id],
            )
            self.db.execute(
                "UPDATE deliveries SET rendered_text = NULL, error = NULL WHERE patient_id = ?",
                [patient_id],
            )
            self.db.execute(
                "UPDATE invites SET used_by = NULL"
                " WHERE session_id IN (SELECT id FROM sessions WHERE patient_id = ?)",
                [patient_id],
            )
            self.db.execute(
                "DELETE FROM consent_prompts WHERE token IN (SELECT token FROM invites"
                " WHERE session_id IN (SELECT id FROM sessions WHERE patient_id = ?))",
                [patient_id],
            )
