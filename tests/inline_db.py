"""A `Db` (bot/store/worker.py) that runs each call on the caller's thread, in one transaction
as the store's thread does: for domain tests about what gets recorded, not about threads.
The store is real SQLite; tests about the thread itself use `StoreThread`."""

from __future__ import annotations

from bot.store import Store


class InlineDb:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def __call__(self, fn, /, *args, **kwargs):
        with self.store.db.atomic():
            return fn(*args, **kwargs)

    async def read(self, fn, /, *args, **kwargs):
        return fn(*args, **kwargs)
