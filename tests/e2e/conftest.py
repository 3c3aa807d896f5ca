"""End-to-end fixtures: a world with two clinics and three staff, the real bot running
against the Bot API stand-in on a ManualClock. Logs are checked for names after each test."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import pytest

from bot.clock import ManualClock
from bot.standin.harness import RunningBot, running_bot
from bot.store import Store
from bot.store.escalations import Escalation
from tests.conftest import NOW
from tests.e2e.people import Person
from tests.e2e.staffed import two_clinics

BOT = "AftercareDemoBot"  # the stand-in's default username
TOKEN = re.compile(rf"https://t\.me/{BOT}\?start=([A-Za-z0-9_-]{{32}})")
SAM, SKY, OLGA = 2001, 2002, 2003  # staff: Sam and Sky at Glow, Olga at another clinic
AMIRA, BEA, MALLORY = 1001, 1002, 1003
PROBE = 1999  # a stranger whose /help shows that earlier updates were handled


@dataclass
class World:
    bot: RunningBot
    clock: ManualClock
    glow: object
    sam: Person
    private: list[str] = field(default_factory=list)  # must never appear in logs

    @property
    def store(self) -> Store:
        return self.bot.store

    def escalations_of(self, chat_id: int) -> list[Escalation]:
        """The escalations of the patient this chat talks as, oldest first."""
        return self.store.escalations.for_patient(self.store.patients.by_chat(chat_id).id)

    def person(self, chat_id: int, name: str) -> Person:
        self.private.append(name)
        return Person(self.bot.standin, chat_id, name)

    async def enroll(self, args: str, *, by: Person | None = None) -> str:
        """Staff enroll a patient; returns the link's token from the QR code's caption."""
        [photo] = await (by or self.sam).send(f"/enroll {args}")
        assert photo.method == "sendPhoto" and photo.payload["photo_bytes"] > 0
        return TOKEN.search(photo.text)[1]

    def patient_of(self, token: str):
        """The patient row a link was made for (a link binds to a chat only once agreed)."""
        session = self.store.sessions.get(self.store.invites.get(token).session_id)
        return self.store.patients.get(session.patient_id)

    async def signed_up(self, patient: Person, args: str | None = None) -> str:
        token = await self.enroll(args or patient.first_name)
        await patient.send(f"/start {token}")
        # Agreeing plans the timeline: the thank-you and the first aftercare message arrive.
        replies = await patient.tap(f"consent:yes:{token}", expect=2)
        assert any("receptive to serums" in (r.text or "") for r in replies), replies
        await self.settle()
        return token

    async def handled(self) -> None:
        """Wait until the bot has handled every update injected so far, for updates it
        answers with nothing: it handles updates one at a time, so a probe's answer means
        everything before it was handled."""
        probe = Person(self.bot.standin, PROBE, "Probe")
        [answer] = await probe.send("/help")
        assert answer.text

    async def settle(self) -> None:
        """Let an outbox run in flight finish before the test moves the manual clock: a run
        that outlived the move would judge its remaining rows at the new time."""
        await self.bot.app.bot_data["outbox"].run_once()


@pytest.fixture
async def world(tmp_path, caplog, request):
    """The world on a new SQLite file; a module whose tests take `database` (the journeys
    run on both databases) gets it on that database instead."""
    caplog.set_level(logging.INFO)
    both = "database" in request.fixturenames
    db = request.getfixturevalue("database") if both else tmp_path / "e2e.db"
    glow, _, invites = two_clinics(db)
    clock = ManualClock(NOW)
    async with running_bot(db, clock=clock) as bot:
        staff = [Person(bot.standin, chat, name) for chat, name in ((SAM, "Sam"), (SKY, "Sky"))]
        staff.append(Person(bot.standin, OLGA, "Olga"))
        for person, token in zip(staff, invites, strict=True):
            await person.send(f"/start {token}")
        world = World(bot, clock, glow, staff[0])
        world.sky, world.olga = staff[1], staff[2]
        yield world
    # Privacy: logs carry ids and event names, never a name or a patient's words.
    records = [*caplog.get_records("setup"), *caplog.get_records("call"), *caplog.records]
    assert records, "no log records captured"
    logged = "\n".join(record.getMessage() for record in records)
    leaked = [secret for secret in world.private if secret in logged]
    assert not leaked, f"logs mention {leaked}"


@pytest.fixture
async def amira(world: World) -> Person:
    """Amira, enrolled at Glow, who agreed: her timeline is planned and her chat is linked."""
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    return amira
