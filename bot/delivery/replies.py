"""What patients and staff are told about the outbox: /next, /booked, /stop, /resume, /queue.

Plain wording about scheduling only, never medical advice. Times are shown on the clinic's
wall clock; rows carry ids, never a patient's name or words.
"""

from __future__ import annotations

from datetime import datetime

from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.deliveries import DeliveryRow

NOT_A_PATIENT = (
    "I don't have aftercare messages for you. To receive them, open the link your clinic "
    "gave you after your session."
)
PAUSED = "Your aftercare messages are paused. Send /resume to start them again."
NOTHING_AHEAD = "You have no more aftercare messages scheduled."
STOP_QUESTION = (
    "Stop all your aftercare messages? You can start them again at any time with /resume."
)
STOP_YES, STOP_NO = "Yes, stop them", "No, keep them"
STOPPED = (
    "Done: you won't get any more aftercare messages. Send /resume to start them again. "
    "If something worries you, contact your clinic directly."
)
NOT_STOPPED = "OK, your aftercare messages carry on."
ALREADY_ON = "Your aftercare messages are already on. Send /next to see what's coming."
BOOKED = "Thank you for booking! I won't send you any more reminders to book."
NO_SESSION = "I couldn't find your session. Please contact your clinic to book."
QUEUE_USAGE = "Usage: /queue or /queue PATIENT_ID, for example /queue 42"
NO_SUCH_PATIENT = "No patient with that id at your clinic."


def local(when: datetime, clinic: Clinic) -> str:
    moment = when.astimezone(clinic.zone)
    return f"{moment:%a} {moment.day} {moment:%b} {moment:%H:%M}"


def next_messages(rows: list[DeliveryRow], clinic: Clinic, *, stopped: bool) -> str:
    """A patient's upcoming messages, as times on their clinic's clock."""
    if stopped:
        return PAUSED
    if not rows:
        return NOTHING_AHEAD
    lines = [f"• {local(row.next_attempt_at, clinic)}" for row in rows[:5]]
    more = f"\n…and {len(rows) - 5} more." if len(rows) > 5 else ""
    return (
        "Your next aftercare messages:\n"
        + "\n".join(lines)
        + more
        + "\n\nTimes are your clinic's local time. Send /stop to pause them."
    )


def resumed(restored: int) -> str:
    ahead = "1 message" if restored == 1 else f"{restored} messages"
    return (
        f"Welcome back: your aftercare messages are on again ({ahead} ahead). "
        "Messages that fell due while they were paused are not sent."
    )


def queue(store: Store, clinic: Clinic, patient_id: int | None) -> str:
    """Staff view: the clinic's upcoming and failed deliveries, or one patient's rows."""
    outbox = store.deliveries
    if patient_id is not None:
        rows = outbox.for_patient(patient_id)
        if not rows:
            return f"Patient {patient_id}: no messages planned."
        body = "\n".join(_line(row, clinic, with_status=True) for row in rows)
        return f"Patient {patient_id} ({rows[0].patient_status}):\n{body}"
    upcoming = outbox.upcoming_for_clinic(clinic.id, limit=15)
    failed = outbox.failed_for_clinic(clinic.id, limit=10)
    parts = ["Upcoming:"]
    parts += [_line(row, clinic, with_status=False) for row in upcoming] or ["(none)"]
    parts += ["", "Failed:"]
    parts += [_line(row, clinic, with_status=True) for row in failed] or ["(none)"]
    parts += ["", "Send /queue PATIENT_ID for one patient."]
    return "\n".join(parts)


def _line(row: DeliveryRow, clinic: Clinic, *, with_status: bool) -> str:
    when = row.sent_at or row.next_attempt_at
    text = f"#{row.id} patient {row.patient_id} · {row.step_id} · {local(when, clinic)}"
    if row.status == "pending" and row.attempts:
        text += f" · retry {row.attempts}"
    if with_status:
        text += f" · {row.status}"
        if row.status == "failed" and row.error:
            text += f" ({row.error})"
    return text
