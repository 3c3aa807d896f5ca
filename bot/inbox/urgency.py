"""When an urgent escalation nobody answers is raised again, and what the patient then hears.

Default: every `RAISE_EVERY` (10 minutes) after it opened, at most `MAX_RAISES` (3) times; at
the next turn after the last, the patient is told plainly to phone instead of waiting.
Questions (`unknown`) are never raised again: they wait in /inbox.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.faq.answer import urgent
from bot.faq.redflags import RedFlag
from bot.store.clinics import Clinic
from bot.store.escalations import Escalation
from bot.wording.patients import answers

RAISE_EVERY = timedelta(minutes=10)
MAX_RAISES = 3


def first_raise_at(clinic: Clinic, kind: str, now: datetime) -> datetime | None:
    """When an escalation opened `now` is raised again if nobody answers; None: never."""
    if kind != "urgent":
        return None
    return now + RAISE_EVERY


def what_to_do(clinic: Clinic, escalation: Escalation) -> str:
    """What a patient whose urgent message nobody answered is told: not to wait here, then the
    same call-now lines as their first reply (the emergency line first for airway signs)."""
    flag = RedFlag(escalation.category or "general", matched="")
    return f"{answers.no_answer_yet(clinic.name)}\n{urgent(flag, clinic).text}"
