"""Consent prompts: which chats opened which patient link and have not answered yet.

Opening a link binds nothing (staff checking a link, or a forwarded one, must not spend it);
the prompt only lets a typed "yes" answer it. Agreeing binds the link to the chat that agreed
(`invites.claim`) and closes every prompt for that link.
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from bot.store.timefmt import iso

# The newest prompt of a chat still open, for a link nobody has agreed to yet.
_OPEN = (
    "SELECT c.token FROM consent_prompts c JOIN invites i ON i.token = c.token"
    " WHERE c.chat_id = ? AND c.closed_at IS NULL AND i.used_at IS NULL"
    " ORDER BY c.opened_at DESC, c.rowid DESC LIMIT 1"
)


class ConsentPrompts:
    def __init__(self, db: Database) -> None:
        self.db = db

    def open(self, chat_id: int, token: str, now: datetime) -> None:
        """The chat was shown the consent question for `token` (again: it is open anew)."""
        self.db.execute(
            "INSERT INTO consent_prompts (chat_id, token, opened_at) VALUES (?, ?, ?)"
            " ON CONFLICT (chat_id, token) DO UPDATE SET opened_at = excluded.opened_at,"
            " closed_at = NULL",
            [chat_id, token, iso(now)],
        )

    def open_token(self, chat_id: int) -> str | None:
        """The link whose consent question this chat has open (the newest), or None."""
        row = self.db.execute(_OPEN, [chat_id]).fetchone()
        return None if row is None else row[0]

    def close(self, chat_id: int, token: str, now: datetime) -> None:
        """This chat answered `token`'s question (yes or no)."""
        self.db.execute(
            "UPDATE consent_prompts SET closed_at = ? WHERE chat_id = ? AND token = ?"
            " AND closed_at IS NULL",
            [iso(now), chat_id, token],
        )

    def close_link(self, token: str, now: datetime) -> None:
        """Someone agreed to `token`: no other chat's prompt for it stays open."""
        self.db.execute(
            "UPDATE consent_prompts SET closed_at = ? WHERE token = ? AND closed_at IS NULL",
            [iso(now), token],
        )

    def any_for_chat(self, chat_id: int) -> bool:
        """Whether this chat opened any patient link (answered or not)."""
        row = self.db.execute(
            "SELECT 1 FROM consent_prompts WHERE chat_id = ? LIMIT 1", [chat_id]
        ).fetchone()
        return row is not None

    def forget_chat(self, chat_id: int) -> int:
        """/forget: drop every prompt this chat opened; returns how many."""
        return self.db.execute("DELETE FROM consent_prompts WHERE chat_id = ?", [chat_id]).rowcount
