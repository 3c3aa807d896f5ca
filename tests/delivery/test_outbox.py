"""The dispatcher against the Bot API stand-in over real HTTP, with a manual clock and SQLite.

Each test plans rows, moves the clock, calls `run_once` and checks both sides: what reached
the stand-in's chats and what the outbox recorded.
"""

from __future__ import annotations

import itertools
import time
from datetime import timedelta

import pytest
from telegram.ext import ExtBot

from bot.clock import ManualClock, ScaledClock
from bot.delivery.outbox import Dispatcher
from bot.delivery.rules import RetryPolicy
from bot.standin.botapi import BotAPIStandIn
from bot.store import Store
from bot.telegram.ratelimit import build_rate_limiter
from tests.delivery_fixtures import (
    MONDAY_9AM,
    FakeRenderer,
    Step,
    add_clinic,
    daily_steps,
    enroll,
    plain,
)

TOKEN = "7000000001:dispatcher-tests"
H = timedelta(hours=1)


@pytest.fixture
async def bot(standin: BotAPIStandIn):
    # The same overall limiter the Application uses.
    bot = ExtBot(TOKEN, base_url=standin.base_url, rate_limiter=build_rate_limiter())
    async with bot:
        yield bot


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "outbox.db")
    yield store
    store.close()


@pytest.fixture
def clinic(store):
    return add_clinic(store)


@pytest.fixture
def clock():
    return ManualClock(MONDAY_9AM)


@pytest.fixture
def renderer():
    return FakeRenderer()


@pytest.fixture
def dispatcher(store, clock, bot, renderer):
    # No per-chat pause by default so retries in one chat don't wait in real time;
    # test_one_message_a_second_per_chat puts it back.
    return Dispatcher(store, clock, bot, renderer, per_chat_interval=0.0, send_timeout=0.5)


def row_of(store, patient_id, step_id):
    return next(r for r in store.deliveries.for_patient(patient_id) if r.step_id == step_id)


def texts(standin, chat_id):
    return [m.text for m in standin.messages(chat_id)]


async def test_sends_what_is_due_and_records_it(standin, store, clinic, clock, dispatcher):
    patient_id, _ = enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 2))
    report = await dispatcher.run_once()
    assert report.sent == 1
    [message] = standin.messages(101)
    assert message.text == f"day0 for patient {patient_id} (v1)"
    assert message.parse_mode == "HTML"
    row = row_of(store, patient_id, "day0")
    assert (row.status, row.sent_at, row.message_id) == ("sent", MONDAY_9AM, message.message_id)
    assert plain(row.rendered_text) == message.text
    assert row.content_version == "v1"
    assert row_of(store, patient_id, "day1").status == "pending"
    clock.advance(days=1)
    assert (await dispatcher.run_once()).sent == 1
    assert len(standin.messages(101)) == 2


async def test_text_is_rendered_at_send_time(standin, store, clinic, clock, dispatcher, renderer):
    patient_id, _ = enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 2))
    renderer.version = "v2"  # staff edited the wording after the patient was planned
    await dispatcher.run_once()
    assert texts(standin, 101) == [f"day0 for patient {patient_id} (v2)"]
    assert row_of(store, patient_id, "day0").content_version == "v2"


async def test_rebook_reminders_carry_the_booked_button(standin, store, clinic, dispatcher):
    _, session_id = enroll(store, clinic, 101, [Step("book_next", MONDAY_9AM, group="rebook")])
    await dispatcher.run_once()
    [message] = standin.messages(101)
    assert message.button_data() == [f"booked:{session_id}"]


async def test_retry_after_defers_that_row_only(standin, store, clinic, clock, dispatcher):
    slow, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + 8 * H)])
    enroll(store, clinic, 102, [Step("b", MONDAY_9AM)])
    standin.add_fault("flood", chat_id=101, retry_after=2)
    report = await dispatcher.run_once()
    assert (report.sent, report.retry_after) == (1, 1)
    assert len(standin.messages(102)) == 1 and standin.messages(101) == []
    row = row_of(store, slow, "a")
    assert (row.status, row.attempts, row.error) == ("pending", 0, "retry_after")
    assert row.next_attempt_at == MONDAY_9AM + timedelta(seconds=2)
    clock.advance(seconds=1)
    assert (await dispatcher.run_once()).sent == 0
    clock.advance(seconds=1)
    assert (await dispatcher.run_once()).sent == 1
    assert row_of(store, slow, "a").status == "sent"


