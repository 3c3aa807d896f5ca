"""Glue between enrollment, the timeline and the outbox: what happens when a patient agrees.

Kept apart so enrollment does not need to know how content is planned or stored.
"""

from __future__ import annotations

from datetime import datetime

from bot.deliveries import Rendered, Renderer
from bot.rendering import render_delivery
from bot.services import Services
from bot.store.deliveries import DeliveryRow


def plan_timeline(services: Services, session_id: int, now: datetime) -> int:
    """Plan the aftercare messages of a consented session; returns how many rows were planned.

    Connected to the timeline and the deliveries outbox when those land; until then it plans
    nothing, and says so by returning 0.
    """
    return 0


def make_renderer(services: Services) -> Renderer:
    """The outbox's renderer: a row's words as of now (current timeline, clinic's wording).

    A row naming a step, session or patient that is gone raises RenderError; the dispatcher
    fails that row with the reason rather than sending something wrong.
    """

    def render(row: DeliveryRow) -> Rendered:
        return render_delivery(
            services.store,
            services.timeline(),
            clinic_id=row.clinic_id,
            patient_id=row.patient_id,
            session_id=row.session_id,
            step_id=row.step_id,
        )

    return render
