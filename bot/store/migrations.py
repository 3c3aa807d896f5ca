"""Numbered schema migrations, applied at start-up by `Store.open`.

Add a new function at the end for every change; never edit one that has shipped. Times are
ISO-8601 UTC text of fixed width (`bot.store.timefmt.iso`), so text order is time order.
"""

from __future__ import annotations

import secrets

from sqlite_utils import Database, Migrations

from bot.store.replan import replan_unsent
from bot.store.schema_clinic_ops import CLINIC_OPS

migrations = Migrations("aftercare")


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE clinics (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            phone TEXT NOT NULL,
            timezone TEXT NOT NULL,
            booking_url TEXT NOT NULL DEFAULT '',
            window_start TEXT NOT NULL DEFAULT '09:00',
            window_end TEXT NOT NULL DEFAULT '20:00',
            series_interval_days INTEGER NOT NULL DEFAULT 28,
            created_at TEXT NOT NULL
        );

        CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            chat_id INTEGER NOT NULL,
            joined_at TEXT NOT NULL,
            UNIQUE (clinic_id, chat_id)
        );

        -- Single-use deep-link payloads. Tokens come from `secrets`.
        CREATE TABLE invites (
            token TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('staff', 'patient')),
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            session_id INTEGER REFERENCES sessions(id),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT,
            used_by INTEGER
        );

        -- status: invited | active | declined | stopped | unreachable | cancelled | forgotten
        CREATE TABLE patients (
            id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            first_name TEXT,
            chat_id INTEGER,
            status TEXT NOT NULL DEFAULT 'invited',
            consented_at TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX patients_chat ON patients (chat_id);

        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            session_at TEXT NOT NULL,
            session_number INTEGER NOT NULL DEFAULT 1,
            series_length INTEGER,
            booked_at TEXT,
            created_at TEXT NOT NULL
        );

        -- The outbox: one row per patient, session and step. The row is the schedule.
        -- status: pending | sending | sent | failed | expired | cancelled | muted
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            step_id TEXT NOT NULL,
            group_name TEXT NOT NULL DEFAULT '',
            due_at TEXT NOT NULL,
            expires_at TEXT,
            status TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            claimed_at TEXT,
            sent_at TEXT,
            message_id INTEGER,
            rendered_text TEXT,
            content_version TEXT,
            error TEXT,
            UNIQUE (session_id, step_id)
        );
        CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
        CREATE INDEX deliveries_patient ON deliveries (patient_id, status);

        -- A clinic's wording of a timeline step; the newest row not reverted wins.
        CREATE TABLE content_overrides (
            id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            step_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            template TEXT NOT NULL,
            author_chat_id INTEGER,
            created_at TEXT NOT NULL,
            reverted_at TEXT,
            UNIQUE (clinic_id, step_id, version)
        );

        -- kind: urgent | unknown; status: open | replied | closed
        CREATE TABLE escalations (
            id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            kind TEXT NOT NULL,
            category TEXT,
            question TEXT,
            status TEXT NOT NULL DEFAULT 'open',
            created_at TEXT NOT NULL,
            replied_at TEXT,
            replied_by INTEGER
        );

        -- Entries written by a clinic (not from the guide); shown as the clinic's words.
        CREATE TABLE faq_entries (
            id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            author_chat_id INTEGER,
            created_at TEXT NOT NULL,
            deleted_at TEXT
        );

        -- Counters for /stats and an audit trail: ids and event names only, never text.
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            clinic_id INTEGER,
            patient_id INTEGER,
            name TEXT NOT NULL
        );
        CREATE INDEX events_clinic ON events (clinic_id, name);
        """
    )


@migrations()
def m002_escalation_replies(db: Database) -> None:
    # A staff member who tapped "Reply" has their next message relayed; the forwards table lets
    # a Telegram reply-to on a forwarded escalation find it again.
    db.execute("ALTER TABLE staff ADD COLUMN replying_to INTEGER REFERENCES escalations(id)")
    db.execute(
        """
        CREATE TABLE escalation_forwards (
            chat_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            escalation_id INTEGER NOT NULL REFERENCES escalations(id),
            PRIMARY KEY (chat_id, message_id)
        )
        """
    )
    db.execute("CREATE INDEX patients_clinic ON patients (clinic_id, status)")
    db.execute("CREATE INDEX sessions_patient ON sessions (patient_id)")
    db.execute("CREATE INDEX escalations_patient ON escalations (patient_id)")


@migrations()
def m003_delivery_dispatch(db: Database) -> None:
    # `immediate` lets the outbox re-check the send window at send time; the clinic index
    # serves /queue without scanning every clinic's outbox.
    db.executescript(
        """
        ALTER TABLE deliveries ADD COLUMN immediate INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX deliveries_clinic ON deliveries (clinic_id, status, next_attempt_at);
        """
    )


@migrations()
def m004_passage_switches(db: Database) -> None:
    # A clinic switching a passage of the guide off (or back on): one row per change, never
    # updated, so who did what and when stays on record; the newest row per passage wins.
    db.executescript(
        """
        CREATE TABLE passage_switches (
            id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            passage_id TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('off', 'on')),
            version INTEGER NOT NULL,
            author TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (clinic_id, passage_id, version)
        );
        """
    )


@migrations()
def m005_patient_pseudonyms(db: Database) -> None:
    # Logs name a patient by this random pseudonym, never by chat id; /forget deletes it, so
    # old log lines can no longer be tied to the person.
    db.execute("ALTER TABLE patients ADD COLUMN pseudonym TEXT")
    db.execute("CREATE UNIQUE INDEX patients_pseudonym ON patients (pseudonym)")
    rows = db.execute("SELECT id FROM patients WHERE status != 'forgotten'").fetchall()
    for (patient_id,) in rows:
        pseudonym = secrets.token_hex(5)  # as bot.store.patients.new_pseudonym
        db.execute("UPDATE patients SET pseudonym = ? WHERE id = ?", [pseudonym, patient_id])


@migrations()
def m006_alert_redactions(db: Database) -> None:
    # Staff alerts still to be edited after their patient was forgotten: chat and message ids
    # only, with nothing that leads back to the escalation or the patient.
    db.execute(
        """
        CREATE TABLE alert_redactions (
            chat_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            queued_at TEXT NOT NULL,
            PRIMARY KEY (chat_id, message_id)
        )
        """
    )


@migrations()
def m007_session_refs(db: Database) -> None:
    # The clinic's own booking reference of a session (CSV column `ref`), so that enrolling
    # the same CSV again finds the rows already enrolled.
    db.execute("ALTER TABLE sessions ADD COLUMN ref TEXT")
    db.execute("CREATE INDEX sessions_ref ON sessions (clinic_id, ref)")


@migrations()
def m008_drafts(db: Database) -> None:
    # A staff chat's unsaved /edit or /faq add, kept across restarts (one per chat).
    db.execute(
        """
        CREATE TABLE drafts (
            chat_id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            kind TEXT NOT NULL,
            stage TEXT NOT NULL,
            step_id TEXT NOT NULL DEFAULT '',
            question TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            nonce TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )


