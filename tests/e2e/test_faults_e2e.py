"""The real bot over HTTP under two faults of issue 11: another process holding the database's
write lock while a patient reports a red flag, and a `sendMessage` Telegram never answers.

The waits are real (a lock's duration, a request's timeout); scheduled time is the manual
clock's.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from datetime import timedelta

from bot.clock import ManualClock
from bot.standin.botapi import BotAPIStandIn
from bot.standin.harness import running_bot
from bot.wording.patients import answers
from tests.delivery_fixtures import MONDAY_9AM, FakeRenderer, Step, add_clinic, enroll
from tests.e2e.conftest import AMIRA, BEA, SAM, World

LOCK = 1.5  # seconds another process holds the write lock (longer than the bot's busy timeout)


async def test_a_red_flag_during_a_write_lock_is_answered_and_escalated_without_freezing(
    world: World,
):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    other = sqlite3.connect(world.bot.services.settings.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a CSV import, a backup...
    asyncio.get_running_loop().call_later(LOCK, other.rollback)
    started = time.monotonic()
    replies = asyncio.ensure_future(amira.send("my face is oozing pus and I feel hot", expect=2))
    longest, last = 0.0, time.monotonic()
    while not replies.done():
        await asyncio.sleep(0.01)
        longest, last = max(longest, time.monotonic() - last - 0.01), time.monotonic()
    urgent, note = await replies
    # Late, because the patient's record was locked; but answered, escalated and alerted.
    assert time.monotonic() - started >= LOCK * 0.9
    assert "straight away" in urgent.text and note.text == answers.STAFF_ALERTED
    assert "oozing pus" in world.bot.standin.messages(SAM)[-1].text
    [escalation] = world.store.escalations.for_patient(world.store.patients.by_chat(AMIRA).id)
    assert escalation.kind == "urgent"
    # All along, the event loop ran: polling, timers and sends in flight were never frozen.
    assert longest < 0.3, longest


async def test_a_send_telegram_never_answers_times_out_and_holds_up_no_one(tmp_path):
    async with (
        BotAPIStandIn() as standin,
        running_bot(
            tmp_path / "bot.db", clock=ManualClock(MONDAY_9AM), standin=standin, send_timeout=0.5
        ) as bot,
    ):
        assert bot.app.bot.request.read_timeout == 0.5  # handlers' requests have it too
        outbox = bot.app.bot_data["outbox"]
        outbox.renderer = FakeRenderer()
        clinic = add_clinic(bot.store)
        hung, _ = enroll(bot.store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + timedelta(1))])
        for chat in (102, 103):
            enroll(bot.store, clinic, chat, [Step("b", MONDAY_9AM)])
        standin.add_fault("timeout", chat_id=101, hold=60)  # the request is never answered
        started = time.monotonic()
        await asyncio.wait_for(outbox.run_once(), 3)
        assert time.monotonic() - started < 2
        assert len(standin.messages(102)) == len(standin.messages(103)) == 1
        [row] = bot.store.deliveries.for_patient(hung)
        assert (row.status, row.attempts) == ("pending", 1)
        assert row.error.startswith("TimedOut")  # a transient failure: tried again later


async def test_a_reply_that_meets_a_flood_wait_holds_up_only_its_own_chat(world: World):
    amira, bea = world.person(AMIRA, "Amira"), world.person(BEA, "Bea")
    await world.signed_up(amira)
    await world.signed_up(bea)
    standin = world.bot.standin
    standin.add_fault("flood", chat_id=AMIRA, retry_after=2, times=1)
    started = time.monotonic()
    held = asyncio.ensure_future(amira.send("/next"))
    await standin.wait_for(lambda record: record.chat_id == AMIRA and not record.ok, timeout=2)
    [reply] = await asyncio.wait_for(bea.send("/next"), 1)  # not behind Amira's 2 seconds
    assert time.monotonic() - started < 1.5 and not held.done()
    [waited] = await held  # Amira's reply went out once her chat's wait was over
    assert time.monotonic() - started >= 2
    assert reply.text and waited.text
