"""Small builders for outbox tests: a clinic, patients, sessions and planned steps.

Patients and sessions are written with sqlite-utils' table API (enrollment owns their SQL);
deliveries go through the real planner, `bot.deliveries.schedule`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from bot.delivery.rules import schedule
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.deliveries import DeliveryRow
from bot.store.timefmt import iso

# Monday 2 March 2026, 09:00 in London (GMT): the clinic's window has just opened.
MONDAY_9AM = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Step:
    """A planned step, shaped like content.plan.PlannedStep."""

    step_id: str
    due_at: datetime
    expires_at: datetime | None = None
    group: str = "care"
    immediate: bool = False


def add_clinic(
    store: Store,
    *,
    timezone: str = "Europe/London",
    window: tuple[time, time] = (time(9, 0), time(20, 0)),
    now: datetime = MONDAY_9AM,
) -> Clinic:
    return store.clinics.add(
        name="Glow",
        phone="+44 20 0000 0000",
        timezone=timezone,
        now=now,
        window_start=window[0],
        window_end=window[1],
    )


def add_patient(
    store: Store, clinic: Clinic, chat_id: int, *, status: str = "active", now=MONDAY_9AM
) -> int:
    return (
        store.db.table("patients")
        .insert(
            {
                "clinic_id": clinic.id,
                "first_name": "Pat",
                "chat_id": chat_id,
                "status": status,
                "consented_at": iso(now),
                "created_at": iso(now),
            }
        )
        .last_pk
    )


def add_session(store: Store, clinic: Clinic, patient_id: int, session_at: datetime) -> int:
    return (
        store.db.table("sessions")
        .insert(
            {
                "patient_id": patient_id,
                "clinic_id": clinic.id,
                "session_at": iso(session_at),
                "created_at": iso(session_at),
            }
        )
        .last_pk
    )


def enroll(
    store: Store,
    clinic: Clinic,
    chat_id: int,
    steps: list[Step],
    *,
    now: datetime = MONDAY_9AM,
    status: str = "active",
) -> tuple[int, int]:
    """A patient with one session and its steps planned; returns (patient_id, session_id)."""
    patient_id = add_patient(store, clinic, chat_id, status=status, now=now)
    session_id = add_session(store, clinic, patient_id, now)
    schedule(
        store,
        patient_id=patient_id,
        session_id=session_id,
        clinic_id=clinic.id,
        planned=steps,
        now=now,
    )
    return patient_id, session_id


def daily_steps(start: datetime, count: int, *, expires: timedelta = timedelta(hours=8)):
    """`count` clinic-window steps a day apart, from `start`."""
    return [
        Step(f"day{i}", start + timedelta(days=i), start + timedelta(days=i) + expires)
        for i in range(count)
    ]


@dataclass(frozen=True)
class Button:
    text: str
    url: str = ""
    callback_data: str = ""


@dataclass(frozen=True)
class Message:
    text: str
    buttons: tuple[Button, ...]
    content_version: str


@dataclass
class FakeRenderer:
    """Renders a row as its ids, so a test can tell every message apart; counts renders.

    `version` stands for the content version in force: change it to prove rendering happens
    at send time.
    """

    version: str = "v1"
    rendered: list[int] = field(default_factory=list)

    def __call__(self, row: DeliveryRow) -> Message:
        self.rendered.append(row.id)
        buttons = ()
        if row.group == "rebook":
            buttons = (Button("I've booked", callback_data=f"booked:{row.session_id}"),)
        text = f"<b>{row.step_id}</b> for patient {row.patient_id} ({self.version})"
        return Message(text, buttons, self.version)


def plain(text: str) -> str:
    """The renderer's text as the user sees it (HTML tags dropped)."""
    return text.replace("<b>", "").replace("</b>", "")