@migrations()
def m009_calendar_days(db: Database) -> None:
    # "1d" meant 24 hours later in UTC; it now means the same local time on the next calendar
    # day in the clinic's zone (content/offset.py). Rows planned the old way and not yet sent
    # are re-planned with the planner's own rule.
    replan_unsent(db)


@migrations()
def m010_escalation_photos(db: Database) -> None:
    # A photo a patient sent reaches staff through its escalation. Only Telegram's file_id is
    # kept (never the image): staff alerts resend it, and /forget erases it with the words.
    db.execute("ALTER TABLE escalations ADD COLUMN photo_file_id TEXT")


@migrations()
def m011_clinic_ops(db: Database) -> None:
    # Roles, members kept when they leave, invites with a role, clinic settings and their
    # audit, go-live approval, restored wordings: the SQL and why in `schema_clinic_ops`.
    db.executescript(CLINIC_OPS)


@migrations()
def m012_delivery_leases(db: Database) -> None:
    # A claim names its process (`lease_owner`, bot/store/instance.py) and holds the row until
    # `lease_until` (Unix seconds, real time); a process gone, its claims go back. Only a row
    # whose send had started (`send_started_at`) may have reached the patient: it alone counts
    # an attempt and is sent again (bot/store/delivery_claims.py).
    db.executescript(
        """
        ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
        ALTER TABLE deliveries ADD COLUMN lease_until REAL;
        ALTER TABLE deliveries ADD COLUMN send_started_at TEXT;
        """
    )
