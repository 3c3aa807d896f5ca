"""Two clinics with staff joined through their invites, for the staff-editing tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pytest

from bot.clock import ManualClock
from bot.inbox.escalation import alert_staff
from bot.people.golive import approve
from bot.people.registration import register_clinic
from bot.people.staff import invite_staff
from bot.standin.driver import ChatDriver
from bot.standin.harness import RunningBot, running_bot
from bot.store import Store
from bot.store.escalations import Escalation
from bot.telegram.handlers.common import alert_sender
from tests.conftest import NOW

SAM, SKY, OLGA, MALLORY = 2001, 2002, 2003, 1003  # Sam, Sky at Glow; Olga at Other; a stranger
BOOKING = "https://glow.example/book"


async def forward_to_staff(bot: RunningBot, escalation: Escalation) -> int:
    """Alert the escalation's clinic through the running bot, as a patient's question would;
    returns how many staff chats got it."""
    return await alert_staff(
        bot.services.db, escalation, send=alert_sender(bot.app.bot), now=bot.clock.now()
    )


@dataclass
class Staffed:
    bot: RunningBot
    clock: ManualClock
    glow: object
    other: object
    sam: ChatDriver
    sky: ChatDriver
    olga: ChatDriver
    stranger: ChatDriver

    @property
    def store(self) -> Store:
        return self.bot.store


def two_clinics(db_path) -> tuple[object, object, list[str]]:
    """Glow (London) and Other (Paris) in a new database, and staff invites for Sam and Sky at
    Glow and Olga at Other, in that order. Shared by every end-to-end world."""
    store = Store.open(db_path)
    glow = register_clinic(
        store, name="Glow Clinic", timezone="Europe/London", phone="+44 20 7946 0000",
        booking_url=BOOKING, now=NOW,
    )  # fmt: skip
    other = register_clinic(
        store, name="Other Clinic", timezone="Europe/Paris", phone="+33 1 40 00 00 00", now=NOW
    )
    # Test fixtures go live at once: their go-live review counts as approved.
    glow, other = (approved(store, clinic) for clinic in (glow, other))
    invites = [invite_staff(store, c.id, NOW).token for c in (glow, glow, other)]
    store.close()
    return glow, other, invites


def approved(store: Store, clinic):
    """The clinic with its go-live review approved, as fixtures and the demo have it."""
    approve(store, clinic, author="fixture", now=NOW)
    return store.clinics.get(clinic.id)


def table_rows(store: Store, table: str, columns: str) -> list[tuple]:
    """`columns` (comma-separated) of every row of `table`, in id order: what was stored."""
    return store.db.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()


@asynccontextmanager
async def staffed(db_path) -> AsyncIterator[Staffed]:
    glow, other, invites = two_clinics(db_path)
    clock = ManualClock(NOW)
    async with running_bot(db_path, clock=clock) as bot:
        people = [
            ChatDriver(bot, chat, name)
            for chat, name in ((SAM, "Sam"), (SKY, "Sky"), (OLGA, "Olga"), (MALLORY, "Mallory"))
        ]
        for person, token in zip(people, invites, strict=False):
            await person.say(f"/start {token}")
        yield Staffed(bot, clock, glow, other, *people)


@pytest.fixture(name="world")
async def staffed_world(tmp_path) -> AsyncIterator[Staffed]:
    """The staffed world as the `world` fixture, for a test module that imports it."""
    async with staffed(tmp_path / "staffed.db") as world:
        yield world
