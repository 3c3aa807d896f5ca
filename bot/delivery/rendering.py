"""A delivery's words as of now: the step, the patient's values and the clinic's own wording.

The outbox calls `render_delivery` at send time rather than at planning time, so a
staff edit (or revert) reaches every message of that step not yet sent.
"""

from __future__ import annotations

from pathlib import Path

from bot.delivery.plan import next_session_date
from bot.store import Store
from content.message import RenderContext, RenderedMessage, render_step
from content.seeds import SEEDS_DIR
from content.timeline import Timeline


class RenderError(LookupError):
    """The delivery names something that no longer exists (clinic, patient, session, step)."""


def render_delivery(
    store: Store,
    timeline: Timeline,
    *,
    clinic_id: int,
    patient_id: int,
    session_id: int,
    step_id: str,
    seeds_dir: Path = SEEDS_DIR,
) -> RenderedMessage:
    """The message one patient gets for one step of one session, rendered now.

    Raises RenderError (a LookupError) when the clinic, patient, session or step is gone; the
    outbox records that as a failed row rather than sending something wrong.
    """
    clinic = store.clinics.get(clinic_id)
    patient = store.patients.get(patient_id)
    session = store.sessions.get(session_id)
    missing = [
        name
        for name, found in (("clinic", clinic), ("patient", patient), ("session", session))
        if found is None
    ]
    if missing:
        raise RenderError(f"delivery refers to a missing {', '.join(missing)}")
    try:
        step = timeline.step(step_id)
    except KeyError:
        raise RenderError(f"the timeline has no step {step_id!r}") from None
    context = RenderContext(
        clinic=clinic,
        first_name=patient.first_name or "",
        session_number=session.session_number,
        series_length=session.series_length,
        next_session_date=next_session_date(session.session_at, clinic),
        session_id=str(session.id),
        override=store.content.active(clinic_id, step_id),
    )
    return render_step(step, context, seeds_dir)
