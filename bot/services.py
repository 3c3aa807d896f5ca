"""What handlers and jobs share: settings, the store and the clock, built once by `bot.app`.

In the running bot the store belongs to its own thread: handlers and jobs reach it only as
`await services.db(fn, services.store, ...)` (a write transaction) or `services.db.read(...)`
(`bot.store.worker`), so the event loop never waits on SQLite. Command-line tools have no
`db` and use `store` directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.delivery.rules import Renderer
from bot.settings import Settings
from bot.store import Store
from bot.store.instance import InstanceLock
from bot.store.worker import StoreThread


def _nothing() -> None:
    """Default outbox and escalation hook before they run (CLI, tests without a bot)."""


if TYPE_CHECKING:
    from bot.faq.engine import Faq
    from content.lastgood import LastGood
    from content.timeline import Timeline


@dataclass
class Services:
    settings: Settings
    store: Store
    clock: Clock
    faq_engine: Faq | None = field(default=None, repr=False)
    bot_username: str = ""
    # The shipped timeline, re-read when its file changes (the last good one if an edit is bad).
    timeline_source: LastGood[Timeline] | None = field(default=None, repr=False)
    # Renders an outbox row with today's content; the composition root sets it.
    renderer: Renderer | None = field(default=None, repr=False)
    # Call after planning or changing outbox rows so the outbox re-arms its wake-up; safe
    # from any thread.
    outbox_changed: Callable[[], None] = field(default=_nothing, repr=False)
    # Call after opening an urgent escalation so its raising again is timed.
    escalations_changed: Callable[[], None] = field(default=_nothing, repr=False)
    # The running bot's: the store's thread, and the database's instance lock (one bot per
    # database).
    db: StoreThread | None = field(default=None, repr=False)
    lock: InstanceLock | None = field(default=None, repr=False)
    # The running bot's second connection, on the event loop's thread, for the routing
    # filters' one-row lookups (a filter must answer at once; in WAL mode a read never waits
    # for a writer). Nothing writes through it.
    peek: Store | None = field(default=None, repr=False)

    def close(self) -> None:
        """Close the store (on its thread, when it has one), then give up the instance lock."""
        try:
            if self.peek is not None:
                self.peek.close()
            if self.db is not None:
                self.db.close()
            else:
                self.store.close()
        finally:
            if self.lock is not None:
                self.lock.release()

    def timeline(self) -> Timeline:
        """The current aftercare timeline; loaded on first use, so commands that never
        need it (the CLI's `ask`) do not pay for the checks."""
        if self.timeline_source is None:
            from content.lastgood import LastGood
            from content.timeline import CONTENT_DIR, TIMELINE_FILE, load_timeline

            self.timeline_source = LastGood(CONTENT_DIR / TIMELINE_FILE, load_timeline)
        return self.timeline_source.get()

    def plan_timeline(self, session_id: int, now: datetime) -> int:
        """Plan a consented session's messages with the current timeline, then wake the
        outbox; returns how many rows are new (see `journey.plan_timeline`)."""
        from bot.delivery import journey  # brings in content, which `aftercare ask` never needs

        return journey.plan_timeline(
            self.store, self.timeline(), session_id, now, wake=self.outbox_changed
        )

    def replan_clinic(self, clinic_id: int) -> int:
        """Move the clinic's messages not yet sent to the times its settings now give, then
        wake the outbox; returns how many moved (see `replan.replan_clinic`)."""
        from bot.delivery import replan

        return replan.replan_clinic(
            self.store, self.timeline(), clinic_id, wake=self.outbox_changed
        )

    def faq(self) -> Faq:
        """The FAQ engine over the shipped content, built on first use (shared per process), so
        commands that never answer questions do not pay for building its index."""
        if self.faq_engine is None:
            from bot.faq.engine import default_engine

            self.faq_engine = default_engine()
        return self.faq_engine
