"""Telegram's flood limits shared by instances on one PostgreSQL database
(`bot.store.flood_slots`): two limiters together never hold more places than the limit in
any period, nor two for one chat within a period; two running bots sending one burst to the
strict stand-in get no 429, where two bots each with only its own throttle do.

Real time is what a flood limit is about: these tests wait for real sends, never for
scheduled time (the bots' clocks are manual and every message is due at once).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections import Counter
from datetime import time as wall
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.standin.botapi import BotAPIStandIn
from bot.standin.harness import running_bot
from bot.store import Store
from bot.store.flood_slots import SharedFloodLimit
from bot.telegram.ratelimit import build_rate_limiter, shared_limit
from content.timeline import load_timeline
from tests.delivery_fixtures import MONDAY_9AM, Step, add_clinic, enroll

pytestmark = pytest.mark.postgres_only

PERIOD = 0.25  # the limiters' second, shortened so the first test is quick
LIMIT = 5
PATIENTS = 90  # three seconds of Telegram's 30 a second
DAY = timedelta(days=1)


def most_in_any_window(times: list[float], window: float) -> int:
    times = sorted(times)
    most, first = 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= window:
            first += 1
        most = max(most, last - first + 1)
    return most


async def test_two_shared_limiters_together_stay_under_the_limit(database):
    limiters = [SharedFloodLimit(database, limit=LIMIT, period=PERIOD) for _ in range(2)]
    taken: list[tuple[int, float]] = []  # (chat, when the place was granted)

    async def send(limiter: SharedFloodLimit, chat: int) -> None:
        place = await limiter.take(chat)
        assert place is not None
        taken.append((chat, time.monotonic()))
        await asyncio.sleep(0.005)  # the request's round trip
        await limiter.done(place)

    try:
        # 40 sends each, to 20 chats both instances write to: 16 periods' worth at least.
        await asyncio.wait_for(
            asyncio.gather(
                *(send(limiter, 700 + n % 20) for limiter in limiters for n in range(40))
            ),
            timeout=30,
        )
    finally:
        for limiter in limiters:
            await limiter.close()
    assert len(taken) == 80
    # A place counts from its grant until PERIOD after its answer: never more than LIMIT
    # granted within a period (1 ms allowed for the two clocks read a moment apart).
    assert most_in_any_window([at for _, at in taken], PERIOD - 0.001) <= LIMIT
    for chat in range(700, 720):
        times = sorted(at for c, at in taken if c == chat)
        assert min(b - a for a, b in itertools.pairwise(times)) >= PERIOD - 0.001


async def test_a_place_held_by_a_process_that_died_mid_send_frees_its_chat_at_once(database):
    dead, alive = (SharedFloodLimit(database) for _ in range(2))
    try:
        assert await dead.take(800) is not None
        await dead.close()  # its connection ends (kill -9) before the answer came
        started = time.monotonic()
        assert await asyncio.wait_for(alive.take(800), timeout=5) is not None
        assert time.monotonic() - started < 1.0  # not the minute a hung send is given
    finally:
        await alive.close()


def seed(database: str) -> None:
    store = Store.open(database)
    try:
        clinic = add_clinic(store, window=(wall(7, 0), wall(23, 0)))
        step_id = load_timeline().steps[0].id  # a real id, for the real renderer
        for n in range(PATIENTS):
            enroll(store, clinic, 9000 + n, [Step(step_id, MONDAY_9AM, MONDAY_9AM + 2 * DAY)])
    finally:
        store.close()


async def burst_from_two_bots(database: str, *, shared: bool, until) -> BotAPIStandIn:
    """Two bots on `database` send its due burst to one strict stand-in until `until(standin)`."""
    seed(database)
    standin = BotAPIStandIn(flood_limits=True)
    await standin.start()
    try:
        async with contextlib.AsyncExitStack() as bots:
            for _ in range(2):
                limiter = build_rate_limiter(shared=shared_limit(database) if shared else None)
                await bots.enter_async_context(
                    running_bot(
                        database,
                        clock=ManualClock(MONDAY_9AM),
                        standin=standin,
                        rate_limiter=limiter,
                    )
                )
            deadline = time.monotonic() + 30
            while not until(standin):
                assert time.monotonic() < deadline, "the burst never got that far"
                await asyncio.sleep(0.05)
    finally:
        await standin.stop()
    return standin


async def test_two_bots_sharing_the_limit_send_a_burst_without_a_429(database):
    standin = await burst_from_two_bots(
        database, shared=True, until=lambda s: len(s.messages()) >= PATIENTS
    )
    assert standin.stats.too_many_requests == 0
    per_chat = Counter(m.chat_id for m in standin.messages())
    assert per_chat == {9000 + n: 1 for n in range(PATIENTS)}  # none lost, none twice


async def test_two_bots_each_with_only_its_own_throttle_meet_429s(database):
    # Why the limit is shared: each alone keeps under 30 a second, the two together do not.
    standin = await burst_from_two_bots(
        database, shared=False, until=lambda s: s.stats.too_many_requests > 0
    )
    assert standin.stats.too_many_requests > 0
