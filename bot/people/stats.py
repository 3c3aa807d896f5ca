"""Every event name of the bot, and the per-clinic counters `/stats` shows.

Every part of the bot records what happened with `store.events.record(stats.NAME, ...)`,
using the names below and never a string of its own, so the names are listed once and the
counters stay in one table with no text in it (ids only).
"""

from __future__ import annotations

from bot.store import Store
from bot.wording.staff import roster

ENROLLED = "enrolled"
LINK_OPENED = "link_opened"
CONSENTED = "consented"
DECLINED = "declined"
CANCELLED = "cancelled"
FORGOTTEN = "forgotten"
STAFF_JOINED = "staff_joined"
DELIVERED = "delivered"  # recorded by the outbox
FAILED = "failed"  # recorded by the outbox
UNREACHABLE = "unreachable"  # recorded by the outbox
REBOOKED = "rebooked"  # recorded by /booked
EXPIRED = "expired"  # recorded by the outbox: too late to be worth sending
STOPPED = "stopped"  # recorded by /stop
RESUMED = "resumed"  # recorded by /resume
RETURNED = "returned"  # recorded when a patient who blocked the bot is back
QUESTION = "question"  # recorded where free text reaches the FAQ
ESCALATED = "escalated"
ESCALATION_UNDELIVERED = "escalation_undelivered"
ESCALATION_REPLIED = "escalation_replied"
CONTENT_EDITED = "content_edited"  # recorded by /edit's Save: a clinic's new wording
CONTENT_REVERTED = "content_reverted"  # recorded by /revert
FAQ_ENTRY_ADDED = "faq_entry_added"  # recorded by /faq add's Save
FAQ_ENTRY_DELETED = "faq_entry_deleted"  # recorded by /faq delete
STAFF_LEFT = "staff_left"  # recorded by /leave and /staff remove (or `aftercare staff remove`)
GO_LIVE_APPROVED = "go_live_approved"  # recorded by the go-live review's approval
ANSWERED = "question_answered"  # recorded where the FAQ answered a question without staff
ESCALATION_TAKEN = "escalation_taken"  # "I'll take it" (or a reply) assigned it to a member
ESCALATION_CLOSED = "escalation_closed"  # recorded by /close and the Close button
ESCALATION_RAISED = "escalation_raised"  # an urgent one nobody answered, raised again
ESCALATION_PATIENT_TOLD = "escalation_patient_told"  # told what to do instead of waiting
FAQ_ENTRY_LEARNED = "faq_entry_learned"  # a staff answer to an escalation became an entry

# What /stats shows, in order (labels: `bot.wording.staff.roster.FIGURE_LABELS`).
SHOWN = (ENROLLED, CONSENTED, DELIVERED, FAILED, UNREACHABLE, REBOOKED, QUESTION, ESCALATED)


def clinic_stats(store: Store, clinic_id: int) -> dict[str, int]:
    """The /stats counters of one clinic, every shown name present (zero if nothing yet)."""
    counts = store.events.counts(clinic_id)
    return {name: counts.get(name, 0) for name in SHOWN}


def format_stats(clinic_name: str, stats: dict[str, int]) -> str:
    """/stats: `stats` as `clinic_stats` returns it."""
    return roster.figures(
        clinic_name, [(roster.FIGURE_LABELS[name], stats[name]) for name in SHOWN]
    )
