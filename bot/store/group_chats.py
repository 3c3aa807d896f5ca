"""Group chats: the bot works in private chats only, and tells each group so once.

`revoked` says what a group was before that rule (`staff` or `patient`, set by migration
m012), so its one notice can say what it lost; `told_at` is when the group was told.
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from bot.store.timefmt import iso


class GroupChats:
    def __init__(self, db: Database) -> None:
        self.db = db

    def untold(self, chat_id: int) -> tuple[bool, str | None]:
        """(whether this group still has to be told, what it lost: "staff", "patient" or None).

        A group never seen before is remembered here, untold.
        """
        self.db.execute(
            "INSERT INTO group_chats (chat_id) VALUES (?) ON CONFLICT DO NOTHING",
            [chat_id],
        )
        told_at, revoked = self.db.execute(
            "SELECT told_at, revoked FROM group_chats WHERE chat_id = ?", [chat_id]
        ).fetchone()
        return told_at is None, revoked

    def revoked_untold(self) -> list[tuple[int, str]]:
        """(chat id, "staff" or "patient") of every revoked group not told yet."""
        return [
            (row[0], row[1])
            for row in self.db.execute(
                "SELECT chat_id, revoked FROM group_chats"
                " WHERE revoked IS NOT NULL AND told_at IS NULL ORDER BY chat_id"
            )
        ]

    def mark_told(self, chat_id: int, now: datetime) -> bool:
        """Record that the group was told; False if it already was (tell it only once)."""
        return (
            self.db.execute(
                "UPDATE group_chats SET told_at = ? WHERE chat_id = ? AND told_at IS NULL",
                [iso(now), chat_id],
            ).rowcount
            == 1
        )
