"""The outbox tells its Waker when to run it next: the next due row, at once after a capped
run, nothing once stopped. In the bot the Waker is PTB's JobQueue (bot/telegram/outbox_jobs.py),
exercised end to end by tests/e2e."""

from __future__ import annotations

import time
from datetime import timedelta

from bot.clock import ScaledClock
from bot.delivery.outbox import Outbox
from tests.delivery_fixtures import MONDAY_9AM, FakeRenderer, Step, daily_steps, enroll
from tests.fake_sender import FakeSender

H = timedelta(hours=1)


class Alarm:
    """A Waker that records what it was asked (the bot's is PTB's JobQueue)."""

    def __init__(self):
        self.asked: list[float | None] = []

    def wake_in(self, seconds):
        self.asked.append(seconds)


async def test_the_waker_is_asked_for_the_next_due_row_then_told_to_stop(store, db, clinic):
    # At 60x, a row due in one simulated hour is a minute of real time away.
    start = time.time()
    clock = ScaledClock(60, start, MONDAY_9AM, real_time=lambda: start)
    enroll(store, clinic, 101, daily_steps(MONDAY_9AM + H, 1))
    outbox = Outbox(db, clock, FakeSender(), FakeRenderer(), max_per_run=2, per_chat_interval=0)
    alarm = Alarm()
    assert await outbox.start(alarm) == 0
    assert alarm.asked == [60.0]
    for chat in (102, 103, 104):
        enroll(store, clinic, chat, [Step("a", MONDAY_9AM)])
    assert (await outbox.run_once()).sent == 2  # capped: come back at once
    assert (await outbox.run_once()).sent == 1
    assert alarm.asked == [60.0, 0.0, 60.0]
    await outbox.stop()
    await outbox.arm()
    assert alarm.asked == [60.0, 0.0, 60.0, None]
