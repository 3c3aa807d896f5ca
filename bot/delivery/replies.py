"""What patients and staff are told about the outbox: /next and /queue, from the stored rows.

The words are `bot.wording.patients.schedule` and `bot.wording.staff.roster`; times are shown
on the clinic's wall clock; staff see their own patients' first names (as in /patients), never
their words.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.deliveries import DeliveryRow
from bot.store.patients import Patient
from bot.wording.patients import schedule
from bot.wording.staff import roster

SHOWN_AHEAD = 5  # /next lists this many upcoming messages, then how many more


def local(when: datetime, clinic: Clinic) -> str:
    moment = when.astimezone(clinic.zone)
    return f"{moment:%a} {moment.day} {moment:%b} {moment:%H:%M}"


def next_messages(rows: list[DeliveryRow], clinic: Clinic, *, stopped: bool) -> str:
    """A patient's upcoming messages, as times on their clinic's clock."""
    if stopped:
        return schedule.PAUSED
    if not rows:
        return schedule.NOTHING_AHEAD
    times = [local(row.next_attempt_at, clinic) for row in rows[:SHOWN_AHEAD]]
    return schedule.upcoming(times, len(rows) - len(times))


def next_for(store: Store, patients: list[Patient]) -> str:
    """/next for a chat's agreed rows (one per clinic): every clinic's upcoming messages in one
    list, each time on its clinic's clock, named by clinic when there are several."""
    active = [p for p in patients if p.status == "active"]
    if not active:
        return schedule.PAUSED if patients else schedule.NOT_A_PATIENT
    clinics = {p.clinic_id: store.clinics.get(p.clinic_id) for p in active}
    rows = sorted(
        (row for p in active for row in store.deliveries.waiting_for_patient(p.id)),
        key=lambda row: (row.next_attempt_at, row.id),
    )
    if not rows:
        return schedule.NOTHING_AHEAD
    times = [
        local(row.next_attempt_at, clinics[row.clinic_id])
        + (f" ({clinics[row.clinic_id].name})" if len(clinics) > 1 else "")
        for row in rows[:SHOWN_AHEAD]
    ]
    return schedule.upcoming(times, len(rows) - len(times))


def queue(store: Store, clinic: Clinic, patient_id: int | None, titles: Mapping[str, str]) -> str:
    """Staff view: the clinic's upcoming and failed deliveries, or one patient's rows.

    Patients appear as `#<number> <first name>`, the numbering of /patients; steps by their
    title from `titles` (step id -> title; a step no longer in the timeline shows its id).
    """
    outbox = store.deliveries
    if patient_id is not None:
        patient = store.patients.get(patient_id)
        label = roster.patient_label(patient.id, patient.first_name)
        rows = outbox.for_patient(patient_id)
        if not rows:
            return roster.nothing_planned(label)
        lines = [_line(row, clinic, titles, with_status=True) for row in rows]
        return roster.patient_queue(label, patient.status, lines)
    upcoming = outbox.upcoming_for_clinic(clinic.id, limit=15)
    failed = outbox.failed_for_clinic(clinic.id, limit=10)
    labels = _labels(store, [*upcoming, *failed])
    return roster.clinic_queue(
        [_line(row, clinic, titles, with_status=False, who=labels) for row in upcoming],
        [_line(row, clinic, titles, with_status=True, who=labels) for row in failed],
    )


def _labels(store: Store, rows: list[DeliveryRow]) -> dict[int, str]:
    patients = (store.patients.get(pid) for pid in {row.patient_id for row in rows})
    return {p.id: roster.patient_label(p.id, p.first_name) for p in patients}


def _line(
    row: DeliveryRow,
    clinic: Clinic,
    titles: Mapping[str, str],
    *,
    with_status: bool,
    who: Mapping[int, str] | None = None,
) -> str:
    return roster.queue_line(
        who[row.patient_id] if who else "",
        titles.get(row.step_id, row.step_id),
        local(row.sent_at or row.next_attempt_at, clinic),
        retry=row.attempts if row.status == "pending" else 0,
        status=row.status if with_status else "",
        error=(row.error or "") if with_status and row.status == "failed" else "",
    )
