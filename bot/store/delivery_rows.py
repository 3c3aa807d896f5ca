"""Outbox row types: a planned row as inserted, and a stored row as read back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

PENDING = "pending"


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
