"""The store tests run on both databases: `store` and `db` here sit on the `database`
fixture (a new SQLite file, or a new PostgreSQL database when AFTERCARE_TEST_POSTGRES is set).
Modules about SQLite alone (backups, file locks, its migrations) are marked `sqlite_only`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.store import Store
from bot.store.worker import StoreThread


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    store = Store.open(database)
    yield store
    store.close()


@pytest.fixture
def db(store: Store, database: str) -> Iterator[StoreThread]:
    """The `store` fixture's database on a store thread, as the running bot reaches it."""
    db = StoreThread.open(database)
    yield db
    db.close()
