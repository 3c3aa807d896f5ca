"""Numbered schema migrations, applied at start-up by `Store.open`.

Add a new function at the end for every change; never edit one that has shipped. Times are
ISO-8601 UTC text of fixed width (`bot.store.timefmt.iso`), so text order is time order.
"""

from __future__ import annotations

import secrets

from sqlite_utils import Database, Migrations

from bot.store.replan import replan_unsent
from bot.store.schema_clinic_ops import CLINIC_OPS
from bot.store.schema_escalations import ESCALATION_LIFECYCLE
from bot.store.schema_initial import INITIAL
from bot.store.schema_instances import SQLITE as SHARED_INSTANCES
from bot.store.schema_leases import DELIVERY_LEASES
from bot.store.schema_private_chats import PRIVATE_CHATS

migrations = Migrations("aftercare")


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript(INITIAL)  # the SQL: `schema_initial`


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
def m012_private_chats_and_consent_prompts(db: Database) -> None:
    # A patient link is bound when the patient agrees, not when it is opened: an opened link
    # leaves a consent prompt for that chat. Links opened but not yet agreed to are unbound
    # here and keep their prompt (closed for those who declined), so they can still answer.
    # An escalation remembers the patient's message (an edit never escalates it twice). Groups
    # registered as staff or patient lose that and are told once (`group_chats`).
    db.executescript(PRIVATE_CHATS)


@migrations()
def m013_escalation_lifecycle(db: Database) -> None:
    db.executescript(ESCALATION_LIFECYCLE)  # the SQL and why: `schema_escalations`


@migrations()
def m014_delivery_leases(db: Database) -> None:
    db.executescript(DELIVERY_LEASES)  # the SQL and why: `schema_leases`


@migrations()
def m015_fair_sending_and_retention(db: Database) -> None:
    # Immediate steps (the serum message) are claimed before a backlog of day-N rows: a
    # partial index finds the few due ones without reading the backlog. Retention blanks the
    # text of old sent messages in batches: a partial index holds only rows that still have
    # text, so each batch reads no row blanked before.
    db.executescript(
        """
        CREATE INDEX deliveries_due_immediate ON deliveries (next_attempt_at)
            WHERE status = 'pending' AND immediate = 1;
        CREATE INDEX deliveries_kept_text ON deliveries (sent_at)
            WHERE rendered_text IS NOT NULL;
        """
    )


@migrations()
def m016_shared_instances(db: Database) -> None:
    db.executescript(SHARED_INSTANCES)  # PostgreSQL's instances share more: `schema_instances`
