"""Glue between enrollment, the timeline and the outbox: what happens when a patient agrees.

Kept apart so enrollment does not need to know how content is planned or stored.
"""

from __future__ import annotations

from datetime import datetime

from bot.services import Services


def plan_timeline(services: Services, session_id: int, now: datetime) -> int:
    """Plan the aftercare messages of a consented session; returns how many rows were planned.

    Connected to the timeline and the deliveries outbox when those land; until then it plans
    nothing, and says so by returning 0.
    """
    return 0
