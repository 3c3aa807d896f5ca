"""Clinic staff: Telegram chats that enroll patients and receive escalations, with their role.

A member is an admin or staff. Leaving or being removed keeps the row (`removed_at`), so the
escalations and wording they handled keep their author; every lookup here counts only
members still on the team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.rows import Table
from bot.store.timefmt import iso

ADMIN, STAFF = "admin", "staff"
_ACTIVE = "removed_at IS NULL"


@dataclass(frozen=True)
class StaffMember:
    id: int  # the number /staff shows
    clinic_id: int
    chat_id: int
    role: str  # admin | staff
    name: str  # the Telegram first name given when joining; "" if none
    joined_at: datetime
    removed_at: datetime | None = None

    @property
    def admin(self) -> bool:
        return self.role == ADMIN


class Staff(Table[StaffMember]):
    row_type = StaffMember
    table = "staff"

    def add(
        self, *, clinic_id: int, chat_id: int, now: datetime, role: str = STAFF, name: str = ""
    ) -> None:
        """Join `chat_id` to the clinic's staff as `role`; joining twice changes nothing, and
        someone who left or was removed comes back with the new role."""
        self.db.execute(
            "INSERT INTO staff (clinic_id, chat_id, joined_at, role, name) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (clinic_id, chat_id) DO UPDATE SET joined_at = excluded.joined_at,"
            " role = excluded.role, name = excluded.name, removed_at = NULL, removed_by = NULL,"
            " menu_cleared_at = NULL, replying_to = NULL WHERE staff.removed_at IS NOT NULL",
            [clinic_id, chat_id, iso(now), role, name],
        )

    def member(self, chat_id: int) -> StaffMember | None:
        """The chat's membership on a team (the first it joined), or None for non-staff."""
        return self._one(
            f"SELECT * FROM staff WHERE chat_id = ? AND {_ACTIVE} ORDER BY id LIMIT 1", [chat_id]
        )

    def clinic_of(self, chat_id: int) -> int | None:
        """The clinic this chat is staff at (the first it joined), or None for non-staff."""
        found = self.member(chat_id)
        return None if found is None else found.clinic_id

    def get(self, member_id: int) -> StaffMember | None:
        return self._one("SELECT * FROM staff WHERE id = ?", [member_id])

    def members(self, clinic_id: int) -> list[StaffMember]:
        """The clinic's team now, in the order they joined."""
        return self._all(
            f"SELECT * FROM staff WHERE clinic_id = ? AND {_ACTIVE} ORDER BY id", [clinic_id]
        )

    def chats(self, clinic_id: int) -> list[int]:
        return [member.chat_id for member in self.members(clinic_id)]

    def at_clinic(self, clinic_id: int, chat_id: int) -> StaffMember | None:
        """The chat's membership of that clinic's team, also after they left; None if never."""
        return self._one(
            "SELECT * FROM staff WHERE clinic_id = ? AND chat_id = ?", [clinic_id, chat_id]
        )

    def count(self, clinic_id: int) -> int:
        return self.db.execute(
            f"SELECT count(*) FROM staff WHERE clinic_id = ? AND {_ACTIVE}", [clinic_id]
        ).fetchone()[0]

    def admin_count(self, clinic_id: int) -> int:
        return self.db.execute(
            f"SELECT count(*) FROM staff WHERE clinic_id = ? AND role = ? AND {_ACTIVE}",
            [clinic_id, ADMIN],
        ).fetchone()[0]

    def remove(self, member_id: int, *, by: str, now: datetime) -> str:
        """Take a member off the team at once: "removed", "last_admin" (the clinic's only
        admin stays, nothing changed) or "gone" (no such member on a team). `by` is who did
        it ("staff:<chat id>" or "cli")."""
        with self.db.atomic():
            found = self.get(member_id)
            if found is None or found.removed_at is not None:
                return "gone"
            if found.admin and self.admin_count(found.clinic_id) <= 1:
                return "last_admin"
            self.db.execute(
                "UPDATE staff SET removed_at = ?, removed_by = ?, replying_to = NULL WHERE id = ?",
                [iso(now), by, member_id],
            )
        return "removed"

    def menus_to_clear(self) -> list[int]:
        """Chats that left a team and may still show the staff command menu."""
        return [
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT chat_id FROM staff WHERE removed_at IS NOT NULL"
                " AND menu_cleared_at IS NULL AND chat_id NOT IN"
                f" (SELECT chat_id FROM staff WHERE {_ACTIVE})"
            )
        ]

    def menu_cleared(self, chat_id: int, now: datetime) -> None:
        self.db.execute(
            "UPDATE staff SET menu_cleared_at = ? WHERE chat_id = ? AND removed_at IS NOT NULL",
            [iso(now), chat_id],
        )

    def set_replying_to(self, chat_id: int, escalation_id: int | None) -> None:
        self.db.execute(
            f"UPDATE staff SET replying_to = ? WHERE chat_id = ? AND {_ACTIVE}",
            [escalation_id, chat_id],
        )

    def replying_to(self, chat_id: int) -> int | None:
        row = self.db.execute(
            "SELECT replying_to FROM staff WHERE chat_id = ? AND replying_to IS NOT NULL"
            f" AND {_ACTIVE} ORDER BY id LIMIT 1",
            [chat_id],
        ).fetchone()
        return None if row is None else row[0]
