"""The shipped timeline, offsets, and plan(): offsets, windows and the series rule."""

import os
import shutil
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.delivery.plan import next_session_date, plan
from bot.store.clinics import EXAMPLE_CLINIC
from content.lastgood import LastGood
from content.offset import parse_duration, parse_offset
from content.seeds import quote_in_document
from content.step import parse_step
from content.timeline import CONTENT_DIR, load_timeline

# 14:00 BST on a Tuesday in May
SESSION = datetime(2025, 5, 6, 13, 0, tzinfo=UTC)
REBOOK = {"book_next", "book_next_reminder"}


@pytest.fixture(scope="module")
def timeline():
    return load_timeline()


def test_shipped_timeline_has_the_required_steps(timeline):
    ids = [step.id for step in timeline.steps]
    assert ids[:4] == ["serum_now", "day1_redness", "day2_settling", "week1_collagen"]
    assert set(ids) >= REBOOK
    assert {timeline.step(i).group for i in REBOOK} == {"rebook"}
    assert all(timeline.step(i).needs_next_session for i in REBOOK)
    assert timeline.step("serum_now").immediate


def test_every_step_quotes_its_documents(timeline):
    for step in timeline.steps:
        assert step.sources, step.id
        for source in step.sources:
            assert quote_in_document(source.quote, source.doc), (step.id, source.quote)


def test_every_shipped_step_has_a_title_for_staff(timeline):
    titles = [step.title for step in timeline.steps]
    assert all(titles) and len(set(titles)) == len(titles)
    assert timeline.step("day2_settling").label == "Day 2: settling"


@pytest.mark.parametrize(
    "title",
    [
        pytest.param("x" * 41, id="too_long"),
        pytest.param("Day 2\nsettling", id="two_lines"),
        pytest.param(12, id="not_text"),
    ],
)
def test_a_bad_title_is_a_schema_problem(title):
    raw = {
        "id": "day9", "title": title, "offset": "9d", "window": "clinic", "expires": "1d",
        "group": "care", "text": "Hi {first_name}.", "sources": [{"doc": "d", "quote": "q"}],
    }  # fmt: skip
    step, problems = parse_step(raw, "timeline.yaml", 0)
    assert step is None and [p.message for p in problems] == [
        "title: must be one line of text, at most 40 characters"
    ]


def test_serum_step_names_the_ingredients(timeline):
    text = timeline.step("serum_now").text
    assert "hyaluronic acid" in text and "vitamin C" in text


def test_day2_step_sends_the_patient_to_the_clinic(timeline):
    assert "{clinic_phone}" in timeline.step("day2_settling").text


@pytest.mark.parametrize(
    ("text", "fixed", "with_interval"),
    [
        ("0", timedelta(0), False),
        ("4h", timedelta(hours=4), False),
        ("2d 12h", timedelta(days=2, hours=12), False),
        ("1w 30m", timedelta(weeks=1, minutes=30), False),
        ("interval", timedelta(0), True),
        ("interval - 5d", timedelta(days=-5), True),
        ("interval+2d", timedelta(days=2), True),
    ],
    ids=["0", "4h", "2d_12h", "1w_30m", "interval", "interval-5d", "interval+2d"],
)
def test_parse_offset(text, fixed, with_interval):
    offset = parse_offset(text)
    assert (offset.fixed, offset.with_interval) == (fixed, with_interval)


@pytest.mark.parametrize(
    "text", [pytest.param("", id="empty"), "soon", "4 hours", "-1d", "interval * 2", "interval 5d"]
)
def test_bad_offsets_are_rejected_with_a_hint(text):
    with pytest.raises(ValueError, match=r"e\.g\.|interval"):
        parse_offset(text)


def test_parse_duration_rejects_interval():
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration("interval")


def by_id(planned):
    return {item.step_id: item for item in planned}


def test_plan_applies_offsets_windows_and_expiry(timeline):
    planned = by_id(plan(timeline, session_at=SESSION, clinic=EXAMPLE_CLINIC))
    serum = planned["serum_now"]
    assert serum.due_at == SESSION and serum.immediate
    assert serum.expires_at == SESSION + timedelta(hours=4)
    assert planned["day1_redness"].due_at == SESSION + timedelta(days=1)
    # 28-day interval minus 5 days, at 14:00 local
    assert planned["book_next"].due_at == SESSION + timedelta(days=23)
    assert planned["book_next"].group == "rebook"
    dues = [item.due_at for item in planned.values()]
    assert dues == sorted(dues)
    assert all(item.due_at.tzinfo == UTC for item in planned.values())


def test_late_session_waits_for_the_morning_except_immediate_steps(timeline):
    late = datetime(2025, 5, 6, 19, 30, tzinfo=UTC)  # 20:30 BST, after the 20:00 window end
    planned = by_id(plan(timeline, session_at=late, clinic=EXAMPLE_CLINIC))
    assert planned["serum_now"].due_at == late
    # day 1 falls at 20:30 BST on the 7th: moved to 09:00 BST on the 8th
    assert planned["day1_redness"].due_at == datetime(2025, 5, 8, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("number", "length", "rebook_sent"),
    [(1, None, True), (1, 3, True), (2, 3, True), (3, 3, False), (4, 3, False), (1, 1, False)],
    ids=["1_of_unknown", "1_of_3", "2_of_3", "3_of_3", "4_of_3", "1_of_1"],
)
def test_no_booking_prompt_after_the_last_session(timeline, number, length, rebook_sent):
    planned = by_id(
        plan(
            timeline,
            session_at=SESSION,
            clinic=EXAMPLE_CLINIC,
            session_number=number,
            series_length=length,
        )
    )
    assert planned.keys() & REBOOK == (REBOOK if rebook_sent else set())
    assert "day1_redness" in planned


def test_series_interval_is_per_clinic(timeline):
    six_weeks = replace(EXAMPLE_CLINIC, series_interval_days=42)
    planned = by_id(plan(timeline, session_at=SESSION, clinic=six_weeks))
    assert planned["book_next"].due_at == SESSION + timedelta(days=37)
    assert next_session_date(SESSION, six_weeks) == date(2025, 6, 17)


def test_now_leaves_out_expired_steps(timeline):
    two_days_late = SESSION + timedelta(days=2, hours=1)
    planned = by_id(plan(timeline, session_at=SESSION, clinic=EXAMPLE_CLINIC, now=two_days_late))
    assert "serum_now" not in planned and "day1_redness" not in planned
    assert "day2_settling" in planned


def test_naive_session_time_is_rejected(timeline):
    with pytest.raises(ValueError, match="timezone-aware"):
        plan(timeline, session_at=datetime(2025, 5, 6, 14), clinic=EXAMPLE_CLINIC)


def test_next_session_date_is_in_the_clinic_calendar():
    # 23:30 UTC on 6 May is 00:30 BST on 7 May
    late = datetime(2025, 5, 6, 23, 30, tzinfo=UTC)
    assert next_session_date(late, EXAMPLE_CLINIC) == date(2025, 6, 4)


def test_running_bot_keeps_the_last_good_timeline(tmp_path):
    path = tmp_path / "timeline.yaml"
    shutil.copy(CONTENT_DIR / "timeline.yaml", path)
    live = LastGood(path, load_timeline)
    good = live.get()

    def write(text, stamp):
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(stamp, stamp))

    original = path.read_text(encoding="utf-8")
    write(original.replace("{first_name}", "{patient}"), 1_000_000_000)
    assert live.get() is good
    write(original.replace("Hi {first_name}", "Hello {first_name}"), 2_000_000_000)
    assert live.get().steps[0].text.startswith("Hello")
