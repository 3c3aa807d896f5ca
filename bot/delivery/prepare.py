"""A claimed row as it stands at the moment it would go out: decided and rendered then.

Runs on the store's thread, in one transaction, inside the chat's turn: the patient's status
and chat are read now, not when the row was claimed, so STOP or /forget while a backlog
waits stops what has not gone yet, and a clinic's edit reaches every message not yet sent.
A row to be sent is marked as started in the same transaction (`Claims.start_send`).
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.delivery import rules
from bot.delivery.rules import Decision, Rendered, Renderer
from bot.store import Store
from bot.store.deliveries import SENDING, DeliveryRow

log = logging.getLogger(__name__)

Prepared = tuple[DeliveryRow, Decision, Rendered | None]


def prepare(
    store: Store, renderer: Renderer, delivery_id: int, owner: str | None, now: datetime
) -> Prepared | None:
    """(the row as it is now, what to do with it, its message when it is to be sent, its send
    then marked as started); None when the row is gone (erased by /forget) or no longer
    `owner`'s claim. A row that cannot be rendered is to fail with the reason rather than
    send something wrong."""
    row = store.deliveries.get(delivery_id)
    if row is None or row.status != SENDING or row.lease_owner != owner:
        return None
    decision = rules.decide(row, store.clinics.get(row.clinic_id), now)
    if decision.action != "send":
        return row, decision, None
    try:
        message = renderer(row)
    except Exception:
        log.exception("delivery_render_failed delivery=%s step=%s", row.id, row.step_id)
        return row, Decision("fail", reason="render_failed"), None
    store.deliveries.start_send(row.id, owner, now)
    return row, decision, message