async def test_retry_after_is_real_seconds_on_a_scaled_clock(standin, store, clinic, bot, renderer):
    # At 60x, a 5-second real wait is 5 simulated minutes.
    start = time.time()
    clock = ScaledClock(60, start, MONDAY_9AM, real_time=lambda: start)
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + H)])
    standin.add_fault("flood", chat_id=101, retry_after=5)
    await Dispatcher(store, clock, bot, renderer).run_once()
    assert row_of(store, patient_id, "a").next_attempt_at == MONDAY_9AM + timedelta(minutes=5)


async def test_server_errors_and_timeouts_back_off_and_then_succeed(
    standin, store, clinic, clock, dispatcher
):
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + 8 * H)])
    standin.add_fault("server_error", chat_id=101, status=502)
    standin.add_fault("timeout", chat_id=101, hold=2.0)
    report = await dispatcher.run_once()
    assert report.deferred == 1
    row = row_of(store, patient_id, "a")
    assert (row.status, row.attempts, row.error) == ("pending", 1, "NetworkError: Bad Gateway")
    assert row.next_attempt_at == MONDAY_9AM + timedelta(seconds=60)
    clock.set(row.next_attempt_at)
    await dispatcher.run_once()
    row = row_of(store, patient_id, "a")
    assert (row.attempts, row.error.split(":")[0]) == (2, "TimedOut")
    assert row.next_attempt_at == clock.now() + timedelta(seconds=120)
    clock.set(row.next_attempt_at)
    assert (await dispatcher.run_once()).sent == 1
    assert len(standin.messages(101)) == 1


async def test_persistent_server_errors_fail_the_row_with_the_reason(
    standin, store, clinic, clock, bot, renderer
):
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + 8 * H)])
    standin.add_fault("server_error", chat_id=101, times=100)
    policy = RetryPolicy(max_attempts=3)
    dispatcher = Dispatcher(store, clock, bot, renderer, policy=policy, per_chat_interval=0)
    for _ in range(3):
        await dispatcher.run_once()
        clock.advance(hours=1)
    row = row_of(store, patient_id, "a")
    assert (row.status, row.attempts) == ("failed", 3)
    assert row.error == "gave_up: NetworkError: Internal Server Error"
    assert len(standin.select(chat_id=101, ok_only=False)) == 3


async def test_a_bad_request_fails_at_once_without_retry(standin, store, clinic, clock, dispatcher):
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + 8 * H)])
    standin.add_fault("bad_request", chat_id=101, description="can't parse entities")
    assert (await dispatcher.run_once()).failed == 1
    clock.advance(hours=2)
    await dispatcher.run_once()
    row = row_of(store, patient_id, "a")
    assert (row.status, row.error) == ("failed", "bad_request: Can't parse entities")
    assert len(standin.select(chat_id=101, ok_only=False)) == 1


@pytest.mark.parametrize(("fault", "reason"), [("blocked", "blocked"), ("chat_not_found", None)])
async def test_a_blocked_or_missing_chat_makes_the_patient_unreachable(
    standin, store, clinic, clock, dispatcher, fault, reason
):
    patient_id, _ = enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 3))
    enroll(store, clinic, 102, daily_steps(MONDAY_9AM, 3))
    standin.add_fault(fault, chat_id=101, times=100)
    await dispatcher.run_once()
    assert store.patients.get(patient_id).status == "unreachable"
    rows = store.deliveries.for_patient(patient_id)
    assert [(r.status, r.error) for r in rows] == [
        ("failed", reason or fault),
        ("cancelled", reason or fault),
        ("cancelled", reason or fault),
    ]
    for _ in range(2):
        clock.advance(days=1)
        await dispatcher.run_once()
    assert len(standin.messages(102)) == 3
    assert len(standin.select(chat_id=101, ok_only=False)) == 1


async def test_stale_rows_expire_and_the_backlog_goes_out_in_due_order(
    standin, store, clinic, clock, dispatcher
):
    # Down from Monday 09:00 to Wednesday 10:00: with 8-hour expiry only Wednesday's is sent.
    enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 4))
    enroll(store, clinic, 102, [Step("late", MONDAY_9AM + 48 * H, MONDAY_9AM + 72 * H)])
    enroll(store, clinic, 103, [Step("early", MONDAY_9AM + 47 * H, MONDAY_9AM + 72 * H)])
    clock.set(MONDAY_9AM + 49 * H)
    report = await dispatcher.run_once()
    assert (report.sent, report.expired) == (3, 2)
    assert [m.chat_id for m in standin.messages()] == [103, 101, 102]
    assert texts(standin, 101)[0].startswith("day2")


