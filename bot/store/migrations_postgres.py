"""The PostgreSQL bodies of the numbered migrations (`migrations.py` holds the list and the
SQLite bodies), and the runner that applies them at start-up.

Every migration name of the list has an entry here: a body (SQL text, or a function of the
database) or None for a step the PostgreSQL baseline already contains. The baseline
(`schema_postgres.BASELINE`) is m001's body and creates today's whole schema, so on a new
PostgreSQL database m002 to m015 are recorded as applied without running anything. A
migration added later gets a body for each database. `schema_migrations` records what ran.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from bot.store.schema_instances import POSTGRES as SHARED_INSTANCES
from bot.store.schema_postgres import BASELINE
from bot.store.timefmt import iso

Body = str | Callable[..., None] | None

BODIES: dict[str, Body] = {
    "m001_initial": BASELINE,
    **{
        name: None  # in the baseline
        for name in (
            "m002_escalation_replies",
            "m003_delivery_dispatch",
            "m004_passage_switches",
            "m005_patient_pseudonyms",
            "m006_alert_redactions",
            "m007_session_refs",
            "m008_drafts",
            "m009_calendar_days",
            "m010_escalation_photos",
            "m011_clinic_ops",
            "m012_private_chats_and_consent_prompts",
            "m013_escalation_lifecycle",
            "m014_delivery_leases",
            "m015_fair_sending_and_retention",
        )
    },
    "m016_shared_instances": SHARED_INSTANCES,
}

# One migrating process at a time: a second instance starting waits, then finds all applied.
_LOCK_KEY = 0x61667463  # "aftc"


def apply(db, names: Sequence[str]) -> list[str]:
    """Apply the migrations among `names` (the list's order) not yet recorded, each in its
    own transaction under an advisory lock; returns the names applied. Raises KeyError for a
    name without a PostgreSQL entry (a migration added for SQLite only)."""
    missing = [name for name in names if name not in BODIES]
    if missing:
        raise KeyError(f"no PostgreSQL body for {', '.join(missing)}")
    applied: list[str] = []
    with db.atomic():
        db.execute("SET LOCAL lock_timeout = 0")  # a migration elsewhere is waited for
        db.execute("SELECT pg_advisory_xact_lock(?)", [_LOCK_KEY])
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations"
            " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {name for (name,) in db.execute("SELECT name FROM schema_migrations")}
        for name in names:
            if name in done:
                continue
            with db.atomic():
                body = BODIES[name]
                if isinstance(body, str):
                    db.executescript(body)
                elif body is not None:
                    body(db)
                db.execute(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                    [name, iso(datetime.now(UTC))],
                )
            applied.append(name)
    return applied
