"""Numbers a manager can use: `/stats [7d|30d|all]` for one clinic.

Messages delivered, failed and stopped, sessions booked, questions answered and escalated
(event counters, `bot.people.stats`), the time to a first staff answer (median and 90th
percentile, from the escalations), and the most frequent terms of the questions the guide
did not cover (`bot.faq.gaps`, counts only).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.faq import gaps
from bot.people import stats
from bot.people.outcomes import Refused
from bot.store import Store
from bot.store.clinics import Clinic
from bot.wording.staff import figures as wording

PERIODS: dict[str, timedelta | None] = {
    "7d": timedelta(days=7),
    "30d": timedelta(days=30),
    "all": None,
}
DEFAULT_PERIOD = "7d"
# The counters shown, in order (labels: `bot.wording.staff.figures.LABELS`).
COUNTED = (
    stats.ENROLLED,
    stats.CONSENTED,
    stats.DELIVERED,
    stats.FAILED,
    stats.UNREACHABLE,
    stats.STOPPED,
    stats.REBOOKED,
    stats.QUESTION,
    stats.ANSWERED,
    stats.ESCALATED,
)
TOP_TERMS = 5


@dataclass(frozen=True)
class Figures:
    period: str  # a key of PERIODS
    counts: dict[str, int]  # every name of COUNTED
    answer_seconds: list[float]  # time to the first staff answer of each answered escalation
    unanswered: int  # escalations of the period no staff member answered
    uncovered: list[tuple[str, int]]  # (term, number of questions), most asked first

    @property
    def median(self) -> float | None:
        return statistics.median(self.answer_seconds) if self.answer_seconds else None

    @property
    def p90(self) -> float | None:
        return percentile(self.answer_seconds, 0.9)


def percentile(values: list[float], q: float) -> float | None:
    """The nearest-rank `q` percentile (0 < q <= 1) of `values`; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def parse_period(args: list[str]) -> str | Refused:
    """`/stats`, `/stats 7d`, `/stats 30d` or `/stats all`; anything else is refused."""
    if not args:
        return DEFAULT_PERIOD
    period = args[0].lower()
    if len(args) > 1 or period not in PERIODS:
        return Refused(wording.USAGE)
    return period


def since(period: str, now: datetime) -> datetime | None:
    """Where the period starts (None: the beginning)."""
    span = PERIODS[period]
    return None if span is None else now - span


def clinic_figures(store: Store, clinic_id: int, period: str, now: datetime) -> Figures:
    start = since(period, now)
    counts = store.events.counts(clinic_id, since=start)
    return Figures(
        period=period,
        counts={name: counts.get(name, 0) for name in COUNTED},
        answer_seconds=store.figures.answer_delays(clinic_id, start),
        unanswered=store.figures.unanswered(clinic_id, start),
        uncovered=gaps.uncovered_topics(store, clinic_id, start, top=TOP_TERMS),
    )


def stats_text(store: Store, clinic: Clinic, args: list[str], now: datetime) -> str:
    """/stats [7d|30d|all]: the clinic's figures for the period, or how to ask for them."""
    period = parse_period(args)
    if isinstance(period, Refused):
        return period.message
    found = clinic_figures(store, clinic.id, period, now)
    return wording.figures(
        clinic.name,
        wording.PERIOD_NAMES[period],
        [(wording.LABELS[name], found.counts[name]) for name in COUNTED],
        answered=len(found.answer_seconds),
        unanswered=found.unanswered,
        median=found.median,
        p90=found.p90,
        uncovered=found.uncovered,
    )
