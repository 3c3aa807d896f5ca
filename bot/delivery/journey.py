"""Glue between enrollment, the timeline and the outbox: what happens when a patient agrees.

Kept apart so enrollment does not need to know how content is planned or stored. Both
functions take what they use; `bot.services` and `bot.app` wire them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.delivery import rules as deliveries
from bot.delivery.plan import plan
from bot.delivery.rendering import render_delivery
from bot.delivery.rules import Rendered, Renderer
from bot.store import Store
from bot.store.deliveries import DeliveryRow
from content.timeline import Timeline


def plan_timeline(
    store: Store,
    timeline: Timeline,
    session_id: int,
    now: datetime,
    *,
    wake: Callable[[], None],
) -> int:
    """Plan the aftercare messages of a consented session; returns how many rows are new.

    The patient's "book your next session" reminders from earlier sessions are cleared: this
    session is the next one. Planning the same session again adds nothing. Raises LookupError
    when the session or its clinic is gone. `wake` (the outbox's re-arm, which the caller
    chooses) is called once the rows are in, so planning is one trip into delivery.
    """
    session = store.sessions.get(session_id)
    clinic = store.clinics.get(session.clinic_id) if session else None
    if session is None or clinic is None:
        raise LookupError(f"session {session_id} or its clinic no longer exists")
    steps = plan(
        timeline,
        session_at=session.session_at,
        clinic=clinic,
        session_number=session.session_number,
        series_length=session.series_length,
        now=now,
    )
    planned = deliveries.schedule(
        store,
        patient_id=session.patient_id,
        session_id=session.id,
        clinic_id=clinic.id,
        planned=steps,
        now=now,
    )
    deliveries.clear_rebook_for_patient(
        store, session.patient_id, now, except_session_id=session.id
    )
    wake()
    return planned


def make_renderer(store: Store, timeline: Callable[[], Timeline]) -> Renderer:
    """The outbox's renderer: a row's words as of now, with the timeline `timeline()` returns
    at that moment (re-read when its file changes) and the clinic's own wording.

    A row naming a step, session or patient that is gone raises RenderError; the outbox
    fails that row with the reason rather than sending something wrong.
    """

    def render(row: DeliveryRow) -> Rendered:
        return render_delivery(
            store,
            timeline(),
            clinic_id=row.clinic_id,
            patient_id=row.patient_id,
            session_id=row.session_id,
            step_id=row.step_id,
        )

    return render
