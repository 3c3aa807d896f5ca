"""`aftercare clinic add|list` and `aftercare staff invite` against a real database file."""

import re

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.clock import ManualClock
from bot.people.enrollment import open_link
from bot.people.outcomes import Refused, StaffJoined
from bot.store import Store
from tests.conftest import NOW

cli = load_commands()
LINK = re.compile(r"https://t\.me/GlowBot\?start=([A-Za-z0-9_-]{32})")
GLOW = ["--name", "Glow Clinic", "--timezone", "Europe/London", "--phone", "+44 20 7946 0000"]


@pytest.fixture
def env(cli_db, monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "GlowBot")
    monkeypatch.delenv("AFTERCARE_CLOCK_SPEED", raising=False)
    return cli_db


def run(*args, clock=None):
    return CliRunner().invoke(cli, list(args), obj={"clock": clock or ManualClock(NOW)})


def clinics(db):
    store = Store.open(db)
    try:
        return store.clinics.all()
    finally:
        store.close()


def test_clinic_add_stores_it_and_prints_a_working_staff_invite(env):
    result = run("clinic", "add", *GLOW, "--booking-url", "https://glow.example/book")
    assert result.exit_code == 0, result.output
    assert "Clinic 1 added: Glow Clinic" in result.output
    token = LINK.search(result.output)[1]
    [clinic] = clinics(env)
    assert (clinic.timezone, clinic.booking_url, clinic.series_interval_days) == (
        "Europe/London",
        "https://glow.example/book",
        28,
    )
    store = Store.open(env)
    # The invite `clinic add` prints makes its first member an admin (issue 16).
    assert open_link(store, token, 2001, NOW) == StaffJoined(clinic, admin=True)
    assert store.staff.clinic_of(2001) == clinic.id
    store.close()


def test_staff_invite_makes_another_single_use_invite(env):
    run("clinic", "add", *GLOW)
    first = LINK.search(run("staff", "invite", "--clinic", "1").output)[1]
    second = LINK.search(run("staff", "invite", "--clinic", "1").output)[1]
    assert first != second
    store = Store.open(env)
    open_link(store, first, 2001, NOW)
    assert isinstance(open_link(store, first, 2002, NOW), Refused)
    assert isinstance(open_link(store, second, 2002, NOW), StaffJoined)
    assert store.staff.count(1) == 2
    store.close()
    missing = run("staff", "invite", "--clinic", "9")
    assert missing.exit_code == 2 and "no clinic 9" in missing.output


def test_clinic_list(env):
    Store.open(env).close()  # a database without clinics (a missing one is an error, below)
    assert "No clinics yet" in run("clinic", "list").output
    run("clinic", "add", *GLOW, "--series-interval-days", "42")
    listed = run("clinic", "list")
    assert listed.exit_code == 0
    assert "Glow Clinic" in listed.output and "every 42 days" in listed.output
    assert "staff=0" in listed.output and "patients=0" in listed.output


@pytest.mark.parametrize(
    "option, value, fragment",
    [
        ("--timezone", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("--timezone", "europe/london", "did you mean Europe/London?"),
        ("--timezone", "../../etc/passwd", "unknown time zone"),
        ("--phone", "call us", "is not a phone number"),
        ("--phone", "12", "is not a phone number"),
        ("--name", "  ", "the clinic name is empty"),
        pytest.param("--name", "G" * 200, "longer than 80", id="--name-200_letters"),
        ("--booking-url", "http://glow.example", "https://"),
        ("--booking-url", "javascript:alert(1)", "https://"),
        ("--series-interval-days", "0", "between 1 and 365"),
    ],
)
def test_bad_clinic_settings_are_refused_and_nothing_is_stored(env, option, value, fragment):
    args = [*GLOW]
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    result = run("clinic", "add", *args)
    assert result.exit_code == 2
    assert fragment in result.output
    assert "Traceback" not in result.output
    assert clinics(env) == []


def test_every_problem_is_reported_at_once(env):
    result = run("clinic", "add", "--name", "X", "--timezone", "Nowhere", "--phone", "?")
    assert "unknown time zone" in result.output and "not a phone number" in result.output


def test_without_a_bot_username_nothing_is_written(env, monkeypatch):
    monkeypatch.delenv("TELEGRAM_BOT_USERNAME")
    result = run("clinic", "add", *GLOW)
    assert result.exit_code == 2
    assert "TELEGRAM_BOT_USERNAME" in result.output
    assert clinics(env) == []
    given = run("clinic", "add", *GLOW, "--bot-username", "@GlowBot")
    assert given.exit_code == 0 and LINK.search(given.output)


def test_an_interval_shorter_than_the_care_steps_is_refused_naming_both(env):
    result = run("clinic", "add", *GLOW, "--series-interval-days", "2")
    assert result.exit_code == 2
    assert "a series interval of 2 days is too short" in result.output
    assert "book_next (interval - 5d)" in result.output
    assert "week1_collagen (7d)" in result.output
    assert "use at least 13 days" in result.output
    assert "Traceback" not in result.output
    assert clinics(env) == []
