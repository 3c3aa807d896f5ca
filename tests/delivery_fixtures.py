"""Small builders for outbox tests: planned steps, a patient with them planned, a renderer.

Patients and sessions are written as rows (`tests.conftest.add_patient`, enrollment owns
their SQL); deliveries go through the real planner, `bot.delivery.rules.schedule`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.delivery.rules import PlannedLike, schedule
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.deliveries import DeliveryRow
from content.message import RenderedButton, RenderedMessage
from tests.conftest import add_clinic as add_clinic  # re-exported: the outbox tests import it
from tests.conftest import add_patient, add_session

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
    plan_session(store, clinic, patient_id, session_id, steps, now)
    return patient_id, session_id


def plan_session(
    store: Store,
    clinic: Clinic,
    patient_id: int,
    session_id: int,
    steps: Iterable[PlannedLike],
    now: datetime,
) -> int:
    """Write a session's planned steps through the real planner; returns how many are new."""
    return schedule(
        store,
        patient_id=patient_id,
        session_id=session_id,
        clinic_id=clinic.id,
        planned=steps,
        now=now,
    )


def daily_steps(start: datetime, count: int, *, expires: timedelta = timedelta(hours=8)):
    """`count` clinic-window steps a day apart, from `start`."""
    return [
        Step(f"day{i}", start + timedelta(days=i), start + timedelta(days=i) + expires)
        for i in range(count)
    ]


@dataclass
class FakeRenderer:
    """Renders a row as its ids, so a test can tell every message apart; counts renders.

    `version` stands for the content version in force: change it to prove rendering happens
    at send time.
    """

    version: str = "v1"
    rendered: list[int] = field(default_factory=list)

    def __call__(self, row: DeliveryRow) -> RenderedMessage:
        self.rendered.append(row.id)
        buttons = ()
        if row.group == "rebook":
            buttons = (RenderedButton("I've booked", callback_data=f"booked:{row.session_id}"),)
        text = f"<b>{row.step_id}</b> for patient {row.patient_id} ({self.version})"
        return RenderedMessage(text, buttons, (), self.version, clinic_words=False)


def plain(text: str) -> str:
    """The renderer's text as the user sees it (HTML tags dropped)."""
    return text.replace("<b>", "").replace("</b>", "")
