"""Running a clinic from the command line, against a real database file: `clinic set|show|
review`, `staff invite|list|remove`, `content history|revert`, and `enroll` waiting for the
go-live review."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.clock import ManualClock
from bot.people.enrollment import open_link
from bot.standin.harness import running_bot
from bot.store import Store
from bot.wording.staff import history, members, review
from tests.enroll_helpers import NOW

cli = load_commands()
LINK = re.compile(r"https://t\.me/GlowBot\?start=([A-Za-z0-9_-]{32})")
GLOW = ["--name", "Glow Clinic", "--timezone", "Europe/London", "--phone", "+44 20 7946 0000"]
REDNESS = (
    "> Most individuals experience redness and mild swelling post-treatment for a day or two, "
    "with any potential discomfort easily managed with over-the-counter pain relievers."
)


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AFTERCARE_DB", str(tmp_path / "ops.db"))
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "GlowBot")
    monkeypatch.delenv("AFTERCARE_CLOCK_SPEED", raising=False)
    return tmp_path / "ops.db"


def run(*args):
    return CliRunner().invoke(cli, list(args), obj={"clock": ManualClock(NOW)})


def team(env, *chats: int) -> None:
    """Clinic 1 with the `clinic add` invite taken by the first chat, staff invites by the rest."""
    tokens = [LINK.search(run("clinic", "add", *GLOW).output)[1]]
    tokens += [LINK.search(run("staff", "invite", "--clinic", "1").output)[1] for _ in chats[1:]]
    store = Store.open(env)
    for chat, token in zip(chats, tokens, strict=True):
        open_link(store, token, chat, NOW, name=f"Chat{chat}")
    store.close()


def test_clinic_set_checks_stores_and_audits(env):
    run("clinic", "add", *GLOW)
    done = run(
        "clinic", "set", "1", "--out-of-hours", "+44 7700 900123", "--send-window", "08:00-21:00"
    )
    assert done.exit_code == 0, done.output
    assert "• out-of-hours number: not given → +44 7700 900123" in done.output
    assert "message(s) not yet sent now go out at the new times" in done.output
    shown = run("clinic", "show", "1")
    assert "• outofhours: +44 7700 900123" in shown.output
    assert "send window: 09:00-20:00 → 08:00-21:00 · by the command line" in shown.output
    assert review.not_live_cli(1, "Glow Clinic") in shown.output


@pytest.mark.parametrize(
    "args, says",
    [
        pytest.param(["--phone", "12"], "nothing changed: phone: '12' is not a phone", id="phone"),
        pytest.param(["--opening-hours", "Mon 9-5"], "opening hours: can't read the hours",
                     id="hours"),
        pytest.param(["--series-interval-days", "0", "--timezone", "Nowhere"],
                     "series interval (days): the series interval must be between 1 and 365",
                     id="two_problems"),
        pytest.param([], "give at least one setting to change", id="nothing_given"),
    ],
)  # fmt: skip
def test_clinic_set_refuses_bad_input_and_changes_nothing(env, args, says):
    run("clinic", "add", *GLOW)
    store = Store.open(env)
    before = store.clinics.get(1)
    store.close()
    result = run("clinic", "set", "1", *args)
    assert result.exit_code == 2 and says in result.output
    assert "Traceback" not in result.output
    store = Store.open(env)
    assert store.clinics.get(1) == before and store.clinic_changes.newest(1) == []
    store.close()
    assert run("clinic", "set", "9", "--phone", "+44 20 7946 0001").exit_code == 2


def test_staff_list_remove_and_the_last_admin(env):
    team(env, 2001, 2002)
    listed = run("staff", "list", "--clinic", "1")
    assert "#1 · Chat2001 · admin · 02 Mar 2026" in listed.output
    assert "#2 · Chat2002 · staff · 02 Mar 2026" in listed.output
    last = run("staff", "remove", "--clinic", "1", "1")
    assert last.exit_code == 1 and members.LAST_ADMIN in last.output
    unknown = run("staff", "remove", "--clinic", "1", "7")
    assert unknown.exit_code == 1 and members.no_such_member("7") in unknown.output
    removed = run("staff", "remove", "--clinic", "1", "2")
    assert removed.exit_code == 0
    assert removed.output.strip() == members.removed(2, "Chat2002", "Glow Clinic")
    assert "Chat2002" not in run("staff", "list", "--clinic", "1").output
    # An admin invite makes an admin even when the clinic has one.
    token = LINK.search(run("staff", "invite", "--clinic", "1", "--admin").output)[1]
    store = Store.open(env)
    assert open_link(store, token, 2003, NOW).admin and store.staff.admin_count(1) == 2
    store.close()


async def test_a_member_removed_while_the_bot_was_stopped_loses_the_menu_at_start(env):
    team(env, 2001, 2002)
    assert run("staff", "remove", "--clinic", "1", "2").exit_code == 0
    async with running_bot(env, clock=ManualClock(NOW)) as bot:
        [deleted] = bot.standin.calls("deleteMyCommands")
        assert deleted.payload["scope"] == {"type": "chat", "chat_id": 2002}
        assert bot.store.staff.menus_to_clear() == []
    async with running_bot(env, clock=ManualClock(NOW)) as bot:
        assert bot.standin.calls("deleteMyCommands") == []  # once is enough


def test_content_history_and_revert(env):
    run("clinic", "add", *GLOW)
    store = Store.open(env)
    store.content.save(1, "day1_redness", "Hi {first_name}, one.\n" + REDNESS, 2001, NOW)
    store.content.save(1, "day1_redness", "Hi {first_name}, two.\n" + REDNESS, 2001, NOW)
    store.close()
    shown = run("content", "history", "--clinic", "1", "day1_redness")
    assert shown.exit_code == 0
    assert "v2 · by staff chat 2001 · 02 Mar 2026 14:00 · in use" in shown.output
    assert "  + Hi {first_name}, two." in shown.output
    back = run("content", "revert", "--clinic", "1", "day1_redness", "1")
    assert back.output.strip() == history.restored("day1_redness", 1, 3)
    bad = run("content", "revert", "--clinic", "1", "day1_redness", "5")
    assert bad.output.strip() == history.no_such_version("5", "day1_redness", 3)
    assert run("content", "history", "--clinic", "4", "day1_redness").exit_code == 2
    default = run("content", "revert", "--clinic", "1", "day1_redness")
    assert default.output.startswith("day1_redness is back to the default wording")


def test_the_go_live_review_and_enroll(env, tmp_path):
    run("clinic", "add", *GLOW)
    csv = tmp_path / "today.csv"
    csv.write_text("first_name,session_at\nAmira,2026-03-02 10:30\n", encoding="utf-8")
    refused = run("enroll", "--clinic", "1", "--csv", str(csv))
    assert refused.exit_code == 2 and review.not_live_cli(1, "Glow Clinic") in refused.output
    assert not (tmp_path / "today-links").exists()

    shown = run("clinic", "review", "1")
    assert shown.exit_code == 0
    assert "day1_redness" in shown.output and "Hi Alex, a day on from your session" in shown.output
    assert "source: How Does Microneedling Work, and What Are The Key Benefits" in shown.output
    assert "Document 003: How Microneedling Affects Your Skin\n• 003#1 · on · “" in shown.output
    assert "_6a4980428cc968b7" not in shown.output

    assert run("clinic", "review", "1", "--approve").output.strip() == review.approved(
        "Glow Clinic"
    )
    again = run("clinic", "review", "1", "--approve")
    assert again.output.strip() == review.already_approved("Glow Clinic")
    enrolled = run("enroll", "--clinic", "1", "--csv", str(csv))
    assert enrolled.exit_code == 0 and "Enrolled 1 patient(s)" in enrolled.output
