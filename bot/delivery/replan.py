"""Moving a clinic's messages not yet sent when its settings change what their times are.

A new time zone, send window or series interval changes when each waiting message is due. The
new times come from the planning rule itself (`content.send_time`, through the store's
`replan_unsent`), so a moved row is the row planning would write today. Messages already sent
stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.store import Store
from bot.store.replan import replan_unsent
from content.timeline import Timeline


def replan_clinic(
    store: Store, timeline: Timeline, clinic_id: int, *, wake: Callable[[], None]
) -> int:
    """Give every pending or muted row of the clinic the time its current settings give;
    returns how many moved. A row put off for a retry keeps the later of its retry time and
    its new time; a row whose step left the timeline keeps its time. `wake` re-arms the
    outbox. LookupError when the clinic is gone."""
    if store.clinics.get(clinic_id) is None:
        raise LookupError(f"no clinic {clinic_id}")
    moved = replan_unsent(store.db, timeline, clinic_id=clinic_id)
    wake()
    return moved
