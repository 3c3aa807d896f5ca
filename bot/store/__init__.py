"""The store: every SQL statement of the bot lives in this package, one module per noun.

`Store.open` creates or migrates the schema (numbered migrations in `migrations.py`). The
connection runs in autocommit mode; a write of several statements goes inside
`db.atomic()` so it lands whole or not at all, and takes the write lock up front
(`connection.py`). The running bot reaches its store only through one thread
(`worker.StoreThread`), so the event loop never waits on the database.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from bot.store.clinics import Clinics
from bot.store.connection import BUSY_TIMEOUT, connect
from bot.store.content import ContentOverrides
from bot.store.deliveries import Deliveries
from bot.store.escalations import Escalations
from bot.store.events import Events
from bot.store.faq_entries import FaqEntries
from bot.store.invites import Invites
from bot.store.meta import Meta
from bot.store.migrations import migrations
from bot.store.passage_switches import PassageSwitches
from bot.store.patients import Patients
from bot.store.sessions import Sessions
from bot.store.staff import Staff


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.meta = Meta(db)
        self.clinics = Clinics(db)
        self.staff = Staff(db)
        self.invites = Invites(db)
        self.patients = Patients(db)
        self.sessions = Sessions(db)
        self.escalations = Escalations(db)
        self.events = Events(db)
        self.content = ContentOverrides(db)
        self.faq_entries = FaqEntries(db)
        self.passage_switches = PassageSwitches(db)
        self.deliveries = Deliveries(db)

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        busy_timeout: float = BUSY_TIMEOUT,
        check_same_thread: bool = False,
    ) -> Store:
        """Open (creating if needed) and migrate the database at `path` (":memory:" works).

        `busy_timeout`: seconds a statement waits for another connection's lock before
        sqlite3.OperationalError; `check_same_thread`: only this thread may use the store.
        """
        db = connect(path, busy_timeout=busy_timeout, check_same_thread=check_same_thread)
        migrations.apply(db)
        return cls(db)

    def close(self) -> None:
        self.db.close()
