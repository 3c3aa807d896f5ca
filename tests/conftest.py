"""Shared fixtures and builders, defined once: a real SQLite store (sqlite-utils' `fresh_db`
style: a new file under `tmp_path` for every test, never a mock), a clinic, patients, the
services handlers see, and a started Bot API stand-in on a free local port.

Fixtures: `store`, `cli_db` (that store's file, for the command line), `services` (on that
store, a ManualClock at NOW), `clinic` (Glow Clinic, London, 09:00-20:00), `standin`; and,
for the whole session, the harness's bot paces chats at 20 ms, not a second (`pytest_configure`).

Builders, for tests that need more than one of a kind or values of their own: `make_services`,
`add_clinic`, `enroll_patient` (through enrollment: invited, with a link), `add_patient` and
`add_session` (rows as a consented patient has them), `patient_row` and `session_row` (those
rows, for bulk inserts), `all_values`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.people.enroll_input import EnrollRequest
from bot.people.enrollment import Enrollment, enroll
from bot.services import Services
from bot.settings import Settings
from bot.standin import harness
from bot.standin.botapi import BotAPIStandIn
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.timefmt import iso
from bot.store.worker import StoreThread
from tests import postgres
from tests.postgres import database, postgres_databases  # noqa: F401  (fixtures)

NOW = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # Monday 2 March 2026, 14:00 in London (GMT)
BOT = "AftercareTestBot"
PHONE = "+44 20 7946 0000"
HOURS = (time(9, 0), time(20, 0))
DB_FILE = "aftercare.db"
QUICK_PACE = 0.02  # seconds the harness's bot paces a chat in tests (Telegram: 1 s)


def pytest_report_header(config) -> str:
    return postgres.header()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    postgres.parametrize(metafunc)


def pytest_configure(config) -> None:
    # The harness's bot paces each chat at 20 ms instead of Telegram's second, so a
    # conversation of many messages does not take a second a message; set for the whole
    # session, so module-scoped bots (one bot serving a table of cases) get it too. Tests of
    # Telegram's limits pass the bot's own limiter (`build_rate_limiter()`) instead.
    harness.PACE = QUICK_PACE
    config.addinivalue_line(
        "markers", "sqlite_only: runs on SQLite alone (backups, file locks, SQLite migrations)"
    )
    config.addinivalue_line("markers", "postgres_only: runs on PostgreSQL alone (SKIP LOCKED)")


def pytest_terminal_summary(terminalreporter) -> None:
    terminalreporter.write_line(postgres.header())


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    store = Store.open(tmp_path / DB_FILE)
    yield store
    store.close()


@pytest.fixture
def db(store: Store, tmp_path) -> Iterator[StoreThread]:
    """The `store` fixture's database on a store thread, as the running bot reaches it."""
    db = StoreThread.open(tmp_path / DB_FILE)
    yield db
    db.close()


@pytest.fixture
def cli_db(tmp_path, monkeypatch) -> Path:
    """The `store` fixture's file, named by AFTERCARE_DB for the command line; the working
    folder is `tmp_path`, so no stray .env is read."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AFTERCARE_DB", str(tmp_path / DB_FILE))
    return tmp_path / DB_FILE


@pytest.fixture
def services(store: Store) -> Services:
    return make_services(store)


@pytest.fixture
def clinic(store: Store) -> Clinic:
    return add_clinic(store)


@pytest.fixture
async def standin() -> AsyncIterator[BotAPIStandIn]:
    async with BotAPIStandIn() as api:
        yield api


def make_services(store: Store | str | Path = ":memory:", now: datetime = NOW) -> Services:
    """What handlers see, on `store` (or a store opened at that path), default settings and a
    ManualClock at `now`."""
    if not isinstance(store, Store):
        store = Store.open(store)
    return Services(settings=Settings(), store=store, clock=ManualClock(now), bot_username=BOT)


def add_clinic(
    store: Store,
    name: str = "Glow Clinic",
    *,
    phone: str = PHONE,
    timezone: str = "Europe/London",
    window: tuple[time, time] = HOURS,
    booking_url: str = "",
    series_interval_days: int = 28,
    now: datetime = NOW,
    approved: bool = True,
) -> Clinic:
    """A clinic; `window` is its send window (start, end), in its local time. Test clinics
    are live (their go-live review approved) unless `approved` is False."""
    added = store.clinics.add(
        name=name,
        phone=phone,
        timezone=timezone,
        now=now,
        booking_url=booking_url,
        window_start=window[0],
        window_end=window[1],
        series_interval_days=series_interval_days,
    )
    if approved:
        store.clinics.approve(added.id, author="fixture", now=now)
    return store.clinics.get(added.id)


def enroll_patient(
    store: Store, clinic_id: int, first_name: str = "Amira", now: datetime = NOW, **request: Any
) -> Enrollment:
    """Enroll through the real path (patient, session at `now`, link); `request` takes the
    EnrollRequest's session_number and series_length."""
    made = EnrollRequest(first_name, now, **request)
    return enroll(store, clinic_id=clinic_id, request=made, now=now)


def patient_row(clinic_id: int, chat_id: int, at: datetime, status: str = "active") -> dict:
    """A patients row of someone who opened their link from `chat_id` and agreed at `at`."""
    return {
        "clinic_id": clinic_id,
        "first_name": "Pat",
        "chat_id": chat_id,
        "status": status,
        "consented_at": iso(at),
        "created_at": iso(at),
    }


def session_row(clinic_id: int, patient_id: int, at: datetime, **extra: Any) -> dict:
    """A sessions row for a session at `at`; `extra` sets other columns (series_length...)."""
    return {
        "patient_id": patient_id,
        "clinic_id": clinic_id,
        "session_at": iso(at),
        "created_at": iso(at),
        **extra,
    }


def add_patient(
    store: Store, clinic: Clinic, chat_id: int, *, status: str = "active", now: datetime = NOW
) -> int:
    """A consented patient written as a row (enrollment owns the real path); returns its id."""
    return store.db.table("patients").insert(patient_row(clinic.id, chat_id, now, status)).last_pk


def add_session(store: Store, clinic: Clinic, patient_id: int, session_at: datetime) -> int:
    """A session of the patient at `session_at`, written as a row; returns its id."""
    return store.db.table("sessions").insert(session_row(clinic.id, patient_id, session_at)).last_pk


def all_values(store: Store) -> list[object]:
    """Every value in every table: for proving something is gone from the database."""
    values: list[object] = []
    for table in store.db.table_names():
        for row in store.db.query(f'SELECT * FROM "{table}"'):
            values.extend(row.values())
    return values
