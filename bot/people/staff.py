"""Clinic staff: invites that expire, and joining a clinic's staff through one."""

from __future__ import annotations

from datetime import datetime

from bot.people import links, stats
from bot.people.outcomes import Refused, StaffJoined
from bot.store import Store
from bot.store.invites import Invite
from bot.wording.patients import joining
from bot.wording.staff import team


def invite_staff(store: Store, clinic_id: int, now: datetime) -> Invite:
    """A single-use staff invite for the clinic, valid for `links.STAFF_INVITE_TTL`."""
    if store.clinics.get(clinic_id) is None:
        raise LookupError(f"no clinic {clinic_id}")
    return store.invites.add(
        token=links.new_token(),
        kind="staff",
        clinic_id=clinic_id,
        now=now,
        expires_at=now + links.STAFF_INVITE_TTL,
    )


def join(store: Store, invite: Invite, chat_id: int, now: datetime) -> StaffJoined | Refused:
    """Join `chat_id` to the invite's clinic; a chat is staff at one clinic only."""
    clinic = store.clinics.get(invite.clinic_id)
    current = store.staff.clinic_of(chat_id)
    if current == clinic.id:
        return StaffJoined(clinic, already=True)
    if current is not None:
        return Refused(team.OTHER_CLINIC)
    if invite.used_at is not None:
        return Refused(joining.LINK_USED)
    if invite.expired(now):
        return Refused(joining.LINK_EXPIRED)
    with store.db.atomic():
        if not store.invites.claim(invite.token, chat_id=chat_id, now=now):
            return Refused(joining.LINK_USED)
        store.staff.add(clinic_id=clinic.id, chat_id=chat_id, now=now)
        store.events.record(stats.STAFF_JOINED, now=now, clinic_id=clinic.id)
    return StaffJoined(clinic)
