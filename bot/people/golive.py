"""The go-live review: before a new clinic's first patient, an admin sees the timeline as
patients will get it and the passages the FAQ may quote, then approves (or switches passages
off first). Until then no patient can be enrolled, from Telegram or the command line.

The product does not judge the documents' advice: the clinic does, knowingly. Clinics that
existed before the review count as approved (migration m005).
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.people import stats
from bot.store import Store
from bot.store.clinics import Clinic
from bot.wording.staff import review

log = logging.getLogger(__name__)


def missing(clinic: Clinic) -> str | None:
    """What stops the clinic enrolling a patient, worded for staff in Telegram; None if live."""
    return None if clinic.approved_at is not None else review.not_live(clinic.name)


def missing_for_cli(clinic: Clinic) -> str | None:
    """The same, worded for the operator at the command line."""
    return None if clinic.approved_at is not None else review.not_live_cli(clinic.id, clinic.name)


def approve(store: Store, clinic: Clinic, *, author: str, now: datetime) -> str:
    """Record the review as approved by `author` ("staff:<chat id>" or "cli"); returns what to
    say. Approving twice changes nothing."""
    with store.db.atomic():
        if not store.clinics.approve(clinic.id, author=author, now=now):
            return review.already_approved(clinic.name)
        audit = [("go_live_review", "not approved", "approved")]
        store.clinic_changes.record(clinic.id, audit, author=author, now=now)
        store.events.record(stats.GO_LIVE_APPROVED, now=now, clinic_id=clinic.id)
    log.info("go_live_approved clinic=%s by=%s", clinic.id, author.split(":")[0])
    return review.approved(clinic.name)
