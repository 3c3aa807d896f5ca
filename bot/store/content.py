"""A clinic's own wording of timeline steps: numbered versions, the newest not reverted wins.

Old versions are kept (reverting only marks them), so the audit trail of what a clinic said
and who wrote it survives every change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.store.rows import Versioned, from_row
from bot.store.timefmt import iso

if TYPE_CHECKING:  # content.message pulls in the seed checks; the store should open without them
    from content.message import ClinicOverride


def author_of(chat_id: int | None) -> str:
    """How an override names its author: the staff chat's id, never a person's name."""
    return "" if chat_id is None else f"staff:{chat_id}"


def author_chat(author: str) -> int | None:
    """The staff chat id inside an `author_of` string, or None."""
    prefix, _, rest = author.partition(":")
    return int(rest) if prefix == "staff" and rest.lstrip("-").isdigit() else None


@dataclass(frozen=True)
class StepVersion:
    """One saved version of a clinic's wording of a step, as its history shows it."""

    version: int
    text: str
    author_chat_id: int | None
    created_at: datetime
    reverted_at: datetime | None  # when the clinic went back to the default after it
    restored: int | None  # the earlier version this one brought back, if any


class ContentOverrides(Versioned["ClinicOverride"]):
    table = "content_overrides"

    def _read(self, row: Mapping[str, Any]) -> ClinicOverride:
        from content.message import ClinicOverride

        author = author_of(row["author_chat_id"])
        return from_row(ClinicOverride, row, text=row["template"], author=author)

    def save(
        self,
        clinic_id: int,
        step_id: str,
        text: str,
        author_chat_id: int | None,
        now: datetime,
        *,
        restored: int | None = None,
    ) -> ClinicOverride:
        """Store `text` as the clinic's newest version of the step (previous highest + 1);
        `restored` names the earlier version it brings back."""
        with self.db.atomic():
            version = self._next_version("clinic_id = ? AND step_id = ?", [clinic_id, step_id])
            self.db.execute(
                "INSERT INTO content_overrides (clinic_id, step_id, version, template,"
                " author_chat_id, created_at, restored) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [clinic_id, step_id, version, text, author_chat_id, iso(now), restored],
            )
        return self.active(clinic_id, step_id)

    def active(self, clinic_id: int, step_id: str) -> ClinicOverride | None:
        """The wording the clinic uses now for this step, or None for the default."""
        where = "clinic_id = ? AND step_id = ? AND reverted_at IS NULL"
        return self._newest(where, [clinic_id, step_id])

    def active_for_clinic(self, clinic_id: int) -> dict[str, ClinicOverride]:
        """Every step the clinic has its own wording for, by step id."""
        return self._newest_each("step_id", "clinic_id = ? AND reverted_at IS NULL", [clinic_id])

    def revert(self, clinic_id: int, step_id: str, now: datetime) -> bool:
        """Back to the default wording; False when the clinic was already using it."""
        return self._stamp(
            "reverted_at", now, "clinic_id = ? AND step_id = ?", [clinic_id, step_id]
        )

    def history(self, clinic_id: int, step_id: str) -> list[ClinicOverride]:
        """Every version the clinic saved for the step, oldest first, reverted ones included."""
        return self._versions("clinic_id = ? AND step_id = ?", [clinic_id, step_id])

    def versions(self, clinic_id: int, step_id: str) -> list[StepVersion]:
        """Every version with when the clinic went back to the default after it, oldest first."""
        rows = self.db.query(
            "SELECT * FROM content_overrides WHERE clinic_id = ? AND step_id = ? ORDER BY version",
            [clinic_id, step_id],
        )
        return [from_row(StepVersion, row, text=row["template"]) for row in rows]
