"""Outbox row types: a planned row as inserted, and a stored row as read back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

PENDING, SENDING = "pending", "sending"
# Rows with their patient's chat, status and pseudonym joined in, as `DeliveryRow` reads them.
ROW_SQL = (
    "SELECT d.*, p.chat_id AS chat_id, p.status AS patient_status, p.pseudonym AS pseudonym"
    " FROM deliveries d"
    " JOIN patients p ON p.id = d.patient_id"
)


@dataclass(frozen=True)
class Planned:
    """What planning decides for one step of one session: the fields every outbox row has."""

    patient_id: int
    session_id: int
    clinic_id: int
    step_id: str
    group: str
    due_at: datetime
    expires_at: datetime | None
    immediate: bool


@dataclass(frozen=True)
class NewDelivery(Planned):
    """A planned row as inserted; `status` is pending, or muted for a stopped patient."""

    status: str = PENDING


@dataclass(frozen=True)
class DeliveryRow(Planned):
    """One outbox row as stored, with the patient's chat and status joined in."""

    id: int
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
    pseudonym: str | None = None  # the patient's, for logs
    lease_owner: str | None = None  # the process whose claim this is, while `sending`
