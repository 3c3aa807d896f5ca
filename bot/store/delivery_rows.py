"""Outbox row types: a planned row as inserted, and a stored row as read back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.timefmt import parse

PENDING, SENDING = "pending", "sending"
# Rows with their patient's chat and status joined in, as `DeliveryRow` reads them.
ROW_SQL = (
    "SELECT d.*, p.chat_id AS chat_id, p.status AS patient_status FROM deliveries d"
    " JOIN patients p ON p.id = d.patient_id"
)


@dataclass(frozen=True)
class NewDelivery:
    """A planned row as inserted; `status` is pending, or muted for a stopped patient."""

    patient_id: int
    session_id: int
    clinic_id: int
    step_id: str
    group: str
    due_at: datetime
    expires_at: datetime | None
    immediate: bool
    status: str = PENDING


@dataclass(frozen=True)
class DeliveryRow:
    """One outbox row, with the patient's chat and status joined in."""

    id: int
    patient_id: int
    session_id: int
    clinic_id: int
    step_id: str
    group: str
    due_at: datetime
    expires_at: datetime | None
    immediate: bool
    status: str
    attempts: int
    next_attempt_at: datetime
    claimed_at: datetime | None
    sent_at: datetime | None
    message_id: int | None
    rendered_text: str | None
    content_version: str | None
    error: str | None
    chat_id: int | None
    patient_status: str
    lease_owner: str | None = None  # the process whose claim this is, while `sending`


def row_from(r: dict) -> DeliveryRow:
    return DeliveryRow(
        id=r["id"],
        patient_id=r["patient_id"],
        session_id=r["session_id"],
        clinic_id=r["clinic_id"],
        step_id=r["step_id"],
        group=r["group_name"],
        due_at=parse(r["due_at"]),
        expires_at=parse(r["expires_at"]),
        immediate=bool(r["immediate"]),
        status=r["status"],
        attempts=r["attempts"],
        next_attempt_at=parse(r["next_attempt_at"]),
        claimed_at=parse(r["claimed_at"]),
        sent_at=parse(r["sent_at"]),
        message_id=r["message_id"],
        rendered_text=r["rendered_text"],
        content_version=r["content_version"],
        error=r["error"],
        chat_id=r["chat_id"],
        patient_status=r["patient_status"],
        lease_owner=r.get("lease_owner"),
    )
