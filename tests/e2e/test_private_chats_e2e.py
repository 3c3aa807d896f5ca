"""Private chats only: invites, links and patient features work only in a private chat with
the bot; a group is told so once and then left alone; a channel gets no reply. Groups that
had joined as staff or signed up as a patient are revoked by a migration and told once."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from bot.clock import ManualClock
from bot.people.staff import invite_staff
from bot.standin.harness import running_bot
from bot.store.migrations import migrations
from bot.store.timefmt import iso
from bot.wording.patients import general, joining
from bot.wording.staff import team
from tests.e2e.conftest import AMIRA, World
from tests.e2e.people import Person
from tests.enroll_helpers import NOW

GROUP, SUPERGROUP, CHANNEL = -4001, -1004000000001, -1004000000002


async def test_an_invite_or_link_opened_in_a_group_does_nothing_and_says_so_once(world: World):
    group = Person(world.bot.standin, GROUP, "Sam")
    staff_invite = invite_staff(world.store, world.glow.id, NOW)
    [told] = await group.send(f"/start {staff_invite.token}")
    assert told.text == general.PRIVATE_CHATS_ONLY
    token = await world.enroll("Amira")
    await group.send(f"/start {token}", expect=0)
    await group.send("how long will I be red?", expect=0)
    await world.handled()
    assert world.bot.standin.messages(GROUP) == [told]  # told once, then quiet
    assert world.store.staff.clinic_of(GROUP) is None
    assert world.store.invites.get(staff_invite.token).used_at is None
    assert world.store.consent_prompts.open_token(GROUP) is None
    assert world.store.escalations.for_patient(world.patient_of(token).id) == []
    # Both links still work in a private chat.
    amira = world.person(AMIRA, "Amira")
    [consent] = await amira.send(f"/start {token}")
    assert consent.button_data() == [f"consent:yes:{token}", f"consent:no:{token}"]


async def test_a_supergroup_is_told_once_and_a_channel_gets_no_reply(world: World):
    supergroup = Person(world.bot.standin, SUPERGROUP, "Bea")
    [told] = await supergroup.send("/help")
    assert told.text == general.PRIVATE_CHATS_ONLY
    await supergroup.send("/next", expect=0)
    world.bot.standin.inject_channel_post(CHANNEL, "STOP")
    world.bot.standin.inject_channel_post(CHANNEL, "there is pus")
    await world.handled()
    assert world.bot.standin.messages(SUPERGROUP) == [told]
    assert world.bot.standin.messages(CHANNEL) == []


async def test_staff_commands_and_buttons_in_a_group_do_nothing(world: World):
    group = Person(world.bot.standin, GROUP, "Sam")
    await group.send("/enroll Amira")  # the one notice
    await group.send("/patients", expect=0)
    await world.handled()
    assert world.store.patients.count(world.glow.id) == 0
    assert len(world.bot.standin.messages(GROUP)) == 1


def _database_before_the_rule(path) -> None:
    """A database before migration 12, where a group joined Glow's staff, another group signed up
    as a patient with a message waiting, and a private chat opened a link it has not agreed to."""
    db = Database(sqlite3.connect(str(path), isolation_level=None))
    migrations.apply(db, stop_before="m012_private_chats_and_consent_prompts")
    at, later = iso(NOW), iso(NOW.replace(day=9))
    db.executescript(
        f"""
        INSERT INTO clinics (id, name, phone, timezone, created_at)
            VALUES (1, 'Glow Clinic', '+44 20 7946 0000', 'Europe/London', '{at}');
        INSERT INTO staff (clinic_id, chat_id, joined_at) VALUES (1, {GROUP}, '{at}');
        INSERT INTO patients (id, clinic_id, first_name, chat_id, status, consented_at,
            created_at) VALUES (1, 1, 'Team', {SUPERGROUP}, 'active', '{at}', '{at}');
        INSERT INTO sessions (id, patient_id, clinic_id, session_at, created_at)
            VALUES (1, 1, 1, '{at}', '{at}');
        INSERT INTO deliveries (patient_id, session_id, clinic_id, step_id, due_at, status,
            next_attempt_at) VALUES (1, 1, 1, 'day1_redness', '{later}', 'pending', '{later}');
        INSERT INTO patients (id, clinic_id, first_name, chat_id, status, created_at)
            VALUES (2, 1, 'Amira', {AMIRA}, 'invited', '{at}');
        INSERT INTO sessions (id, patient_id, clinic_id, session_at, created_at)
            VALUES (2, 2, 1, '{at}', '{at}');
        INSERT INTO invites (token, kind, clinic_id, session_id, created_at, expires_at,
            used_at, used_by) VALUES ('amiras-link', 'patient', 1, 2, '{at}', '{later}',
            '{at}', {AMIRA});
        """
    )
    db.close()


async def test_groups_registered_before_the_rule_are_revoked_and_told_once(tmp_path):
    path = tmp_path / "before.db"
    _database_before_the_rule(path)
    async with running_bot(path, clock=ManualClock(NOW)) as bot:
        staff_group, patient_group = (
            Person(bot.standin, GROUP, "Sam"),
            Person(bot.standin, SUPERGROUP, "Team"),
        )
        # At start-up each revoked group hears it once, saying what it lost.
        [notice] = await bot.standin.wait_for_messages(GROUP, 1)
        assert notice.text == team.GROUP_STAFF_REVOKED
        [notice] = await bot.standin.wait_for_messages(SUPERGROUP, 1)
        assert notice.text == general.GROUP_PATIENT_REVOKED
        await staff_group.send("/patients", expect=0)
        await patient_group.send("/next", expect=0)
        amira = Person(bot.standin, AMIRA, "Amira")
        # The link Amira opened but never agreed to is not bound: her typed yes still counts.
        welcome, _first = await amira.send("yes", expect=2)
        assert welcome.text == joining.consented("Glow Clinic", "+44 20 7946 0000")
        assert len(bot.standin.messages(GROUP)) == len(bot.standin.messages(SUPERGROUP)) == 1
        store = bot.store
        assert store.staff.chats(1) == []
        assert store.patients.get(1).status == "cancelled"
        assert store.patients.get(1).chat_id is None
        assert {r.status for r in store.deliveries.for_patient(1)} == {"cancelled"}
        assert store.patients.get(2).chat_id == AMIRA
