"""Outbox claims between processes, on both databases: two connections claiming at once never
take the same row. On PostgreSQL a claim passes over rows another transaction is claiming
(`FOR UPDATE ... SKIP LOCKED`) instead of waiting for it or taking them too."""

from __future__ import annotations

import threading

import pytest

from bot.store import Store
from tests.delivery_fixtures import MONDAY_9AM, Step, add_clinic, enroll

CHATS = 40  # one due row each: a claim takes at most one row per chat


def _due_rows(store: Store) -> set[int]:
    clinic = add_clinic(store)
    for chat in range(CHATS):
        enroll(store, clinic, 5000 + chat, [Step("serum", MONDAY_9AM)])
    return {
        id_ for (id_,) in store.db.execute("SELECT id FROM deliveries WHERE status = 'pending'")
    }


def test_two_connections_claiming_at_once_never_take_the_same_row(store, database):
    due = _due_rows(store)
    assert len(due) == CHATS
    other = Store.open(database)
    start = threading.Barrier(2)
    taken: dict[str, list[int]] = {"a": [], "b": []}

    def claim(each: Store, owner: str) -> None:
        start.wait()
        while rows := each.deliveries.claim_due(MONDAY_9AM, 3, owner=owner, lease_until=1e12):
            taken[owner].extend(row.id for row in rows)

    threads = [
        threading.Thread(target=claim, args=(each, owner))
        for each, owner in ((store, "a"), (other, "b"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    other.close()
    claimed = taken["a"] + taken["b"]
    assert len(claimed) == len(set(claimed)), "a row was claimed twice"
    assert set(claimed) == due


@pytest.mark.postgres_only
def test_a_claim_passes_over_rows_another_transaction_is_claiming(store, database):
    due = _due_rows(store)
    other = Store.open(database)
    other.db.execute("SET lock_timeout = '5s'")  # waiting on a's rows would fail, not hang
    with store.db.atomic():  # a's claim stays uncommitted, its rows locked
        mine = store.deliveries.claim_due(MONDAY_9AM, 10, owner="a", lease_until=1e12)
        theirs = other.deliveries.claim_due(MONDAY_9AM, 10, owner="b", lease_until=1e12)
    other.close()
    assert len(mine) == len(theirs) == 10
    assert not {r.id for r in mine} & {r.id for r in theirs}
    assert {r.id for r in mine} | {r.id for r in theirs} <= due
