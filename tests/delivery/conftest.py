"""Fixtures the delivery tests share: a real SQLite store in `tmp_path` with one clinic, and
the same database on a store thread (`db`), as the running bot reaches it."""

from __future__ import annotations

import pytest

from bot.store import Store
from bot.store.worker import StoreThread
from tests.delivery_fixtures import add_clinic


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "outbox.db")
    yield store
    store.close()


@pytest.fixture
def clinic(store):
    return add_clinic(store)


@pytest.fixture
def db(store, tmp_path):
    db = StoreThread.open(tmp_path / "outbox.db")
    yield db
    db.close()
