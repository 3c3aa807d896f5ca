"""Fixtures the delivery tests share: a real SQLite store in `tmp_path` with one clinic."""

from __future__ import annotations

import pytest

from bot.store import Store
from tests.delivery_fixtures import add_clinic


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "outbox.db")
    yield store
    store.close()


@pytest.fixture
def clinic(store):
    return add_clinic(store)
