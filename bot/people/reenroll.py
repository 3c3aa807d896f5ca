"""Enrolling a row that may have been enrolled before (the same CSV run twice).

A row is the same as an earlier enrollment of the clinic when it has the same booking
reference (`ref`), or, without one, the same first name and session time. Such a row
enrolls nobody: a link nobody opened yet is issued again (the same link, valid for another
`PATIENT_LINK_TTL`), and a link already opened is reported with where the patient stands.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.people import links
from bot.people.enroll_input import EnrollRequest
from bot.people.enrollment import enroll
from bot.store import Store
from bot.store.invites import Invite
from bot.store.sessions import EarlierEnrollment

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RowOutcome:
    """`new`: enrolled now; `reissued`: enrolled before, its unused link issued again;
    `used`: enrolled before and the link was opened (no link: `status` says where the
    patient stands)."""

    kind: Literal["new", "reissued", "used"]
    patient_id: int
    status: str
    invite: Invite | None


def enroll_once(store: Store, *, clinic_id: int, request: EnrollRequest, now: datetime):
    """Enroll the request unless the clinic enrolled it before; returns a RowOutcome."""
    earlier = enrolled_before(store, clinic_id, request)
    if earlier is None:
        made = enroll(store, clinic_id=clinic_id, request=request, now=now)
        return RowOutcome("new", made.patient.id, made.patient.status, made.invite)
    if earlier.token is not None and not earlier.link_used and earlier.status == "invited":
        invite = store.invites.renew(earlier.token, expires_at=now + links.PATIENT_LINK_TTL)
        if invite is not None:
            log.info("patient_link_reissued clinic=%s session=%s", clinic_id, earlier.session_id)
            return RowOutcome("reissued", earlier.patient_id, earlier.status, invite)
    return RowOutcome("used", earlier.patient_id, earlier.status, None)


def enrolled_before(
    store: Store, clinic_id: int, request: EnrollRequest
) -> EarlierEnrollment | None:
    """The newest earlier enrollment this request repeats, if any."""
    found = store.sessions.enrolled_before(
        clinic_id, ref=request.ref, session_at=request.session_at
    )
    if request.ref is None:
        name = request.first_name.casefold()
        found = [e for e in found if (e.first_name or "").casefold() == name]
    return found[-1] if found else None
