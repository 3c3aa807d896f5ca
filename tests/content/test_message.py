"""render_step and clinic overrides: sourced quotes stay sourced, the rest is the clinic's."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from bot.store.clinics import EXAMPLE_CLINIC
from content.message import (
    ClinicOverride,
    RenderContext,
    render_step,
    validate_override,
)
from content.timeline import load_timeline

REDNESS = (
    "Most individuals experience redness and mild swelling post-treatment for a day or two, "
    "with any potential discomfort easily managed with over-the-counter pain relievers."
)


@pytest.fixture(scope="module")
def timeline():
    return load_timeline()


def context(**changes):
    base = RenderContext(
        clinic=EXAMPLE_CLINIC,
        first_name="Sam",
        next_session_date=date(2025, 6, 3),
        session_id="4711",
    )
    return replace(base, **changes)


def override(text, step_id="day1_redness", version=3):
    return ClinicOverride(0, step_id, text, version, "staff:99", datetime(2025, 5, 1, tzinfo=UTC))


def test_default_step(timeline):
    step = timeline.step("day1_redness")
    message = render_step(step, context())
    assert message.text.startswith("Hi Sam,")
    assert f"<blockquote>“{REDNESS}”</blockquote>" in message.text
    assert message.sources == step.sources
    assert message.content_version == step.version and message.content_version.startswith(
        "default:"
    )
    assert not message.clinic_words


def test_booking_buttons(timeline):
    message = render_step(timeline.step("book_next"), context())
    assert "Tuesday 3 June" in message.text
    assert [(b.url, b.callback_data) for b in message.buttons] == [
        ("https://example.com/book", ""),
        ("", "booked:4711"),
    ]


def test_clinic_without_booking_link_gets_no_link_button(timeline):
    no_link = replace(EXAMPLE_CLINIC, booking_url="")
    message = render_step(timeline.step("book_next"), context(clinic=no_link))
    assert [b.callback_data for b in message.buttons] == ["booked:4711"]


def test_override_keeps_its_quotes_as_sources_and_is_marked_as_the_clinics(timeline):
    text = f"Morning {{first_name}}! Our guide says:\n> “{REDNESS}”\nA cold flannel helps too."
    step = timeline.step("day1_redness")
    assert validate_override(step, text) == []
    message = render_step(step, context(override=override(text)))
    assert message.clinic_words
    assert message.content_version == "clinic:0:v3"
    assert [(s.doc, s.quote) for s in message.sources] == [("002_4b1ae83a6685b41f", REDNESS)]
    assert message.text.endswith("<i>Written by the team at Example Skin Clinic.</i>")
    assert "A cold flannel helps too." in message.text


def test_override_for_another_step_is_ignored(timeline):
    message = render_step(timeline.step("day2_settling"), context(override=override("Hello")))
    assert not message.clinic_words


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            "> “Redness lasts an hour.”",
            "is not word for word in the source documents",
            id="invented_quote",
        ),
        pytest.param("Hi {patient_name}", "unknown merge field {patient_name}", id="unknown_field"),
        pytest.param("x" * 4100, "too long", id="too_long"),
        pytest.param("   ", "text: is empty", id="blank"),
    ],
)
def test_bad_override_is_refused_and_never_sent(timeline, text, problem):
    step = timeline.step("day1_redness")
    problems = validate_override(step, text)
    assert len(problems) == 1
    assert problems[0].where == "day1_redness" and problem in problems[0].message
    message = render_step(step, context(override=override(text)))
    assert not message.clinic_words and message.sources == step.sources
