"""Retention: what is blanked once it is older than the clinic's retention period.

Only words go: the text of each sent message (`deliveries.rendered_text`), and in an
escalation the patient's words and photo, the staff's answer and closing note (what /forget
erases there too). Rows, outcomes, times, ids, content versions and the events stay, so
statistics and exports keep working. Each call blanks at most
`limit` rows in one statement, so a first pass over years of rows never holds the write lock
for long; the connection's `secure_delete` zeroes the old text on disk.
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from bot.store.timefmt import iso


class Retention:
    """Blanking old words; a partial index on the rows that still hold text keeps each call
    from scanning rows blanked before."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def blank_sent_texts(self, before: datetime, limit: int) -> int:
        """Blank the text of up to `limit` messages sent before `before`; returns how many."""
        return self.db.execute(
            "UPDATE deliveries SET rendered_text = NULL WHERE id IN ("
            " SELECT id FROM deliveries WHERE sent_at < ? AND rendered_text IS NOT NULL"
            " LIMIT ?)",
            [iso(before), limit],
        ).rowcount

    def blank_escalation_words(self, before: datetime, limit: int) -> int:
        """Blank the words (and photo) of up to `limit` escalations opened before `before`;
        returns how many."""
        return self.db.execute(
            "UPDATE escalations SET question = NULL, photo_file_id = NULL, answer = NULL,"
            " close_note = NULL WHERE id IN (SELECT id FROM escalations WHERE created_at < ?"
            " AND coalesce(question, photo_file_id, answer, close_note) IS NOT NULL LIMIT ?)",
            [iso(before), limit],
        ).rowcount
