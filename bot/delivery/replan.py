"""Moving a clinic's messages not yet sent when its settings change what their times are.

A new time zone, send window or series interval changes when each waiting message is due. The
new times come from the planner itself (`bot.delivery.plan.plan`) for each row's session, so a
moved row is the row planning would write today. Messages already sent stay as they were.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.delivery.plan import PlannedStep, plan
from bot.store import Store
from bot.store.replanning import NewTimes, Waiting
from content.timeline import Timeline

log = logging.getLogger(__name__)


def replan_clinic(
    store: Store,
    timeline: Timeline,
    clinic_id: int,
    *,
    wake: Callable[[], None],
) -> int:
    """Give every pending or muted row of the clinic the time its current settings give;
    returns how many moved. A row put off for a retry keeps the later of its retry time and
    its new time; a row whose step left the timeline keeps its time. `wake` re-arms the
    outbox. LookupError when the clinic is gone."""
    clinic = store.clinics.get(clinic_id)
    if clinic is None:
        raise LookupError(f"no clinic {clinic_id}")
    planned: dict[int, dict[str, PlannedStep]] = {}
    moves = []
    for row in store.replanning.waiting(clinic_id):
        if row.session_id not in planned:
            steps = plan(
                timeline,
                session_at=row.session_at,
                clinic=clinic,
                session_number=row.session_number,
                series_length=row.series_length,
            )
            planned[row.session_id] = {step.step_id: step for step in steps}
        step = planned[row.session_id].get(row.step_id)
        if step is not None and step.due_at != row.due_at:
            moves.append(_moved(row, step))
    moved = store.replanning.move(moves)
    log.info("outbox_replanned clinic=%s moved=%d", clinic_id, moved)
    wake()
    return moved


def _moved(row: Waiting, step: PlannedStep) -> NewTimes:
    retry = (
        step.due_at if row.next_attempt_at <= row.due_at else max(row.next_attempt_at, step.due_at)
    )
    return NewTimes(row.id, step.due_at, step.expires_at, retry)
