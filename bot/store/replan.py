"""Re-planning outbox rows not yet sent: for a migration that changes what an offset means,
and for one clinic whose time zone, send window or series interval changed.

The times come from ``content.send_time.send_time``, the rule the bot plans new rows with
(``bot.delivery.plan``), so a re-planned row is the row the planner would write today.
"""

from __future__ import annotations

import logging
from datetime import datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlite_utils import Database

from bot.store.deliveries import MUTED
from bot.store.delivery_rows import PENDING
from bot.store.timefmt import iso, parse
from content.send_time import SendWindow, send_time

if TYPE_CHECKING:
    from content.timeline import Timeline

log = logging.getLogger(__name__)
_WAITING = """
    SELECT d.id, d.step_id, d.due_at, d.expires_at, d.next_attempt_at, s.session_at,
           c.timezone, c.window_start, c.window_end, c.series_interval_days
    FROM deliveries d
    JOIN sessions s ON s.id = d.session_id
    JOIN clinics c ON c.id = d.clinic_id
    WHERE d.status IN (?, ?)
"""


def replan_unsent(
    db: Database, timeline: Timeline | None = None, *, clinic_id: int | None = None
) -> int:
    """Recompute due_at, expires_at and next_attempt_at of every pending or muted row (of one
    clinic, with `clinic_id`) from its session's time, its step's offset and its clinic's
    settings; returns how many changed. A row claimed meanwhile keeps its times.

    ``timeline`` defaults to the shipped one (loaded only when a row waits; ContentError if it
    fails its checks, as the bot would at start). A row whose step, session, clinic or zone is
    gone keeps its times. A row already put off (a retry, a closed window) keeps the later of
    its own next attempt and the new due time.
    """
    only = "" if clinic_id is None else " AND d.clinic_id = ?"
    params = [PENDING, MUTED] + ([] if clinic_id is None else [clinic_id])
    rows = list(db.query(_WAITING + only, params))
    if not rows:
        return 0
    if timeline is None:
        from content.timeline import load_timeline

        timeline = load_timeline()
    changes = [change for row in rows if (change := _replanned(row, timeline)) is not None]
    with db.atomic():
        changed = db.conn.executemany(
            "UPDATE deliveries SET due_at = ?, expires_at = ?, next_attempt_at = ?"
            " WHERE id = ? AND status IN (?, ?)",
            [(*change, PENDING, MUTED) for change in changes],
        ).rowcount
    log.info("outbox_replanned clinic=%s rows=%d changed=%d", clinic_id, len(rows), changed)
    return changed


def _replanned(row: dict, timeline: Timeline) -> tuple[str, str | None, str, int] | None:
    try:
        step = timeline.step(row["step_id"])
        zone = ZoneInfo(row["timezone"])
        window = SendWindow(*(time.fromisoformat(row[k]) for k in ("window_start", "window_end")))
    except (KeyError, ValueError, ZoneInfoNotFoundError):
        return None
    old_due, next_attempt = parse(row["due_at"]), parse(row["next_attempt_at"])
    due = send_time(
        step,
        datetime.fromisoformat(row["session_at"]),
        zone=zone,
        window=window,
        interval_days=row["series_interval_days"],
    )
    if due == old_due:
        return None
    expires = None if row["expires_at"] is None else iso(due + step.expires)
    retry = due if next_attempt == old_due else max(next_attempt, due)
    return iso(due), expires, iso(retry), row["id"]
