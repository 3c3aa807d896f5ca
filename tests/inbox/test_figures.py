"""/stats [7d|30d|all] on a real store: the period's counters, time to a first staff answer,
and the guide's gaps as counted terms."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.inbox import figures
from bot.inbox.escalation import mark_replied, reply_target
from bot.people import stats
from bot.people.outcomes import Refused
from bot.wording.staff import figures as wording
from tests.conftest import NOW
from tests.inbox.conftest import SAM


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        pytest.param([], 0.9, None, id="none"),
        pytest.param([60.0], 0.9, 60.0, id="one"),
        pytest.param([float(v) for v in range(1, 11)], 0.9, 9.0, id="ten_nearest_rank"),
        pytest.param([float(v) for v in range(1, 12)], 0.9, 10.0, id="eleven"),
        pytest.param([5.0, 1.0, 3.0], 0.5, 3.0, id="unsorted_median"),
    ],
)
def test_percentile(values, q, expected):
    assert figures.percentile(values, q) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param([], "7d", id="default_week"),
        pytest.param(["30D"], "30d", id="month_any_case"),
        pytest.param(["all"], "all", id="all"),
        pytest.param(["7"], Refused(wording.USAGE), id="no_unit"),
        pytest.param(["7d", "30d"], Refused(wording.USAGE), id="two"),
    ],
)
def test_period_argument(args, expected):
    assert figures.parse_period(args) == expected


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        pytest.param(42, "42 s", id="seconds"),
        pytest.param(240, "4 min", id="minutes"),
        pytest.param(4800, "1 h 20 min", id="hours_minutes"),
        pytest.param(7200, "2 h", id="whole_hours"),
        pytest.param(3 * 86400 + 7200, "3 d 2 h", id="days"),
    ],
)
def test_durations(seconds, said):
    assert wording.duration(seconds) == said


def test_a_period_counts_only_what_happened_in_it(team):
    store, glow = team.store, team.glow
    seeded = [
        (1, stats.DELIVERED), (2, stats.DELIVERED), (10, stats.DELIVERED),
        (3, stats.STOPPED), (40, stats.FAILED), (1, stats.ANSWERED),
    ]  # fmt: skip
    for days_ago, name in seeded:
        store.events.record(name, now=NOW - timedelta(days=days_ago), clinic_id=glow.id)
    week = figures.clinic_figures(store, glow.id, "7d", NOW)
    month = figures.clinic_figures(store, glow.id, "30d", NOW)
    ever = figures.clinic_figures(store, glow.id, "all", NOW)
    assert [f.counts[stats.DELIVERED] for f in (week, month, ever)] == [2, 3, 3]
    assert [f.counts[stats.FAILED] for f in (week, month, ever)] == [0, 0, 1]
    assert week.counts[stats.STOPPED] == 1 and week.counts[stats.ANSWERED] == 1
    assert set(week.counts) == set(figures.COUNTED)


def test_time_to_first_answer_counts_the_first_answer_only(team):
    answered = []
    for minutes, opened_days_ago in ((4, 1), (12, 2), (30, 20)):
        escalation = team.escalate(now=NOW - timedelta(days=opened_days_ago))
        target = reply_target(team.store, staff_chat=SAM, escalation_id=escalation.id)
        first = escalation.created_at + timedelta(minutes=minutes)
        mark_replied(team.store, target, staff_chat=SAM, now=first)
        mark_replied(team.store, target, staff_chat=SAM, now=first + timedelta(hours=5))
        answered.append(escalation)
    team.escalate(now=NOW - timedelta(hours=1))  # not answered
    week = figures.clinic_figures(team.store, team.glow.id, "7d", NOW)
    assert week.answer_seconds == [240.0, 720.0]
    assert (week.median, week.p90, week.unanswered) == (480.0, 720.0, 1)
    month = figures.clinic_figures(team.store, team.glow.id, "30d", NOW)
    assert (month.median, month.p90) == (720.0, 1800.0)


def test_the_text_names_the_period_and_every_figure(team):
    for words in ("Can I wear makeup tomorrow?", "When is makeup ok again?"):
        team.escalate(kind="unknown", question=words)
    text = figures.stats_text(team.store, team.glow, ["7d"], NOW)
    lines = text.splitlines()
    assert lines[0] == "Glow Clinic: the last 7 days"
    assert "Enrolled: 1" in lines and "Consented: 1" in lines  # the team's patient
    assert "Escalated to staff: 2" in lines
    assert wording.answer_times(0, 2, None, None) in lines
    assert wording.uncovered_line([("makeup", 2)]) in lines
    assert "tomorrow" not in text and "Can I" not in text  # counted terms, never words
    assert figures.stats_text(team.store, team.glow, ["week"], NOW) == wording.USAGE
