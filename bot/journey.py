"""Glue between enrollment, the timeline and the outbox: what happens when a patient agrees.

Kept apart so enrollment does not need to know how content is planned or stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.deliveries import Rendered, Renderer
from bot.services import Services
from bot.store.deliveries import DeliveryRow


def plan_timeline(services: Services, session_id: int, now: datetime) -> int:
    """Plan the aftercare messages of a consented session; returns how many rows were planned.

    Connected to the timeline and the deliveries outbox when those land; until then it plans
    nothing, and says so by returning 0.
    """
    return 0


def make_renderer(services: Services) -> Renderer:
    """The outbox's renderer: a row's words as of now.

    Placeholder until the timeline is connected (content.timeline's `render_step` with the
    clinic's overrides and the patient's values): it names the step and says nothing medical.
    """

    def render(row: DeliveryRow) -> Rendered:
        return _Placeholder(
            text=f"Aftercare message {row.step_id} from your clinic.", content_version="none"
        )

    return render


@dataclass(frozen=True)
class _Placeholder:
    text: str
    content_version: str
    buttons: tuple = ()
