"""Shared by the delivery benchmarks: a clinic with many consented patients, their timelines
planned, the machine, and how the figures are printed.

Clinics, patient and session rows come from the test suite's builders (`tests.conftest`), so
a benchmark's data is shaped like a test's. Patients and sessions are bulk-inserted with
sqlite-utils' table API (a fixture, not timed); their deliveries go through the real planner
(`bot.delivery.plan.plan`, `bot.delivery.rules.schedule`).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sqlite3
import statistics
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test suite's builders

from bot.delivery.plan import PlannedStep, plan  # noqa: E402
from bot.store import Store  # noqa: E402
from bot.store.clinics import Clinic  # noqa: E402
from content.timeline import Timeline  # noqa: E402
from tests import conftest as builders  # noqa: E402
from tests.conftest import patient_row, session_row  # noqa: E402
from tests.delivery_fixtures import plan_session  # noqa: E402

# Monday 2 March 2026, GMT: London wall clock equals UTC.
EPOCH = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
FIRST_CHAT = 10_000_000


def machine() -> str:
    return (
        f"{datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} CPU (nproc), {platform.machine()}, "
        f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}"
    )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def add_clinic(store: Store, **settings) -> Clinic:
    """The benchmarks' clinic, "Bench Clinic", added at EPOCH unless `settings` say otherwise
    (the keywords of `tests.conftest.add_clinic`: window, booking_url, now)."""
    return builders.add_clinic(store, "Bench Clinic", **{"now": EPOCH, **settings})


def add_patients(
    store: Store, clinic: Clinic, count: int, session_at: Callable[[int], datetime]
) -> list[tuple[int, int, int]]:
    """`count` active patients with one session each, the i-th at `session_at(i)`;
    returns (patient, session, chat) ids."""
    first = (store.db.execute("SELECT coalesce(max(id), 0) FROM patients").fetchone()[0]) + 1
    ids = range(first, first + count)  # each patient's session has the patient's id
    chats = [FIRST_CHAT + n for n in ids]
    patients = (patient_row(clinic.id, chat, session_at(i)) for i, chat in enumerate(chats))
    sessions = (
        session_row(clinic.id, n, session_at(i), series_length=3) for i, n in enumerate(ids)
    )
    store.db.table("patients").insert_all(
        ({"id": n, **row} for n, row in zip(ids, patients, strict=True)), batch_size=5000
    )
    store.db.table("sessions").insert_all(
        ({"id": n, **row} for n, row in zip(ids, sessions, strict=True)), batch_size=5000
    )
    return [(n, n, chat) for n, chat in zip(ids, chats, strict=True)]


def plan_patient(
    store: Store,
    clinic: Clinic,
    timeline: Timeline,
    ids: tuple[int, int, int],
    session_at: datetime,
    now: datetime,
    **options,
) -> tuple[list[PlannedStep], int]:
    """Plan one patient's timeline (`ids` as `add_patients` gives them; `options` for
    `bot.delivery.plan.plan`, e.g. series_length) and write it; returns (steps, rows written)."""
    patient_id, session_id, _ = ids
    steps = plan(timeline, session_at=session_at, clinic=clinic, now=now, **options)
    return steps, plan_session(store, clinic, patient_id, session_id, steps, now)


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else 0


def planning_figures(patients: int, rows: int, seconds: float) -> dict:
    """The figures every delivery benchmark opens with: the machine, the load, planning time."""
    return {
        "machine": machine(),
        "patients": patients,
        "rows": rows,
        "plan_seconds": seconds,
        "plan_ms_per_patient": 1000 * seconds / patients,
    }


def lookup_figures(day: dict[str, list[float]]) -> dict[str, float]:
    """p50 and p99, in ms, of finding due work (`find`) and the next due time (`next_due`)."""
    return {
        f"{key}_p{q}_ms": 1000 * percentile(day[key], q)
        for key in ("find", "next_due")
        for q in (50, 99)
    }


def report(result: dict, json_path: Path | None) -> None:
    """Print the figures one a line (floats to 3 places); also write them to `json_path`."""
    for key, value in result.items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
    if json_path:
        json_path.write_text(json.dumps(result, indent=2))
