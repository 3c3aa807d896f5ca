"""When an urgent escalation nobody answers is raised again, and what the patient then hears.

Every `raise_after_minutes` of the clinic's settings (default 10) after it opened, at most
`MAX_RAISES` (3) times; at the next turn after the last, the patient is told plainly to phone
instead of waiting (the clinic, or while it is closed its out-of-hours number or the
urgent-care line). Questions (`unknown`) are never raised again: they wait in /inbox.

Out of the clinic's opening hours, an urgent escalation goes to the clinic's out-of-hours
contact when it has one: the patient's reply already gave them that number
(`bot.faq.answer.urgent`), the alert says so, and it is not raised again in the night. Without
one, it is raised as in opening hours: someone may be watching.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.faq.answer import urgent
from bot.faq.redflags import RedFlag
from bot.store.clinics import Clinic
from bot.store.escalations import Escalation
from bot.wording.patients import answers
from bot.wording.staff import inbox
from content import opening_hours

RAISE_EVERY = timedelta(minutes=10)  # the settings' default


def raise_every(clinic: Clinic) -> timedelta:
    """How long an urgent escalation at `clinic` waits between two raisings."""
    return timedelta(minutes=clinic.raise_after_minutes)


MAX_RAISES = 3


def closed(clinic: Clinic, at: datetime) -> bool:
    """Whether `at` is outside the clinic's opening hours (never, when it gave none)."""
    return opening_hours.is_closed(clinic.opening_hours, clinic.zone, at)


def with_out_of_hours_contact(clinic: Clinic, kind: str, at: datetime) -> bool:
    """An urgent escalation opened `at` goes to the clinic's out-of-hours contact."""
    return kind == "urgent" and bool(clinic.out_of_hours_phone) and closed(clinic, at)


def first_raise_at(clinic: Clinic, kind: str, now: datetime) -> datetime | None:
    """When an escalation opened `now` is raised again if nobody answers; None: never."""
    if kind != "urgent" or with_out_of_hours_contact(clinic, kind, now):
        return None
    return now + raise_every(clinic)


def out_of_hours_note(clinic: Clinic, escalation: Escalation) -> str:
    """The line under an alert that went to the out-of-hours contact; "" for any other."""
    if not with_out_of_hours_contact(clinic, escalation.kind, escalation.created_at):
        return ""
    return inbox.out_of_hours(clinic.out_of_hours_phone)


def what_to_do(clinic: Clinic, escalation: Escalation, now: datetime) -> str:
    """What a patient whose urgent message nobody answered is told at `now`: not to wait here,
    then the call-now lines of a first reply at that hour (the clinic, or while it is closed
    its out-of-hours number or the urgent-care line; the emergency line first for airway
    signs)."""
    flag = RedFlag(escalation.category or "general", matched="")
    lines = urgent(flag, clinic, closed=closed(clinic, now)).text
    return f"{answers.no_answer_yet(clinic.name)}\n{lines}"
