"""A clinic's team through the real bot and the stand-in: admins and staff, removing a member,
leaving, and the commands only admins may use. Sam joined Glow first (its admin), Sky second
(staff); Olga is Other's admin."""

from __future__ import annotations

import json

import pytest

from bot.people.numbers import MAX_NUMBER
from bot.wording.patients import answers
from bot.wording.staff import alerts, members, numbers, team
from tests.e2e.conftest import AMIRA, OLGA, SAM, SKY, TOKEN

GLOW = "Glow Clinic"


def scope(chat_id: int) -> tuple[str, str]:
    """The stand-in's key for a chat's own command menu."""
    return json.dumps({"chat_id": chat_id, "type": "chat"}, sort_keys=True), ""


def menu(world, chat_id: int) -> list[str]:
    return [c["command"] for c in world.bot.standin.commands.get(scope(chat_id), [])]


async def test_roles_come_from_joining_and_menus_follow_them(world):
    assert [(m.chat_id, m.role) for m in world.store.staff.members(world.glow.id)] == [
        (SAM, "admin"),
        (SKY, "staff"),
    ]
    assert "settings" in menu(world, SAM) and "edit" in menu(world, SAM)
    assert "settings" not in menu(world, SKY) and "edit" not in menu(world, SKY)
    assert "enroll" in menu(world, SKY) and "leave" in menu(world, SKY)
    [listing] = await world.sky.send("/staff")
    assert listing.text.startswith("Glow Clinic's team")
    assert "#1 · Sam · admin · 02 Mar 2026" in listing.text
    assert "#2 · Sky · staff · 02 Mar 2026 (you)" in listing.text
    assert "Olga" not in listing.text  # another clinic's team
    [staff_help] = await world.sky.send("/help")
    assert staff_help.text == team.STAFF_HELP


