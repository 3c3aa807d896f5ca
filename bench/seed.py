"""Shared by the delivery benchmarks: a clinic with many consented patients, and the machine.

Patients and sessions are bulk-inserted with sqlite-utils' table API (a fixture, not timed);
their deliveries go through the real planner (`content.plan.plan`, `bot.deliveries.schedule`).
"""

from __future__ import annotations

import os
import platform
import resource
import sys
from datetime import UTC, datetime, time

from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.timefmt import iso

# Monday 2 March 2026, GMT: London wall clock equals UTC.
EPOCH = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
FIRST_CHAT = 10_000_000


def machine() -> str:
    return (
        f"{datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} CPU (nproc), {platform.machine()}, "
        f"Python {sys.version.split()[0]}, SQLite {__import__('sqlite3').sqlite_version}"
    )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def add_clinic(store: Store, window: tuple[time, time] = (time(9, 0), time(20, 0))) -> Clinic:
    """The benchmarks' clinic in London, sending between `window`'s two times."""
    return store.clinics.add(
        name="Bench Clinic",
        phone="+44 20 0000 0000",
        timezone="Europe/London",
        now=EPOCH,
        booking_url="https://clinic.example/book",
        window_start=window[0],
        window_end=window[1],
    )


def add_patients(
    store: Store, clinic: Clinic, count: int, session_at
) -> list[tuple[int, int, int]]:
    """`count` active patients with one session each; returns (patient, session, chat) ids."""
    patients = store.db.table("patients")
    sessions = store.db.table("sessions")
    first = (store.db.execute("SELECT coalesce(max(id), 0) FROM patients").fetchone()[0]) + 1
    chats = [FIRST_CHAT + first + i for i in range(count)]
    patients.insert_all(
        (
            {
                "id": first + i,
                "clinic_id": clinic.id,
                "first_name": "Pat",
                "chat_id": chats[i],
                "status": "active",
                "consented_at": iso(session_at(i)),
                "created_at": iso(session_at(i)),
            }
            for i in range(count)
        ),
        batch_size=5000,
    )
    sessions.insert_all(
        (
            {
                "id": first + i,
                "patient_id": first + i,
                "clinic_id": clinic.id,
                "session_at": iso(session_at(i)),
                "session_number": 1,
                "series_length": 3,
                "created_at": iso(session_at(i)),
            }
            for i in range(count)
        ),
        batch_size=5000,
    )
    return [(first + i, first + i, chats[i]) for i in range(count)]
