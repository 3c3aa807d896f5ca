"""`aftercare preview`: the timeline as a patient would receive it."""

import json
from datetime import datetime, timedelta

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from content.seeds import quote_in_document
from tests.conftest import add_clinic

cli = load_commands()


def preview(*args):
    return CliRunner().invoke(cli, ["preview", *args])


def preview_json(session, zone="Europe/London", *extra):
    result = preview("--session", session, "--timezone", zone, "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# A plain week, the week of the March change, the week of the October change.
SESSIONS = [
    pytest.param("2025-05-06 14:00", id="plain_week"),
    pytest.param("2025-03-27 14:00", id="march_change_week"),
    pytest.param("2025-10-23 14:00", id="october_change_week"),
]


@pytest.mark.parametrize("session", SESSIONS)
def test_done_when(session):
    steps = preview_json(session)
    start = datetime.strptime(session, "%Y-%m-%d %H:%M")
    at = {s["step"]: datetime.fromisoformat(s["send_at"]) for s in steps}

    def after(step_id):
        return at[step_id].replace(tzinfo=None) - start

    # the serum step within 2 hours
    serum = [s for s in steps if "serum" in s["text"] and "hyaluronic acid" in s["text"]]
    assert serum and timedelta(0) <= after(serum[0]["step"]) <= timedelta(hours=2)
    # a redness step on day 1 or 2
    redness = [s["step"] for s in steps if "redness" in s["text"]]
    assert any(after(step).days in (1, 2) for step in redness)
    # a book-next-session step 3 to 6 weeks later
    booking = [s["step"] for s in steps if "Book online" in s["text"]]
    assert booking
    assert all(timedelta(weeks=3) <= after(step) <= timedelta(weeks=6) for step in booking)


@pytest.mark.parametrize("session", SESSIONS)
def test_every_step_has_a_source_found_in_its_document(session):
    for step in preview_json(session):
        assert step["sources"], step["step"]
        for source in step["sources"]:
            assert quote_in_document(source["quote"], source["doc"]), source


def test_json_shape():
    steps = preview_json("2025-05-06 14:00")
    assert steps
    for step in steps:
        assert set(step) == {"step", "send_at", "text", "sources"}
        # Each source names its document by file, title and (where it names one) address.
        keys = {"doc", "title", "address", "quote"}
        assert all(set(source) == keys for source in step["sources"])
        assert datetime.fromisoformat(step["send_at"]).utcoffset() == timedelta(hours=1)
    assert steps[0]["send_at"] == "2025-05-06T14:00:00+01:00"
    assert "Example Skin Clinic" in steps[0]["text"]


def test_send_times_are_in_the_given_zone_and_window():
    steps = preview_json("2025-05-06 19:30", "America/New_York")
    first, second = (datetime.fromisoformat(s["send_at"]) for s in steps[:2])
    assert first.isoformat() == "2025-05-06T19:30:00-04:00"  # immediate
    assert second.isoformat() == "2025-05-07T19:30:00-04:00"  # inside 09:00-20:00
    late = preview_json("2025-05-06 20:30")
    assert late[1]["send_at"] == "2025-05-08T09:00:00+01:00"  # after 20:00: next morning


def test_no_booking_after_the_last_session_of_a_series():
    last = ("--session-number", "3", "--series-length", "3")
    steps = preview_json("2025-05-06 14:00", "Europe/London", *last)
    assert steps and not [s for s in steps if s["step"].startswith("book_")]


def test_text_output_shows_time_step_text_buttons_and_sources():
    result = preview("--session", "2025-05-06 14:00", "--timezone", "Europe/London")
    assert result.exit_code == 0
    assert "Tue 06 May 2025 14:00 BST  serum_now" in result.output
    assert "│ “Most individuals experience redness" in result.output
    assert "[Book my next session] https://example.com/book" in result.output
    # Sources by the document's title (content/documents.yaml), never the file's hash name.
    title = "How Does Microneedling Work, and What Are The Key Benefits For Individuals"
    assert f"source: {title}" in result.output
    assert "Skin Health?: “Immediately after the procedure" in result.output
    assert "002_4b1ae83a6685b41f" not in result.output
    assert "<blockquote>" not in result.output


@pytest.fixture
def clinic_db(store, cli_db):
    """A real database named by AFTERCARE_DB holding one clinic in Paris."""
    return add_clinic(store, "Lumière Clinic", phone="+33 1 00 00 00 00", timezone="Europe/Paris")


def test_clinic_from_the_database_names_it_and_uses_its_zone(clinic_db):
    result = preview("--session", "2025-05-06 14:00", "--clinic", str(clinic_db.id), "--json")
    assert result.exit_code == 0, result.output
    steps = json.loads(result.output)
    assert "Lumière Clinic" in steps[0]["text"]
    assert steps[0]["send_at"].endswith("+02:00")  # Paris summer time


def test_unknown_clinic_id_is_a_usage_error(clinic_db):
    result = preview("--session", "2025-05-06 14:00", "--clinic", "7")
    assert result.exit_code == 2
    assert "no clinic with id 7" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--session", "tomorrow"], "is not a date and time", id="session_a_word"),
        pytest.param(["--session", "2025-05-06"], "is not a date and time", id="session_no_time"),
        pytest.param(
            ["--session", "2025-05-06 14:00", "--timezone", "Mars/Olympus"],
            "unknown time zone",
            id="unknown_zone",
        ),
        pytest.param(
            ["--timezone", "Europe/London"], "Missing option '--session'", id="no_session"
        ),
    ],
)
def test_bad_input_is_a_usage_error(args, message):
    result = preview(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_broken_content_is_not_previewed(tmp_path):
    (tmp_path / "timeline.yaml").write_text("steps: []", encoding="utf-8")
    result = preview("--session", "2025-05-06 14:00", "--content", str(tmp_path))
    assert result.exit_code == 1
    assert "non-empty list under 'steps'" in result.output


@pytest.mark.parametrize("command", [["content"], ["content", "check"], ["preview"]], ids=" ".join)
def test_help_ends_with_an_example(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_day_one_after_a_saturday_evening_before_the_clocks_change_is_sunday_evening():
    # Calendar days in the clinic's zone: 24 hours later would be 20:30 BST, past closing,
    # and day 1 would wait for Monday morning.
    result = preview("--session", "2026-03-28 19:30", "--timezone", "Europe/London")
    assert result.exit_code == 0, result.output
    assert "Sun 29 Mar 2026 19:30 BST  day1_redness" in result.output
    assert "Mon 30 Mar 2026 19:30 BST  day2_settling" in result.output


def test_a_clinic_whose_interval_does_not_fit_is_warned_about(clinic_db, store):
    # as a clinic added before intervals were checked
    store.db.execute("UPDATE clinics SET series_interval_days = 2 WHERE id = ?", [clinic_db.id])
    result = preview("--session", "2025-05-06 14:00", "--clinic", str(clinic_db.id))
    assert result.exit_code == 0, result.output
    assert "warning: Lumière Clinic: a series interval of 2 days is too short" in result.output
    assert "book_next (interval - 5d) would be sent before step week1_collagen (7d)" in (
        result.output
    )
