"""Who has an escalation: one member of the clinic's team takes it ("I'll take it", or by
starting to reply), and from then on the others are told it is theirs, so two people do not
answer one patient. A member who left the team lets go of what they had."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.people import stats
from bot.people.outcomes import Refused
from bot.store import Store
from bot.store.escalations import Escalation
from bot.wording.staff import alerts, inbox

log = logging.getLogger(__name__)


def member_name(store: Store, clinic_id: int, chat_id: int | None) -> str:
    """How the team knows a member of staff: the first name they joined with, else their
    number at the clinic (as /staff shows it)."""
    member = store.staff.at_clinic(clinic_id, chat_id) if chat_id is not None else None
    if member is None:
        return inbox.SOMEONE
    return member.name or inbox.member_number(member.id)


def clock_time(store: Store, escalation: Escalation, when: datetime) -> str:
    """`when` as HH:MM on the escalation's clinic's clock."""
    return f"{when.astimezone(store.clinics.get(escalation.clinic_id).zone):%H:%M}"


def holder(store: Store, escalation: Escalation) -> int | None:
    """The staff chat that has the escalation, if they are still on its clinic's team."""
    taker = escalation.taken_by
    if taker is None or store.staff.clinic_of(taker) != escalation.clinic_id:
        return None
    return taker


def held_by_other(store: Store, escalation: Escalation, staff_chat: int) -> Refused | None:
    """The refusal for a member who is not the one who has it, until its first answer; None
    when they may answer. Once the patient has an answer, anyone on the team may follow up
    (every alert says who answered)."""
    taker = holder(store, escalation)
    if taker is None or taker == staff_chat or escalation.answered:
        return None
    name = member_name(store, escalation.clinic_id, taker)
    return Refused(inbox.taken_by_other(name, clock_time(store, escalation, escalation.taken_at)))


def record(store: Store, name: str, escalation: Escalation, now: datetime) -> None:
    """Count event `name` (a `bot.people.stats` name) for the escalation's clinic and patient."""
    store.events.record(
        name, now=now, clinic_id=escalation.clinic_id, patient_id=escalation.patient_id
    )


def claim(
    store: Store, *, staff_chat: int, escalation_id: int, now: datetime
) -> tuple[Escalation, bool] | Refused:
    """Assign the escalation to this member unless another member of the team has it;
    returns it and whether it is newly theirs."""
    escalation = store.escalations.get(escalation_id)
    if escalation is None:
        return Refused(alerts.REPLY_GONE)
    if store.staff.clinic_of(staff_chat) != escalation.clinic_id:
        return Refused(alerts.REPLY_NOT_YOURS)
    if escalation.status == "closed":
        return Refused(inbox.ALREADY_CLOSED)
    refused = held_by_other(store, escalation, staff_chat)
    if refused:
        return refused
    if escalation.taken_by == staff_chat:
        return escalation, False
    with store.db.atomic():
        store.escalations.let_go(escalation.id)  # a member who left, if anyone
        store.escalations.take(escalation.id, by=staff_chat, now=now)
        record(store, stats.ESCALATION_TAKEN, escalation, now)
    log.info("escalation_taken escalation=%s staff_chat=%s", escalation.id, staff_chat)
    return store.escalations.get(escalation.id), True
