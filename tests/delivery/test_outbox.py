"""The outbox against a fake Sender, with a manual clock and real SQLite.

Each test plans rows, scripts what the channel answers, moves the clock, calls `run_once` and
checks both sides: what the sender delivered and what the outbox recorded. How Telegram's
answers become these results is tests/telegram/test_sender.py's business.
"""

from __future__ import annotations

import itertools
import time
from datetime import timedelta

import pytest

from bot.clock import ManualClock, ScaledClock
from bot.delivery.outbox import RESEND_DELAY, Outbox
from bot.delivery.rules import RetryPolicy
from bot.delivery.sender import BLOCKED, CHAT_NOT_FOUND, FloodWait, PermanentFailure
from bot.delivery.sender import TransientFailure as Transient
from tests.delivery_fixtures import (
    MONDAY_9AM,
    FakeRenderer,
    Step,
    daily_steps,
    enroll,
    plain,
)
from tests.fake_sender import FakeSender, Hangs

H = timedelta(hours=1)


@pytest.fixture
def clock():
    return ManualClock(MONDAY_9AM)


@pytest.fixture
def renderer():
    return FakeRenderer()


@pytest.fixture
def sender():
    return FakeSender()


@pytest.fixture
def outbox(db, clock, sender, renderer):
    # No per-chat pause by default so retries in one chat don't wait in real time;
    # test_one_message_a_second_per_chat puts it back.
    return Outbox(db, clock, sender, renderer, per_chat_interval=0.0)


def row_of(store, patient_id, step_id):
    return next(r for r in store.deliveries.for_patient(patient_id) if r.step_id == step_id)


def texts(sender, chat_id):
    return [plain(m.text) for m in sender.messages(chat_id)]


async def test_sends_what_is_due_and_records_it(sender, store, clinic, clock, outbox):
    patient_id, _ = enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 2))
    report = await outbox.run_once()
    assert report.sent == 1
    [message] = sender.messages(101)
    assert plain(message.text) == f"day0 for patient {patient_id} (v1)"
    row = row_of(store, patient_id, "day0")
    assert (row.status, row.sent_at, row.message_id) == ("sent", MONDAY_9AM, message.message_id)
    assert row.rendered_text == message.text
    assert row.content_version == "v1"
    assert row_of(store, patient_id, "day1").status == "pending"
    clock.advance(days=1)
    assert (await outbox.run_once()).sent == 1
    assert len(sender.messages(101)) == 2


async def test_text_is_rendered_at_send_time(sender, store, clinic, outbox, renderer):
    patient_id, _ = enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 2))
    renderer.version = "v2"  # staff edited the wording after the patient was planned
    await outbox.run_once()
    assert texts(sender, 101) == [f"day0 for patient {patient_id} (v2)"]
    assert row_of(store, patient_id, "day0").content_version == "v2"


async def test_rebook_reminders_carry_the_booked_button(sender, store, clinic, outbox):
    _, session_id = enroll(store, clinic, 101, [Step("book_next", MONDAY_9AM, group="rebook")])
    await outbox.run_once()
    [message] = sender.messages(101)
    assert message.buttons == [f"booked:{session_id}"]


async def test_retry_after_defers_that_row_only(sender, store, clinic, clock, outbox):
    slow, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + 8 * H)])
    enroll(store, clinic, 102, [Step("b", MONDAY_9AM)])
    sender.script(101, FloodWait(2))
    report = await outbox.run_once()
    assert (report.sent, report.retry_after) == (1, 1)
    assert len(sender.messages(102)) == 1 and sender.messages(101) == []
    row = row_of(store, slow, "a")
    assert (row.status, row.attempts, row.error) == ("pending", 0, "retry_after")
    assert row.next_attempt_at == MONDAY_9AM + timedelta(seconds=2)
    clock.advance(seconds=1)
    assert (await outbox.run_once()).sent == 0
    clock.advance(seconds=1)
    assert (await outbox.run_once()).sent == 1
    assert row_of(store, slow, "a").status == "sent"


async def test_retry_after_is_real_seconds_on_a_scaled_clock(sender, store, db, clinic, renderer):
    # At 60x, a 5-second real wait is 5 simulated minutes.
    start = time.time()
    clock = ScaledClock(60, start, MONDAY_9AM, real_time=lambda: start)
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + H)])
    sender.script(101, FloodWait(5))
    await Outbox(db, clock, sender, renderer).run_once()
    assert row_of(store, patient_id, "a").next_attempt_at == MONDAY_9AM + timedelta(minutes=5)


