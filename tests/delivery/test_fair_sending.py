"""Fair sending: immediate steps first, one row per person at a time, a person's backlog spaced
out, and nobody's backlog in front of anybody else. Manual clock, fake sender, real SQLite."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.delivery.outbox import Outbox
from bot.store.deliveries import PENDING, SENDING
from tests.conftest import add_clinic as add_second_clinic
from tests.delivery_fixtures import MONDAY_9AM, FakeRenderer, Step, enroll
from tests.fake_sender import FakeSender

H, MIN = timedelta(hours=1), timedelta(minutes=1)
SPACING = 10 * MIN


def backlog(chat_steps: int, at=MONDAY_9AM - H) -> list[Step]:
    """`chat_steps` day-N rows that all fell due at `at` (a person's messages piled up)."""
    return [Step(f"day{i}", at, at + 24 * H) for i in range(chat_steps)]


# -- the claim ------------------------------------------------------------------------------


def test_an_immediate_step_is_claimed_before_an_older_backlog(store, clinic):
    for chat in range(201, 206):
        enroll(store, clinic, chat, [Step("day1", MONDAY_9AM - 3 * H, MONDAY_9AM + 20 * H)])
    enroll(store, clinic, 101, [Step("serum_now", MONDAY_9AM, MONDAY_9AM + 4 * H, immediate=True)])
    [first] = store.deliveries.claim_due(MONDAY_9AM, 1)
    assert (first.chat_id, first.step_id) == (101, "serum_now")
    assert [r.chat_id for r in store.deliveries.claim_due(MONDAY_9AM, 10)] == list(range(201, 206))


def test_a_claim_takes_one_row_per_person_and_none_while_one_is_sending(store, clinic):
    enroll(store, clinic, 101, backlog(3))
    enroll(store, clinic, 102, backlog(1))
    claimed = store.deliveries.claim_due(MONDAY_9AM, 10)
    assert [(r.chat_id, r.step_id) for r in claimed] == [(101, "day0"), (102, "day0")]
    assert store.deliveries.claim_due(MONDAY_9AM, 10) == []  # 101's next waits for its first


def test_one_person_in_two_clinics_is_still_one_chat(store, clinic):
    other = add_second_clinic(store, "Second Clinic")
    enroll(store, clinic, 101, backlog(1))
    enroll(store, other, 101, backlog(1))
    assert len(store.deliveries.claim_due(MONDAY_9AM, 10)) == 1


def test_a_claim_spaces_the_rest_of_that_persons_backlog(store, clinic):
    serum = Step("serum_now", MONDAY_9AM + 2 * MIN, MONDAY_9AM + 4 * H, immediate=True)
    week1 = Step("week1", MONDAY_9AM + 24 * H)
    patient_id, _ = enroll(store, clinic, 101, [*backlog(3), serum, week1])
    enroll(store, clinic, 102, backlog(2))
    store.deliveries.claim_due(MONDAY_9AM, 10, spacing=SPACING)
    waiting = {
        r.step_id: (r.status, r.next_attempt_at)
        for r in store.deliveries.for_patient(patient_id)
        if r.status != SENDING
    }
    assert waiting == {
        "day1": (PENDING, MONDAY_9AM + SPACING),
        "day2": (PENDING, MONDAY_9AM + SPACING),
        "week1": (PENDING, MONDAY_9AM + 24 * H),  # not due before then: untouched
        "serum_now": (PENDING, MONDAY_9AM + 2 * MIN),  # an immediate step is never put off
    }


# -- the outbox -----------------------------------------------------------------------------


def fair_outbox(db, clock, sender, **options) -> Outbox:
    return Outbox(db, clock, sender, FakeRenderer(), per_chat_interval=0.0, **options)


async def test_one_persons_forty_rows_take_one_place_and_everyone_else_goes_first(
    db, store, clinic
):
    clock, sender = ManualClock(MONDAY_9AM), FakeSender()
    enroll(store, clinic, 100, backlog(40))
    for chat in range(1001, 1301):
        enroll(store, clinic, chat, backlog(1))
    outbox = fair_outbox(db, clock, sender, concurrency=8, spacing=SPACING)

    report = await outbox.run_once()

    assert report.sent == 301
    assert len(sender.messages(100)) == 1  # one of the forty; the rest wait their spacing
    assert {m.chat_id for m in sender.messages()} == {100, *range(1001, 1301)}


async def test_a_backlog_goes_out_one_message_per_spacing(db, store, clinic):
    clock, sender = ManualClock(MONDAY_9AM), FakeSender()
    patient_id, _ = enroll(store, clinic, 100, backlog(4))
    outbox = fair_outbox(db, clock, sender, spacing=SPACING)
    sent_per_pass = []
    for _ in range(5):
        before = len(sender.messages(100))
        await outbox.run_once()
        sent_per_pass.append(len(sender.messages(100)) - before)
        clock.advance(SPACING)

    assert sent_per_pass == [1, 1, 1, 1, 0]
    times = sorted(r.sent_at for r in store.deliveries.for_patient(patient_id))
    assert [b - a for a, b in itertools.pairwise(times)] == [SPACING] * 3


@pytest.mark.parametrize(
    ("concurrency", "people"),
    [pytest.param(1, 5, id="one_place"), pytest.param(4, 20, id="four_places")],
)
async def test_the_serum_message_goes_before_a_waiting_backlog(
    db, store, clinic, concurrency, people
):
    clock, sender = ManualClock(MONDAY_9AM), FakeSender()
    for chat in range(2001, 2001 + people):
        enroll(store, clinic, chat, [Step("day1", MONDAY_9AM - 2 * H, MONDAY_9AM + 20 * H)])
    enroll(store, clinic, 101, [Step("serum_now", MONDAY_9AM, MONDAY_9AM + 4 * H, immediate=True)])
    outbox = fair_outbox(db, clock, sender, concurrency=concurrency)
    await outbox.run_once()
    assert sender.messages()[0].chat_id == 101
    assert len(sender.messages()) == people + 1
