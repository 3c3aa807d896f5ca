"""Clinic staff: invites that expire, joining through one, roles, leaving and removal.

Each clinic has admins and staff. The invite `aftercare clinic add` prints makes its first
member an admin (so does any invite into a clinic with no admin left); admins invite others
as staff or admin, and remove them. A member may leave, except the clinic's last admin.
Removal is at once: the member gets no alert and no staff command from then on; the Telegram
edge also clears their command menu.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.people import links, stats
from bot.people.numbers import parse_number
from bot.people.outcomes import Refused, StaffJoined
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.invites import Invite
from bot.store.staff import ADMIN, STAFF, StaffMember
from bot.wording.patients import joining
from bot.wording.staff import members, team

log = logging.getLogger(__name__)

ROLES = (ADMIN, STAFF)


@dataclass(frozen=True)
class Removed:
    """A member taken off a clinic's team: `member.chat_id` loses its staff menu."""

    clinic: Clinic
    member: StaffMember


def invite_staff(store: Store, clinic_id: int, now: datetime, *, role: str = STAFF) -> Invite:
    """A single-use invite to the clinic's team as `role` (admin | staff), valid for
    `links.STAFF_INVITE_TTL`. LookupError for an unknown clinic, ValueError for a bad role."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, not {role!r}")
    if store.clinics.get(clinic_id) is None:
        raise LookupError(f"no clinic {clinic_id}")
    return store.invites.add(
        token=links.new_token(),
        kind="staff",
        clinic_id=clinic_id,
        now=now,
        expires_at=now + links.STAFF_INVITE_TTL,
        role=role,
    )


def join(
    store: Store, invite: Invite, chat_id: int, now: datetime, *, name: str = ""
) -> StaffJoined | Refused:
    """Join `chat_id` to the invite's clinic as the invite's role (admin when the clinic has
    none); a chat is staff at one clinic only. `name` is the Telegram first name, shown to the
    clinic's team in /staff."""
    clinic = store.clinics.get(invite.clinic_id)
    current = store.staff.clinic_of(chat_id)
    if current == clinic.id:
        return StaffJoined(clinic, already=True, admin=is_admin(store, chat_id))
    if current is not None:
        return Refused(team.OTHER_CLINIC)
    if invite.used_at is not None:
        return Refused(joining.LINK_USED)
    if invite.expired(now):
        return Refused(joining.LINK_EXPIRED)
    with store.db.atomic():
        if not store.invites.claim(invite.token, chat_id=chat_id, now=now):
            return Refused(joining.LINK_USED)
        admin = invite.role == ADMIN or store.staff.admin_count(clinic.id) == 0
        role = ADMIN if admin else STAFF
        store.staff.add(clinic_id=clinic.id, chat_id=chat_id, now=now, role=role, name=name[:64])
        store.events.record(stats.STAFF_JOINED, now=now, clinic_id=clinic.id)
    log.info("staff_role clinic=%s staff_chat=%s role=%s", clinic.id, chat_id, role)
    return StaffJoined(clinic, admin=admin)


def is_admin(store: Store, chat_id: int) -> bool:
    found = store.staff.member(chat_id)
    return found is not None and found.admin


def listing(store: Store, clinic: Clinic, *, viewer_chat_id: int | None = None) -> str:
    """/staff and `aftercare staff list`: the team with numbers, roles and join dates."""
    lines = [members.heading(clinic.name)]
    for member in store.staff.members(clinic.id):
        joined = f"{member.joined_at.astimezone(clinic.zone):%d %b %Y}"
        you = member.chat_id == viewer_chat_id
        lines.append(members.line(member.id, member.name, member.role, joined, member.chat_id, you))
    if len(lines) == 1:
        lines.append(members.NOBODY)
    return "\n".join(lines)


def remove(store: Store, clinic: Clinic, ref: str, *, by: str, now: datetime) -> Removed | Refused:
    """Take member number `ref` (as /staff shows it) off `clinic`'s team at once. `by` names
    who did it ("staff:<chat id>" or "cli"). Refused, changing nothing, for a number that is
    not on this team or for the clinic's last admin."""
    number = parse_number(ref, "member number", example="/staff remove 3")
    if isinstance(number, Refused):
        return number
    found = store.staff.get(number)
    if found is None or found.clinic_id != clinic.id or found.removed_at is not None:
        return Refused(members.no_such_member(ref[:20]))
    return _take_off(store, clinic, found, by=by, now=now, last_admin=members.LAST_ADMIN)


def leave(store: Store, chat_id: int, now: datetime) -> Removed | Refused:
    """`/leave`: the chat leaves its clinic's team, unless it is the last admin."""
    found = store.staff.member(chat_id)
    if found is None:
        return Refused(team.STAFF_ONLY)
    clinic = store.clinics.get(found.clinic_id)
    return _take_off(
        store, clinic, found, by=f"staff:{chat_id}", now=now, last_admin=members.LAST_ADMIN_LEAVE
    )


def _take_off(
    store: Store, clinic: Clinic, member: StaffMember, *, by: str, now: datetime, last_admin: str
) -> Removed | Refused:
    outcome = store.staff.remove(member.id, by=by, now=now)
    if outcome == "last_admin":
        return Refused(last_admin)
    if outcome == "gone":
        return Refused(members.no_such_member(str(member.id)))
    store.events.record(stats.STAFF_LEFT, now=now, clinic_id=clinic.id)
    log.info("staff_removed clinic=%s member=%s by=%s", clinic.id, member.id, by.split(":")[0])
    return Removed(clinic, member)
