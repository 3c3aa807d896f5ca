"""Shared set-up for the enrollment and escalation tests: a real SQLite store and a clinic."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import ManualClock
from bot.people.enroll_input import EnrollRequest
from bot.people.enrollment import enroll
from bot.services import Services
from bot.settings import Settings
from bot.store import Store

NOW = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
BOT = "AftercareTestBot"


def make_services(path=":memory:", now: datetime = NOW) -> Services:
    store = Store.open(path)
    return Services(settings=Settings(), store=store, clock=ManualClock(now), bot_username=BOT)


def add_clinic(store: Store, name: str = "Glow Clinic", timezone: str = "Europe/London"):
    return store.clinics.add(name=name, phone="+44 20 7946 0000", timezone=timezone, now=NOW)


def enroll_patient(store: Store, clinic_id: int, first_name: str = "Amira", now: datetime = NOW):
    return enroll(store, clinic_id=clinic_id, request=EnrollRequest(first_name, now), now=now)


def all_values(store: Store) -> list[object]:
    """Every value in every table: for proving something is gone from the database."""
    values: list[object] = []
    for table in store.db.table_names():
        for row in store.db.query(f"SELECT * FROM [{table}]"):
            values.extend(row.values())
    return values
