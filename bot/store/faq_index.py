"""The FAQ's full-text index: SQLite FTS5 over already-analysed terms, ranked by bm25.

Texts are folded by `bot.faq.analyzer` before they are stored, so FTS5 sees plain terms
("redness", "painreliever") and the question is folded the same way; FTS5 then only has to
rank. The database lives in memory and is built once per process (a few milliseconds).
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

import sqlite_utils

# Phrasings are what a patient would ask; body is what answers it. A term that matches a
# phrasing says more about the question's intent than one buried in a long passage.
PHRASING_WEIGHT = 4.0
BODY_WEIGHT = 1.0


@dataclass(frozen=True)
class IndexedText:
    phrasings: list[str]  # analysed terms of the ways to ask (empty for passages)
    body: list[str]  # analysed terms of the answer or passage


class SearchIndex:
    def __init__(self, texts: list[IndexedText]):
        # One connection shared by the bot's threads; reads only, serialised by a lock.
        self._db = sqlite_utils.Database(sqlite3.connect(":memory:", check_same_thread=False))
        self._lock = threading.Lock()
        self._db["units"].insert_all(
            (
                {"id": i, "phrasings": " ".join(t.phrasings), "body": " ".join(t.body)}
                for i, t in enumerate(texts)
            ),
            pk="id",
        )
        self._db["units"].enable_fts(["phrasings", "body"], tokenize="unicode61")

    def search(self, terms: list[str], limit: int = 12) -> list[tuple[int, float]]:
        """(unit index, bm25 rank) for units sharing any of ``terms``; best (lowest) first."""
        if not terms:
            return []
        query = " OR ".join(f'"{t}"' for t in dict.fromkeys(terms) if t.isalnum())
        if not query:
            return []
        sql = (
            f"select rowid, bm25(units_fts, {PHRASING_WEIGHT}, {BODY_WEIGHT}) as rank "
            "from units_fts where units_fts match ? order by rank limit ?"
        )
        with self._lock:
            return [(row[0], row[1]) for row in self._db.execute(sql, [query, limit]).fetchall()]
