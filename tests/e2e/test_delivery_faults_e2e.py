"""A week of aftercare for 20 patients through a faulty Bot API: random 5xx, 429s and timeouts,
and one patient who blocked the bot. Every other message arrives exactly once.

The real Application runs in this process against the stand-in over HTTP; a manual clock
jumps from one due time to the next, so nothing sleeps for scheduled time (the only real
waits are Telegram's own: a 429's retry_after and the client's read timeout).
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta

from bot.clock import ManualClock
from bot.delivery.rules import RetryPolicy
from bot.standin.botapi import BotAPIStandIn
from bot.standin.harness import running_bot
from tests.delivery_fixtures import MONDAY_9AM, FakeRenderer, Step, add_clinic, enroll

PATIENTS = range(301, 321)
BLOCKED = 305
H = timedelta(hours=1)


def week(offset_minutes: int) -> list[Step]:
    start = MONDAY_9AM + timedelta(minutes=offset_minutes)
    steps = [Step("now", start, start + 4 * H, immediate=True)]
    steps += [Step(f"day{d}", start + d * 24 * H, start + (d * 24 + 30) * H) for d in (1, 2, 5)]
    return steps


async def test_every_message_exactly_once_despite_faults(tmp_path):
    standin = BotAPIStandIn(seed=7)
    await standin.start()
    try:
        async with running_bot(
            tmp_path / "bot.db", clock=ManualClock(MONDAY_9AM), standin=standin
        ) as bot:
            await _run(bot, standin)
    finally:
        await standin.stop()


async def _run(bot, standin: BotAPIStandIn) -> None:
    store, clock = bot.store, bot.clock
    outbox = bot.app.bot_data["outbox"]
    outbox.renderer = FakeRenderer()
    outbox.sender.timeout = 0.3  # the client gives up long before a held request returns
    # The manual clock makes a 60-second backoff instant, so a retry would otherwise wait out
    # the real one-second pause per chat (tested in test_outbox and the burst benchmark).
    outbox.pacer.interval = 0.0
    # More attempts than production: this test is about exactly-once, not about giving up,
    # and at a 20% fault rate 5 attempts would fail about one message in 3,000.
    # The recorder applies the policy to results, so it needs the new one too (setting only
    # `outbox.policy` left the recorder giving up after the default 5).
    outbox.policy = outbox.record.policy = RetryPolicy(max_attempts=8)

    clinic = add_clinic(store)
    patients = {chat: enroll(store, clinic, chat, week(chat - 300))[0] for chat in PATIENTS}
    standin.blocked_chats.add(BLOCKED)
    # One of each for certain, then at random.
    standin.add_fault("server_error", chat_id=302)
    standin.add_fault("timeout", chat_id=303, hold=1.0)
    standin.add_fault("flood", chat_id=304, retry_after=1)
    standin.add_fault("server_error", probability=0.15, times=None)
    standin.add_fault("timeout", probability=0.05, times=None, hold=1.0)
    standin.add_fault("flood", probability=0.05, times=None, retry_after=1)
    await outbox.arm()

    deadline = time.monotonic() + 45
    while (due := store.deliveries.next_due()) is not None:
        assert time.monotonic() < deadline, store.deliveries.counts()
        clock.set(max(clock.now(), due))
        await outbox.run_once()

    failures = Counter(r.error for r in standin.select(ok_only=False) if not r.ok)
    assert failures["Internal Server Error"] >= 1
    assert failures["request timed out (injected)"] >= 1
    assert failures["Too Many Requests: retry after 1"] >= 1

    for chat, patient_id in patients.items():
        rows = store.deliveries.for_patient(patient_id)
        received = Counter(m.text for m in standin.messages(chat))
        if chat == BLOCKED:
            assert received == Counter()
            assert [r.status for r in rows] == ["failed", "cancelled", "cancelled", "cancelled"]
            assert store.patients.get(patient_id).status == "unreachable"
            continue
        expected = Counter(f"{r.step_id} for patient {patient_id} (v1)" for r in rows)
        assert received == expected, f"chat {chat}"
        assert all(n == 1 for n in received.values())
        assert {r.status for r in rows} == {"sent"}
        assert sorted(r.message_id for r in rows) == sorted(
            m.message_id for m in standin.messages(chat)
        )