async def test_server_errors_and_timeouts_back_off_and_then_succeed(
    sender, store, clinic, clock, outbox
):
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + 8 * H)])
    sender.script(101, Transient("NetworkError: Bad Gateway"), Transient("TimedOut: Timed out"))
    report = await outbox.run_once()
    assert report.deferred == 1
    row = row_of(store, patient_id, "a")
    assert (row.status, row.attempts, row.error) == ("pending", 1, "NetworkError: Bad Gateway")
    assert row.next_attempt_at == MONDAY_9AM + timedelta(seconds=60)
    clock.set(row.next_attempt_at)
    await outbox.run_once()
    row = row_of(store, patient_id, "a")
    assert (row.attempts, row.error.split(":")[0]) == (2, "TimedOut")
    assert row.next_attempt_at == clock.now() + timedelta(seconds=120)
    clock.set(row.next_attempt_at)
    assert (await outbox.run_once()).sent == 1
    assert len(sender.messages(101)) == 1


async def test_persistent_server_errors_fail_the_row_with_the_reason(
    sender, store, db, clinic, clock, renderer
):
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + 8 * H)])
    sender.script(101, *[Transient("NetworkError: Internal Server Error")] * 100)
    policy = RetryPolicy(max_attempts=3)
    outbox = Outbox(db, clock, sender, renderer, policy=policy, per_chat_interval=0)
    for _ in range(3):
        await outbox.run_once()
        clock.advance(hours=1)
    row = row_of(store, patient_id, "a")
    assert (row.status, row.attempts) == ("failed", 3)
    assert row.error == "gave_up: NetworkError: Internal Server Error"
    assert sender.attempts[101] == 3


async def test_a_policy_set_on_the_outbox_is_the_one_outcomes_are_recorded_with(
    sender, store, clinic, clock, outbox
):
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + 8 * H)])
    sender.script(101, *[Transient("NetworkError: Internal Server Error")] * 100)
    outbox.policy = RetryPolicy(max_attempts=2)  # as the exactly-once e2e test sets it
    for _ in range(2):
        await outbox.run_once()
        clock.advance(hours=1)
    assert (row_of(store, patient_id, "a").status, sender.attempts[101]) == ("failed", 2)


async def test_a_bad_request_fails_at_once_without_retry(sender, store, clinic, clock, outbox):
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + 8 * H)])
    sender.script(101, PermanentFailure("bad_request: Can't parse entities"))
    assert (await outbox.run_once()).failed == 1
    clock.advance(hours=2)
    await outbox.run_once()
    row = row_of(store, patient_id, "a")
    assert (row.status, row.error) == ("failed", "bad_request: Can't parse entities")
    assert sender.attempts[101] == 1


@pytest.mark.parametrize(
    "reason",
    [pytest.param(BLOCKED, id="blocked"), pytest.param(CHAT_NOT_FOUND, id="chat_not_found")],
)
async def test_a_blocked_or_missing_chat_makes_the_patient_unreachable(
    sender, store, clinic, clock, outbox, reason
):
    patient_id, _ = enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 3))
    enroll(store, clinic, 102, daily_steps(MONDAY_9AM, 3))
    sender.script(101, *[PermanentFailure(reason, unreachable=True)] * 100)
    await outbox.run_once()
    assert store.patients.get(patient_id).status == "unreachable"
    rows = store.deliveries.for_patient(patient_id)
    assert [(r.status, r.error) for r in rows] == [
        ("failed", reason),
        ("cancelled", reason),
        ("cancelled", reason),
    ]
    for _ in range(2):
        clock.advance(days=1)
        await outbox.run_once()
    assert len(sender.messages(102)) == 3
    assert sender.attempts[101] == 1


async def test_stale_rows_expire_and_the_backlog_goes_out_in_due_order(
    sender, store, clinic, clock, outbox
):
    # Down from Monday 09:00 to Wednesday 10:00: with 8-hour expiry only Wednesday's is sent.
    enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 4))
    enroll(store, clinic, 102, [Step("late", MONDAY_9AM + 48 * H, MONDAY_9AM + 72 * H)])
    enroll(store, clinic, 103, [Step("early", MONDAY_9AM + 47 * H, MONDAY_9AM + 72 * H)])
    clock.set(MONDAY_9AM + 49 * H)
    report = await outbox.run_once()
    assert (report.sent, report.expired) == (3, 2)
    assert [m.chat_id for m in sender.messages()] == [103, 101, 102]
    assert texts(sender, 101)[0].startswith("day2")


