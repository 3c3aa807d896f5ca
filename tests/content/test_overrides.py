"""A clinic's own wording of steps: versions in the store, and render_delivery picking them up
at send time (real SQLite; nothing is planned or sent)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.delivery import edits as content_edit
from bot.delivery.rendering import RenderError, render_delivery
from bot.people.outcomes import Refused
from content.timeline import load_timeline
from tests.conftest import NOW, add_clinic, enroll_patient

STAFF, OTHER_STAFF = 2001, 2002
OWN = (
    "Hi {first_name}, the {clinic_name} team hopes you are feeling well today. Call {clinic_phone}."
)
REDNESS = (
    "> Most individuals experience redness and mild swelling post-treatment for a day or two, "
    "with any potential discomfort easily managed with over-the-counter pain relievers."
)


@pytest.fixture(scope="module")
def timeline():
    return load_timeline()


def test_versions_count_up_and_the_newest_not_reverted_wins(store):
    glow, other = add_clinic(store), add_clinic(store, "Other Clinic")
    first = store.content.save(glow.id, "day1_redness", "one", STAFF, NOW)
    later = NOW + timedelta(hours=1)
    second = store.content.save(glow.id, "day1_redness", "two", OTHER_STAFF, later)
    assert (first.version, second.version) == (1, 2)
    assert (second.text, second.author, second.created_at) == ("two", f"staff:{OTHER_STAFF}", later)
    assert store.content.active(glow.id, "day1_redness") == second
    assert store.content.active(glow.id, "day2_settling") is None
    # Another clinic's versions are its own: numbered from 1, invisible to Glow.
    assert store.content.save(other.id, "day1_redness", "theirs", 3001, NOW).version == 1
    assert store.content.active_for_clinic(glow.id) == {"day1_redness": second}
    assert store.content.active(other.id, "day1_redness").text == "theirs"


def test_revert_goes_back_to_the_default_and_keeps_the_history(store):
    glow, other = add_clinic(store), add_clinic(store, "Other Clinic")
    store.content.save(glow.id, "day1_redness", "one", STAFF, NOW)
    store.content.save(glow.id, "day1_redness", "two", STAFF, NOW)
    store.content.save(other.id, "day1_redness", "theirs", 3001, NOW)
    assert store.content.revert(glow.id, "day1_redness", NOW + timedelta(days=1)) is True
    assert store.content.active(glow.id, "day1_redness") is None
    assert store.content.active_for_clinic(glow.id) == {}
    assert store.content.revert(glow.id, "day1_redness", NOW) is False  # already default
    assert store.content.active(other.id, "day1_redness").text == "theirs"
    third = store.content.save(glow.id, "day1_redness", "three", STAFF, NOW)
    assert third.version == 3  # numbers are never reused
    history = store.content.history(glow.id, "day1_redness")
    assert [(o.version, o.text) for o in history] == [(1, "one"), (2, "two"), (3, "three")]
    reverted = store.db.execute(
        "SELECT version, reverted_at IS NOT NULL FROM content_overrides"
        " WHERE clinic_id = ? ORDER BY version",
        [glow.id],
    ).fetchall()
    assert reverted == [(1, 1), (2, 1), (3, 0)]


def _patient(store, clinic, name="Amira", **request):
    made = enroll_patient(store, clinic.id, name, **request)
    return {"clinic_id": clinic.id, "patient_id": made.patient.id, "session_id": made.session.id}


def test_render_delivery_picks_up_an_edit_and_a_revert_at_send_time(store, timeline):
    glow, other = add_clinic(store), add_clinic(store, "Other Clinic")
    amira, bea = _patient(store, glow), _patient(store, other, "Bea")
    before = render_delivery(store, timeline, **amira, step_id="day1_redness")
    assert before.text.startswith("Hi Amira, a day on from your session")
    assert not before.clinic_words and before.content_version.startswith("default:")

    store.content.save(glow.id, "day1_redness", OWN + "\n" + REDNESS, STAFF, NOW)
    after = render_delivery(store, timeline, **amira, step_id="day1_redness")
    assert after.text.startswith(
        "Hi Amira, the Glow Clinic team hopes you are feeling well today. Call +44 20 7946 0000."
    )
    assert after.text.endswith("<i>Written by the team at Glow Clinic.</i>")
    assert "<blockquote>Most individuals experience redness" in after.text
    assert after.clinic_words and after.content_version == f"clinic:{glow.id}:v1"
    assert [s.doc for s in after.sources] == ["002_4b1ae83a6685b41f"]
    # Only Glow's patients and only that step change.
    assert render_delivery(store, timeline, **bea, step_id="day1_redness").text.startswith(
        "Hi Bea, a day on from your session"
    )
    assert not render_delivery(store, timeline, **amira, step_id="day2_settling").clinic_words

    store.content.revert(glow.id, "day1_redness", NOW)
    assert render_delivery(store, timeline, **amira, step_id="day1_redness") == before


def test_render_delivery_fills_the_patient_session_and_clinic_values(store, timeline):
    glow = add_clinic(store)
    amira = _patient(store, glow, session_number=2, series_length=3)
    store.content.save(
        glow.id,
        "book_next",
        "{first_name}: session {session_number} of {series_length}, next {next_session_date}.",
        STAFF,
        NOW,
    )
    message = render_delivery(store, timeline, **amira, step_id="book_next")
    # NOW is Monday 2 March 2026; the clinic's series interval is 28 days.
    assert message.text.startswith("Amira: session 2 of 3, next Monday 30 March.")
    # No booking link at this clinic, so only the "I've booked" button, with this session's id.
    assert [b.callback_data for b in message.buttons] == [f"booked:{amira['session_id']}"]


def test_render_delivery_reports_what_is_missing(store, timeline):
    amira = _patient(store, add_clinic(store))
    with pytest.raises(RenderError, match="no step 'gone'"):
        render_delivery(store, timeline, **amira, step_id="gone")
    with pytest.raises(RenderError, match="missing session"):
        render_delivery(store, timeline, **{**amira, "session_id": 999}, step_id="day1_redness")


def test_an_override_broken_by_hand_falls_back_to_the_default_words(store, timeline):
    glow = add_clinic(store)
    amira = _patient(store, glow)
    # The store takes what it is given (the checks come before it), e.g. a row saved before a
    # source document changed: a quote that is not in the documents any more.
    store.content.save(glow.id, "day1_redness", "> Microneedling cures everything.", STAFF, NOW)
    message = render_delivery(store, timeline, **amira, step_id="day1_redness")
    assert not message.clinic_words and "cures everything" not in message.text


def test_an_invalid_text_is_refused_and_changes_nothing(store, timeline):
    glow = add_clinic(store)
    step = timeline.step("day1_redness")
    for bad, problem in (
        ("> Microneedling cures everything.", "not word for word"),
        ("Hi {first_nam}", "unknown merge field {first_nam}"),
        ("   ", "is empty"),
        ("x" * 5000, "too long"),
    ):
        refused = content_edit.save(store, glow, step, bad, author_chat_id=STAFF, now=NOW)
        assert isinstance(refused, Refused) and problem in refused.message
    assert store.db.execute("SELECT count(*) FROM content_overrides").fetchone()[0] == 0
    assert store.events.counts(glow.id) == {}


@pytest.mark.parametrize(
    ("step_id", "interval", "expected"),
    [
        ("serum_now", 28, "at the session"),
        ("day1_redness", 28, "+1d"),
        ("book_next", 28, "+23d (series interval - 5d)"),
        ("book_next_reminder", 28, "+30d (series interval + 2d)"),
        ("book_next", 42, "+37d (series interval - 5d)"),
    ],
)
def test_when_a_step_goes_out_for_the_clinic(timeline, store, step_id, interval, expected):
    clinic = add_clinic(store, series_interval_days=interval)
    assert content_edit.describe_when(timeline.step(step_id), clinic) == expected


def test_preview_on_the_command_line_shows_the_clinics_own_wording(store, cli_db):
    glow, other = add_clinic(store), add_clinic(store, "Other Clinic")
    store.content.save(glow.id, "day1_redness", OWN, STAFF, NOW)

    def preview(clinic_id: int) -> dict[str, str]:
        result = CliRunner().invoke(
            load_commands(),
            ["preview", "--session", "2026-03-02 14:00", "--clinic", str(clinic_id), "--json"],
        )
        assert result.exit_code == 0, result.output
        return {step["step"]: step["text"] for step in json.loads(result.output)}

    own, theirs = preview(glow.id), preview(other.id)
    assert own["day1_redness"].startswith("Hi Alex, the Glow Clinic team hopes you are feeling")
    assert own["day1_redness"].endswith("Written by the team at Glow Clinic.</i>")
    assert own["day2_settling"] == theirs["day2_settling"].replace("Other Clinic", "Glow Clinic")
    assert theirs["day1_redness"].startswith("Hi Alex, a day on from your session")
    text = CliRunner().invoke(
        load_commands(), ["preview", "--session", "2026-03-02 14:00", "--clinic", str(glow.id)]
    )
    assert "day1_redness  (Glow Clinic's own wording)" in text.output