async def test_a_backlog_at_night_waits_for_the_morning(standin, store, clinic, clock, dispatcher):
    patient_id, _ = enroll(
        store, clinic, 101, [Step("a", MONDAY_9AM + 10 * H, MONDAY_9AM + 48 * H)]
    )
    enroll(store, clinic, 102, [Step("now", MONDAY_9AM + 10 * H, immediate=True)])
    clock.set(MONDAY_9AM + 14 * H)  # 23:00 in London
    report = await dispatcher.run_once()
    assert (report.sent, report.deferred) == (1, 1)
    assert standin.messages(101) == []
    tuesday_9am = MONDAY_9AM + 24 * H
    assert row_of(store, patient_id, "a").next_attempt_at == tuesday_9am
    clock.set(tuesday_9am)
    assert (await dispatcher.run_once()).sent == 1


async def test_a_run_is_capped_and_continues_in_due_order(store, clinic, bot, renderer, standin):
    for chat in range(5):
        enroll(store, clinic, 200 + chat, [Step("a", MONDAY_9AM - chat * H)])
    clock = ManualClock(MONDAY_9AM)
    dispatcher = Dispatcher(store, clock, bot, renderer, max_per_run=3, per_chat_interval=0)
    assert (await dispatcher.run_once()).sent == 3
    assert (await dispatcher.run_once()).sent == 2
    assert [m.chat_id for m in standin.messages()] == [204, 203, 202, 201, 200]


async def test_one_slow_row_does_not_stall_the_others(standin, store, clinic, dispatcher):
    enroll(store, clinic, 100, [Step("slow", MONDAY_9AM - H)])
    for chat in range(101, 111):
        enroll(store, clinic, chat, [Step("a", MONDAY_9AM)])
    standin.add_fault("timeout", chat_id=100, hold=5.0)  # the client gives up after 0.5 s
    started = time.monotonic()
    report = await dispatcher.run_once()
    assert (report.sent, report.deferred) == (10, 1)
    others = [m.at - started for m in standin.messages() if m.chat_id != 100]
    assert len(others) == 10 and max(others) < 0.4


async def test_one_message_a_second_per_chat(store, clinic, clock, renderer):
    enroll(store, clinic, 101, [Step(f"s{i}", MONDAY_9AM) for i in range(3)])
    enroll(store, clinic, 102, [Step("other", MONDAY_9AM)])
    # Telegram's limits with no burst allowance: a second message within a second is a 429.
    async with (
        BotAPIStandIn(flood_limits=True, per_chat_burst=1) as standin,
        ExtBot(TOKEN, base_url=standin.base_url, rate_limiter=build_rate_limiter()) as bot,
    ):
        report = await Dispatcher(store, clock, bot, renderer).run_once()
    assert (report.sent, report.retry_after, standin.stats.too_many_requests) == (4, 0, 0)
    times = [m.at for m in standin.messages(101)]
    assert all(b - a >= 0.95 for a, b in itertools.pairwise(times))
    assert standin.messages(102)[0].at - times[0] < 0.5


async def test_rows_claimed_by_a_dead_process_are_sent_once_after_restart(
    standin, store, clinic, clock, dispatcher
):
    patient_id, _ = enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 2))
    store.deliveries.claim_due(clock.now(), 10)  # ...and the process died before sending
    assert (await dispatcher.run_once()).sent == 0  # claimed rows wait for recovery
    assert dispatcher.start(job_queue=None) == 1
    assert (await dispatcher.run_once()).sent == 1
    assert len(standin.messages(101)) == 1
    assert row_of(store, patient_id, "day0").attempts == 1


async def test_a_row_that_cannot_be_rendered_fails_with_the_reason(
    standin, store, clinic, clock, bot
):
    def broken(row):
        raise KeyError(row.step_id)

    patient_id, _ = enroll(store, clinic, 101, [Step("gone", MONDAY_9AM)])
    await Dispatcher(store, clock, bot, broken).run_once()
    row = row_of(store, patient_id, "gone")
    assert (row.status, row.error) == ("failed", "render_failed")
    assert standin.messages() == []


async def test_a_patient_who_stopped_after_the_claim_is_muted_not_sent(
    standin, store, clinic, dispatcher
):
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM)])
    store.db.execute("UPDATE patients SET status = 'stopped' WHERE id = ?", [patient_id])
    assert (await dispatcher.run_once()).cancelled == 1
    assert row_of(store, patient_id, "a").status == "muted"
    assert standin.messages() == []