async def test_a_backlog_at_night_waits_for_the_morning(sender, store, clinic, clock, outbox):
    patient_id, _ = enroll(
        store, clinic, 101, [Step("a", MONDAY_9AM + 10 * H, MONDAY_9AM + 48 * H)]
    )
    enroll(store, clinic, 102, [Step("now", MONDAY_9AM + 10 * H, immediate=True)])
    clock.set(MONDAY_9AM + 14 * H)  # 23:00 in London
    report = await outbox.run_once()
    assert (report.sent, report.deferred) == (1, 1)
    assert sender.messages(101) == []
    tuesday_9am = MONDAY_9AM + 24 * H
    assert row_of(store, patient_id, "a").next_attempt_at == tuesday_9am
    clock.set(tuesday_9am)
    assert (await outbox.run_once()).sent == 1


async def test_a_run_is_capped_and_continues_in_due_order(store, db, clinic, sender, renderer):
    for chat in range(5):
        enroll(store, clinic, 200 + chat, [Step("a", MONDAY_9AM - chat * H)])
    clock = ManualClock(MONDAY_9AM)
    outbox = Outbox(db, clock, sender, renderer, max_per_run=3, per_chat_interval=0)
    assert (await outbox.run_once()).sent == 3
    assert (await outbox.run_once()).sent == 2
    assert [m.chat_id for m in sender.messages()] == [204, 203, 202, 201, 200]


async def test_one_slow_row_does_not_stall_the_others(sender, store, clinic, outbox):
    enroll(store, clinic, 100, [Step("slow", MONDAY_9AM - H)])
    for chat in range(101, 111):
        enroll(store, clinic, chat, [Step("a", MONDAY_9AM)])
    sender.script(100, Hangs(0.5))  # then the send times out
    started = time.monotonic()
    report = await outbox.run_once()
    assert (report.sent, report.deferred) == (10, 1)
    others = [m.at - started for m in sender.messages() if m.chat_id != 100]
    assert len(others) == 10 and max(others) < 0.4


async def test_one_message_a_second_per_chat(store, db, clinic, clock, renderer):
    enroll(store, clinic, 101, [Step(f"s{i}", MONDAY_9AM) for i in range(3)])
    enroll(store, clinic, 102, [Step("other", MONDAY_9AM)])
    # Telegram's limit with no burst allowance: a second message within a second is a 429.
    sender = FakeSender(gap=1.0)
    report = await Outbox(db, clock, sender, renderer).run_once()
    assert (report.sent, report.retry_after, sender.flood_waits) == (4, 0, 0)
    times = [m.at for m in sender.messages(101)]
    assert all(b - a >= 0.95 for a, b in itertools.pairwise(times))
    assert sender.messages(102)[0].at - times[0] < 0.5


async def test_rows_claimed_by_a_dead_process_are_sent_once_after_restart(
    sender, store, clinic, clock, outbox
):
    patient_id, _ = enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 2))
    # ...claimed by another process, which died while sending (its lease has not lapsed).
    [row] = store.deliveries.claim_due(clock.now(), 10, owner="dead", lease_until=time.time() + 60)
    store.deliveries.start_send(row.id, "dead", clock.now())
    assert (await outbox.run_once()).sent == 0  # claimed rows wait for recovery
    assert await outbox.start(waker=None) == 1
    clock.advance(RESEND_DELAY)  # a send cut by the crash goes again soon after the restart
    assert (await outbox.run_once()).sent == 1
    assert len(sender.messages(101)) == 1
    assert row_of(store, patient_id, "day0").attempts == 1


async def test_a_row_that_cannot_be_rendered_fails_with_the_reason(
    sender, store, db, clinic, clock
):
    def broken(row):
        raise KeyError(row.step_id)

    patient_id, _ = enroll(store, clinic, 101, [Step("gone", MONDAY_9AM)])
    await Outbox(db, clock, sender, broken).run_once()
    row = row_of(store, patient_id, "gone")
    assert (row.status, row.error) == ("failed", "render_failed")
    assert sender.messages() == []


async def test_a_patient_who_stopped_after_the_claim_is_muted_not_sent(
    sender, store, clinic, outbox
):
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM)])
    store.db.execute("UPDATE patients SET status = 'stopped' WHERE id = ?", [patient_id])
    assert (await outbox.run_once()).cancelled == 1
    assert row_of(store, patient_id, "a").status == "muted"
    assert sender.messages() == []
