"""Retention: the words the bot keeps are blanked once they are older than the clinic's
retention period (AFTERCARE_RETENTION_DAYS, 90 days unless the clinic decides otherwise).

What goes: the text of each sent message, and an escalation's patient words, photo, staff
answer and closing note. What stays: every row, its outcome, times, ids and content version,
and the events, so /stats, the clinic's figures and exports are unchanged. A periodic job
(`bot.telegram.retention_jobs`) calls `prune_batch` until a batch comes back short, so no
single write holds the database for long.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.store import Store
from bot.store.worker import Db

log = logging.getLogger(__name__)

BATCH = 500  # rows blanked in one write


@dataclass(frozen=True)
class Pruned:
    """How many rows one pass blanked: sent messages' texts, and escalations' words."""

    texts: int = 0
    escalations: int = 0

    def __add__(self, other: Pruned) -> Pruned:
        return Pruned(self.texts + other.texts, self.escalations + other.escalations)


def cutoff(now: datetime, days: int) -> datetime:
    """Words written before this are past the retention period. ValueError for days < 1."""
    if days < 1:
        raise ValueError(f"a retention period is at least 1 day, not {days}")
    return now - timedelta(days=days)


def prune_batch(store: Store, now: datetime, days: int, limit: int = BATCH) -> Pruned:
    """Blank up to `limit` sent texts and `limit` escalations older than `days` days."""
    before = cutoff(now, days)
    return Pruned(
        store.retention.blank_sent_texts(before, limit),
        store.retention.blank_escalation_words(before, limit),
    )


def done(batch: Pruned, limit: int = BATCH) -> bool:
    """Whether a batch came back short: nothing old is left to blank."""
    return batch.texts < limit and batch.escalations < limit


async def prune(db: Db, now: datetime, days: int, *, limit: int = BATCH) -> Pruned:
    """Blank everything older than `days` days, `limit` rows a write on the store's thread
    (other work gets the thread between writes); returns the totals."""
    cutoff(now, days)  # a bad period raises before anything is written
    total = Pruned()
    while True:
        batch = await db(prune_batch, db.store, now, days, limit)
        total += batch
        if done(batch, limit):
            break
    if total.texts or total.escalations:
        log.info("retention_pruned texts=%s escalations=%s", total.texts, total.escalations)
    return total
