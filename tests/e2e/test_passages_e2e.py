"""A clinic switching a passage off from Telegram, through the real bot and the stand-in:
staff list the passages and switch one off; a patient's question whose best answer quoted it
never gets it again; `aftercare content check --clinic` names the step still quoting it."""

from __future__ import annotations

import asyncio

from click.testing import CliRunner

from bot.cli import load_commands
from bot.wording.staff import passages as words
from bot.wording.staff import team
from tests.e2e.conftest import OLGA

cli = load_commands()
VITAMIN_C = "004#3"  # "Moreover, ... it is highly recommended to apply ... vitamin C ..."
VITAMIN_C_ID = "004_f59c8c46db378ab5#3"
QUOTED = "vitamin C for maximum benefits"
QUESTION = "what serum should I use after?"


def _check(db, clinic_id: int):
    return CliRunner().invoke(
        cli, ["content", "check", "--clinic", str(clinic_id)], env={"AFTERCARE_DB": str(db)}
    )


async def test_staff_switch_a_passage_off_and_patients_never_get_it(world, amira, tmp_path):
    glow = world.glow.id
    [before] = await amira.send(QUESTION)
    assert QUOTED in before.text

    # /passages: every passage with its id, state and start, under its document.
    listing = await world.sam.send("/passages", expect=2)
    shown = "\n".join(m.text for m in listing)
    assert "• 004#3 · on · “Moreover, microneedling can also enhance" in shown
    assert "Document 004: " in shown and "/passage off <id>" in shown
    assert all(len(m.text) <= 4096 for m in listing)

    [switched] = await world.sam.send(f"/passage off {VITAMIN_C}")
    assert switched.text.startswith("Switched off: 004#3 “Moreover, microneedling")
    assert words.step_still_quotes("serum_now") in switched.text
    history = world.store.passage_switches.history(glow, VITAMIN_C_ID)
    assert [(s.state, s.version, s.author) for s in history] == [("off", 1, "staff:2001")]

    # The patient's question no longer gets the passage: another answer, or "not covered".
    [after] = await amira.send(QUESTION)
    assert QUOTED not in after.text
    assert "Moreover, microneedling can also enhance" not in after.text

    # The listing shows it off, by whom and when.
    listing = await world.sam.send("/passages", expect=2)
    assert "• 004#3 · OFF · “Moreover" in "\n".join(m.text for m in listing)
    assert "(by you, " in "\n".join(m.text for m in listing)

    # The content check names the timeline step that still quotes it.
    checked = await asyncio.to_thread(_check, tmp_path / "e2e.db", glow)
    assert checked.exit_code == 1
    assert "timeline.yaml: step serum_now: quotes 004#3 “Moreover" in checked.output

    # Back on: quoted again, a second version by the same staff member.
    [on] = await world.sam.send(f"/passage on {VITAMIN_C}")
    assert on.text.startswith("Switched on: 004#3")
    [again] = await amira.send(QUESTION)
    assert QUOTED in again.text
    history = world.store.passage_switches.history(glow, VITAMIN_C_ID)
    assert [(s.state, s.version, s.author) for s in history][-1] == ("on", 2, "staff:2001")


async def test_bad_passage_commands_say_what_to_send_and_change_nothing(world):
    for command, says in [
        ("/passage off 004#99", words.unknown_passage_in_chat("004#99")),
        ("/passage off vitamin", words.unknown_passage_in_chat("vitamin")),
        ("/passage off", words.PASSAGE_USAGE),
        ("/passage maybe 004#3", words.PASSAGE_USAGE),
        ("/passage off 004#3 004#4", words.PASSAGE_USAGE),
    ]:
        [reply] = await world.sam.send(command)
        assert reply.text == says, command
    assert "send /passages to see them" in words.unknown_passage_in_chat("x")
    assert list(world.store.db.query("SELECT * FROM passage_switches")) == []


async def test_passage_commands_are_for_staff_and_their_own_clinic(world, amira):
    [refused] = await amira.send("/passage off 004#3")
    assert refused.text == team.STAFF_ONLY
    # Olga, at the other clinic, switches it off for hers only.
    await world.olga.send("/passage off 004#3")
    [answer] = await amira.send(QUESTION)
    assert QUOTED in answer.text
    [switch] = world.store.db.query("SELECT clinic_id FROM passage_switches")
    assert switch["clinic_id"] == world.store.staff.clinic_of(OLGA) != world.glow.id


async def test_the_staff_help_and_command_menu_name_the_commands(world):
    [help_text] = await world.sam.send("/help")
    assert "/passages" in help_text.text and "/passage off <id>" in help_text.text
    scope = '{"chat_id": 2001, "type": "chat"}'
    await world.bot.standin.wait_for_records(count=4, methods=("setMyCommands",))
    menu = [c["command"] for c in world.bot.standin.commands[(scope, "")]]
    assert {"passages", "passage"} <= set(menu)