async def test_an_admin_removes_a_member_who_then_gets_no_alert_and_no_staff_command(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    await amira.send("I have a fever and yellow pus", expect=2)  # an alert Sky still holds
    old_alert = world.bot.standin.messages(SKY)[-1]
    sky_number = world.store.staff.member(SKY).id
    [done] = await world.sam.send(f"/staff remove {sky_number}")
    assert done.text == members.removed(sky_number, "Sky", GLOW)
    # The menu goes at once: the chat's own scope is deleted at Telegram.
    [deleted] = world.bot.standin.calls("deleteMyCommands")
    assert deleted.payload["scope"] == {"type": "chat", "chat_id": SKY}
    assert menu(world, SKY) == []
    assert world.store.staff.chats(world.glow.id) == [SAM]
    assert world.store.events.counts(world.glow.id)["staff_left"] == 1

    # A red flag reaches Sam only; Sky gets nothing more from the bot.
    sky_before = len(world.bot.standin.messages(SKY))
    urgent, note = await amira.send("my face is oozing pus and I feel hot", expect=2)
    assert "Please call Glow Clinic" in urgent.text and note.text == answers.STAFF_ALERTED
    assert "oozing pus" in world.bot.standin.messages(SAM)[-1].text
    assert len(world.bot.standin.messages(SKY)) == sky_before
    # Every staff command is refused, and nothing is enrolled or listed for them.
    for command in ("/patients", "/enroll Bea", "/queue", "/content", "/staff"):
        [refused] = await world.sky.send(command)
        assert refused.text == team.STAFF_ONLY, command
    assert world.store.patients.count(world.glow.id) == 1
    # Their old alert no longer lets them write to the patient.
    [not_yours] = await world.sky.tap(old_alert.button_data()[0])
    assert not_yours.text == alerts.REPLY_NOT_YOURS
    amira_before = len(amira.messages())
    await world.sky.reply_to(old_alert.message_id, "Come in tomorrow")
    assert len(amira.messages()) == amira_before


@pytest.mark.parametrize(
    "typed, says",
    [
        pytest.param("/staff remove", members.REMOVE_USAGE, id="no_number"),
        pytest.param("/staff remove 99", members.no_such_member("99"), id="unknown_number"),
        pytest.param("/staff remove two",
                     numbers.not_a_number("two", "member number", 1, MAX_NUMBER, "/staff remove 3"),
                     id="not_a_number"),
        pytest.param("/staff remove ٣", numbers.not_ascii("٣", "/staff remove 3"),
                     id="foreign_digit"),
        pytest.param("/staff remove 3", members.no_such_member("3"), id="other_clinics_member"),
        pytest.param("/staff remove 1", members.LAST_ADMIN, id="last_admin"),
        pytest.param("/staff invite owner", members.INVITE_USAGE, id="unknown_role"),
        pytest.param("/staff fire 2", members.USAGE, id="unknown_action"),
    ],
)  # fmt: skip
async def test_bad_team_commands_are_refused_and_change_nothing(world, typed, says):
    assert world.store.staff.member(OLGA).id == 3  # "#3" exists, at another clinic
    [reply] = await world.sam.send(typed)
    assert reply.text == says
    assert world.store.staff.chats(world.glow.id) == [SAM, SKY]
    assert world.store.staff.admin_count(world.glow.id) == 1
    assert world.bot.standin.calls("deleteMyCommands") == []


ADMIN_ONLY = [
    pytest.param("/edit day1_redness", id="edit"),
    pytest.param("/revert day1_redness", id="revert"),
    pytest.param("/revert day1_redness 1", id="revert_version"),
    pytest.param("/faq add", id="faq_add"),
    pytest.param("/faq delete 1", id="faq_delete"),
    pytest.param("/settings phone +44 20 7946 0999", id="settings_change"),
    pytest.param("/staff invite", id="invite"),
    pytest.param("/staff invite admin", id="invite_admin"),
    pytest.param("/staff remove 1", id="remove"),
    pytest.param("/review", id="review"),
    pytest.param("/passage off 004#3", id="passage_off"),
]


@pytest.mark.parametrize("command", ADMIN_ONLY)
async def test_a_staff_member_is_refused_an_admin_command(world, command):
    invites = world.store.db.execute("SELECT count(*) FROM invites").fetchone()[0]
    [refused] = await world.sky.send(command)
    assert refused.text == members.admin_only(GLOW)
    # Nothing changed: no wording, no answer, the same phone, team and invites, no draft.
    assert world.store.content.active_for_clinic(world.glow.id) == {}
    assert world.store.faq_entries.for_clinic(world.glow.id) == []
    assert world.store.clinics.get(world.glow.id).phone == "+44 20 7946 0000"
    assert world.store.staff.chats(world.glow.id) == [SAM, SKY]
    assert world.store.db.execute("SELECT count(*) FROM invites").fetchone()[0] == invites
    assert world.store.passage_switches.off_for_clinic(world.glow.id) == frozenset()
    [plain] = await world.sky.send("Hello there")  # no draft took the next text
    assert "Hello there" not in plain.text


async def test_staff_may_read_the_wording_answers_settings_and_team(world):
    for command, starts in (
        ("/content", "Aftercare messages for Glow Clinic"),
        ("/faq", ""),
        ("/settings", "Glow Clinic's settings:"),
        ("/staff", "Glow Clinic's team"),
        ("/content history day1_redness", "day1_redness has always used the default"),
        ("/passages", "Passages of the aftercare guide the bot may quote to Glow Clinic's"),
    ):
        [reply] = await world.sky.send(command)
        assert reply.text.startswith(starts), command
        assert reply.text != members.admin_only(GLOW)


async def test_the_last_admin_is_refused_leave_and_staff_may_leave(world):
    [refused] = await world.sam.send("/leave")
    assert refused.text == members.LAST_ADMIN_LEAVE
    assert world.store.staff.chats(world.glow.id) == [SAM, SKY]

    [asked] = await world.sky.send("/leave")
    assert asked.text == members.confirm_leave(GLOW)
    [stayed] = await world.sky.tap("leave:no")
    assert stayed.text == members.STAYED and world.store.staff.clinic_of(SKY) == world.glow.id
    await world.sky.send("/leave")
    [left] = await world.sky.tap("leave:yes")
    assert left.text == members.left(GLOW)
    assert world.store.staff.clinic_of(SKY) is None and menu(world, SKY) == []

    # With a second admin, the first may leave; the team keeps an admin.
    [invited] = await world.sam.send("/staff invite admin")
    token = TOKEN.search(invited.text)[1]
    assert "one new admin member" in invited.text
    ada = world.person(2004, "Ada")
    [joined] = await ada.send(f"/start {token}")
    assert "You are one of its admins" in joined.text
    await world.sam.send("/leave")
    [gone] = await world.sam.tap("leave:yes")
    assert gone.text == members.left(GLOW)
    assert [(m.chat_id, m.role) for m in world.store.staff.members(world.glow.id)] == [
        (2004, "admin")
    ]
    # An admin invited back as staff returns with the new role.
    [again] = await ada.send("/staff invite")
    await world.sky.send(f"/start {TOKEN.search(again.text)[1]}")
    assert world.store.staff.member(SKY).role == "staff"
    assert "settings" not in menu(world, SKY)
