"""Staff drafts: a chat's unsaved /edit or /faq add, one per chat, kept across restarts.

kind: edit | faq | learn; stage: text | question | answer | confirm. A `learn` draft turns the
staff answer to escalation `escalation_id` into a clinic FAQ entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from bot.store.timefmt import iso, parse


@dataclass(frozen=True)
class DraftRow:
    chat_id: int
    clinic_id: int
    kind: str
    stage: str
    step_id: str
    question: str
    text: str
    nonce: str
    updated_at: datetime
    escalation_id: int | None = None


class Drafts:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, chat_id: int) -> DraftRow | None:
        rows = list(self.db.query("SELECT * FROM drafts WHERE chat_id = ?", [chat_id]))
        if not rows:
            return None
        row = rows[0]
        return DraftRow(**{**row, "updated_at": parse(row["updated_at"])})

    def put(self, draft: DraftRow) -> None:
        """Store the chat's draft, replacing the one it had."""
        self.db.execute(
            "INSERT INTO drafts (chat_id, clinic_id, kind, stage, step_id, question,"
            " text, nonce, updated_at, escalation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (chat_id) DO UPDATE SET clinic_id = excluded.clinic_id,"
            " kind = excluded.kind, stage = excluded.stage, step_id = excluded.step_id,"
            " question = excluded.question, text = excluded.text, nonce = excluded.nonce,"
            " updated_at = excluded.updated_at, escalation_id = excluded.escalation_id",
            [
                draft.chat_id, draft.clinic_id, draft.kind, draft.stage, draft.step_id,
                draft.question, draft.text, draft.nonce, iso(draft.updated_at),
                draft.escalation_id,
            ],
        )  # fmt: skip

    def delete(self, chat_id: int) -> bool:
        """Drop the chat's draft; True if it had one."""
        return self.db.execute("DELETE FROM drafts WHERE chat_id = ?", [chat_id]).rowcount == 1
