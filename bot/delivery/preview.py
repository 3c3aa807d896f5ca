"""The timeline as a clinic's patient would get it after one session: each step's send time
(the clinic's window applied) and its words (the clinic's own where it has them).

`aftercare preview` prints it and the go-live review shows it to an admin before the first
patient; both read the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.delivery.plan import PlannedStep, next_session_date, plan
from bot.store.clinics import Clinic
from content.message import ClinicOverride, RenderContext, RenderedMessage, render_step
from content.timeline import Timeline

SAMPLE_FIRST_NAME = "Alex"


@dataclass(frozen=True)
class PreviewStep:
    planned: PlannedStep  # when it goes out (UTC) and until when
    message: RenderedMessage  # its words, buttons and sources


def preview_timeline(
    timeline: Timeline,
    clinic: Clinic,
    *,
    session_at: datetime,
    overrides: dict[str, ClinicOverride] | None = None,
    first_name: str = SAMPLE_FIRST_NAME,
    session_number: int = 1,
    series_length: int | None = None,
) -> list[PreviewStep]:
    """Every step planned after a session at `session_at` (timezone-aware), rendered with the
    clinic's details and `overrides` (step id -> the clinic's own wording)."""
    overrides = overrides or {}
    context = RenderContext(
        clinic=clinic,
        first_name=first_name,
        session_number=session_number,
        series_length=series_length,
        next_session_date=next_session_date(session_at, clinic),
        session_id="12345",
    )
    planned = plan(
        timeline,
        session_at=session_at,
        clinic=clinic,
        session_number=session_number,
        series_length=series_length,
    )
    return [
        PreviewStep(
            item,
            render_step(
                timeline.step(item.step_id), replace(context, override=overrides.get(item.step_id))
            ),
        )
        for item in planned
    ]
