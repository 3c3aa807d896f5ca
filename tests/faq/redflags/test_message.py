"""The whole message: every sentence and every part is read, thresholds come from content,
the engine escalates reports only, and the check stays fast."""

from __future__ import annotations

import statistics
import time

import pytest

from bot.faq import engine
from bot.faq.redflags import check, check_parts, normalize_message
from bot.store.clinics import EXAMPLE_CLINIC
from content.redflags import Thresholds
from tests.faq.redflags import tables
from tests.faq.tables import table

FRIENDLY = (
    "Hi!! Just wanted to say a massive thank you to Jo, she was so lovely and explained "
    "everything. I've been using the hyaluronic serum morning and night like she said and "
    "my skin already looks brighter. {symptom} Anyway, I wanted to ask when I should book "
    "my next session, and whether I can wear my usual moisturiser from tomorrow? Thanks so "
    "much, have a lovely weekend 😊"
)


@pytest.mark.parametrize(("symptom", "category"), table("friendly", "symptoms", "text", "category"))
def test_a_symptom_buried_in_a_long_friendly_message_is_found(symptom: str, category: str) -> None:
    flag = check(FRIENDLY.format(symptom=symptom))
    assert flag is not None and flag.kind == "report", flag
    assert flag.category == category


def test_the_same_friendly_message_without_a_symptom_is_not_urgent() -> None:
    assert check(FRIENDLY.format(symptom="")) is None


def test_every_part_of_a_message_is_checked_and_a_report_wins() -> None:
    flag = check_parts(["what are the signs of infection?", "photo caption: pus on my chin"])
    assert flag is not None and (flag.kind, flag.category) == ("report", "infection")
    question = check_parts(["what are the signs of infection?", ""])
    assert question is not None and question.kind == "question"
    assert check_parts([]) is None


def test_the_most_pressing_category_wins_across_parts() -> None:
    flag = check_parts(["still red after 10 days", "and my throat feels tight"])
    assert flag is not None and flag.category == "breathing" and flag.emergency


def test_odd_input_is_no_red_flag() -> None:
    assert check("") is None
    assert check("   \n ") is None
    assert check("😊😊😊") is None
    assert check_parts([None, 42]) is None  # type: ignore[list-item]


def test_normal_form_reads_chat_spelling_and_curly_apostrophes() -> None:
    assert normalize_message("It’s   SWOLLEN & u r right — 2moro?") == (
        "its swollen and you are right, tomorrow?"
    )
    assert normalize_message("yellow-ish, hot-looking") == "yellowish, hot looking"


@pytest.mark.parametrize(
    ("message", "thresholds", "expected"),
    [
        pytest.param("still red on day 8", Thresholds(), "prolonged", id="day_8_default"),
        pytest.param("still red on day 8", Thresholds(redness_from_day=10), None, id="day_8_of_10"),
        pytest.param(
            "still puffy on day 5", Thresholds(swelling_from_day=5), "prolonged", id="swelling_5"
        ),
        pytest.param("still puffy on day 5", Thresholds(), None, id="swelling_5_default"),
        pytest.param("pain is 8/10", Thresholds(severe_pain_from=9), None, id="score_8_of_9"),
        pytest.param("pain is 6/10", Thresholds(severe_pain_from=6), "pain", id="score_6_of_6"),
    ],
)
def test_thresholds_come_from_content(
    message: str, thresholds: Thresholds, expected: str | None
) -> None:
    flag = check(message, thresholds)
    assert (flag.category if flag else None) == expected


def test_the_engine_escalates_reports_and_answers_questions() -> None:
    question = engine.answer("what are the signs of infection?", EXAMPLE_CLINIC)
    assert question.kind != "urgent"
    report = engine.answer("is this infected??", EXAMPLE_CLINIC)
    assert (report.kind, report.red_flag) == ("urgent", "infection")


def test_the_check_is_fast() -> None:
    messages = tables.messages()
    assert len(messages) > 300
    timings = []
    for message in messages:
        started = time.perf_counter()
        check(message)
        timings.append(time.perf_counter() - started)
    p95 = statistics.quantiles(timings, n=20)[-1]
    assert p95 < 0.020, f"p95 {p95 * 1000:.1f} ms"
    # The longest Telegram message: no pattern may backtrack its way to seconds.
    longest = " ".join(messages)[:4096]
    started = time.perf_counter()
    check(longest)
    assert time.perf_counter() - started < 0.2
