"""The client side of Telegram's flood limits (`bot.telegram.throttle.Gate`), with the time
passed in as plain numbers: nothing here sleeps or reads a clock."""

from __future__ import annotations

import heapq
import itertools
import random

import pytest

from bot.standin.floodlimit import FloodLimiter
from bot.telegram.throttle import Gate, Priority, Ticket


def answer_all(gate: Gate, tickets, now: float) -> None:
    for ticket in tickets:
        gate.done(ticket, now)


def test_no_opening_burst_beyond_thirty_then_thirty_a_second_after_the_answers():
    gate = Gate()
    tickets = [gate.ask(chat) for chat in range(40)]

    first = gate.admit(0.0)
    answer_all(gate, first, 0.02)  # Telegram answered them 20 ms later

    assert first == tickets[:30]
    assert gate.admit(0.5) == []
    assert gate.next_change(0.5) == pytest.approx(0.52)  # one second after the answers
    assert gate.admit(1.0199) == []
    assert gate.admit(1.02) == tickets[30:]


def test_a_send_in_flight_counts_until_a_second_after_its_answer():
    gate = Gate(limit=1)
    slow, waiting = gate.ask(1), gate.ask(2)
    assert gate.admit(0.0) == [slow]
    assert gate.admit(5.0) == []  # still unanswered: no time-based wake-up can free it
    assert gate.next_change(5.0) is None
    gate.done(slow, 5.0)
    assert gate.admit(5.99) == []
    assert gate.admit(6.0) == [waiting]


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        pytest.param(
            [Priority.SCHEDULED, Priority.REPLY, Priority.URGENT],
            [Priority.URGENT, Priority.REPLY, Priority.SCHEDULED],
            id="urgent_then_reply_then_scheduled",
        ),
        pytest.param(
            [Priority.REPLY, Priority.SCHEDULED, Priority.REPLY, Priority.URGENT],
            [Priority.URGENT, Priority.REPLY, Priority.REPLY, Priority.SCHEDULED],
            id="one_reply_waiting_goes_before_a_scheduled_message_asked_earlier",
        ),
    ],
)
def test_waiting_sends_go_by_priority_when_a_place_frees(asked, expected):
    gate = Gate(limit=1)
    blocker = gate.ask(0)
    gate.admit(0.0)
    for chat, priority in enumerate(asked, start=1):
        gate.ask(chat, priority)
    gate.done(blocker, 0.0)

    order = []
    for second in range(1, len(asked) + 1):
        [ticket] = gate.admit(float(second))
        gate.done(ticket, float(second))
        order.append(ticket.priority)

    assert order == expected


def test_equal_priorities_keep_the_order_they_asked_in():
    gate = Gate(limit=2)
    tickets = [gate.ask(chat, Priority.REPLY) for chat in range(6)]
    admitted = []
    for second in range(3):
        batch = gate.admit(float(second))
        answer_all(gate, batch, float(second))
        admitted += batch
    assert admitted == tickets


def test_a_chat_waiting_for_its_pace_never_holds_up_another_chat():
    gate = Gate()
    answered = gate.ask(7)
    gate.admit(0.0)
    gate.done(answered, 0.0)
    again, other = gate.ask(7, Priority.URGENT), gate.ask(8, Priority.SCHEDULED)

    assert gate.admit(0.5) == [other]  # the urgent one waits for its own chat only
    assert gate.next_change(0.5) == pytest.approx(0.5)
    assert gate.admit(1.0) == [again]


def test_one_chat_never_has_two_sends_in_flight():
    gate = Gate()
    first, second = gate.ask(7), gate.ask(7)
    assert gate.admit(0.0) == [first]
    assert gate.admit(30.0) == []
    gate.done(first, 30.0)
    assert gate.admit(31.0) == [second]


def test_a_429_holds_only_its_chat_until_the_time_given():
    gate = Gate()
    gate.hold(7, 60.0)
    held, free = gate.ask(7), gate.ask(8)
    assert gate.admit(0.0) == [free]
    assert gate.next_change(0.0) == pytest.approx(60.0)
    assert gate.admit(59.9) == []
    assert gate.admit(60.0) == [held]


def test_a_ticket_dropped_while_waiting_is_never_let_go():
    gate = Gate(limit=1)
    blocker, dropped, kept = gate.ask(1), gate.ask(2), gate.ask(3)
    gate.admit(0.0)
    gate.done(dropped, 0.0)  # its caller gave up (cancelled)
    gate.done(blocker, 0.0)
    assert gate.admit(1.0) == [kept]
    assert gate.waiting == 0
    assert gate.next_change(1.0) is None


def test_a_gate_without_room_is_refused():
    with pytest.raises(ValueError, match="limit of at least 1"):
        Gate(limit=0)


@pytest.mark.parametrize("seed", [pytest.param(s, id=f"seed_{s}") for s in range(5)])
def test_whatever_the_network_delays_telegrams_strict_window_never_refuses(seed):
    """Sends with random round trips (1-300 ms), each arriving at a random moment of its round
    trip, to three busy chats and many quiet ones: the strict stand-in's limiter admits every
    one, and the quiet chats' messages go at close to 30 a second."""
    rng = random.Random(seed)
    now = 0.0
    server = FloodLimiter(clock=lambda: now)
    gate = Gate()
    chats = [
        rng.randrange(10, 10**6) if rng.random() > 0.02 else rng.randrange(1, 4)
        for _ in range(1500)
    ]
    for chat in chats:
        gate.ask(chat, rng.choice(list(Priority)))
    events: list[tuple[float, int, str, Ticket]] = []  # (when, tie-break, what, ticket)
    order = itertools.count()
    refused = answered = 0
    while answered < len(chats):
        for ticket in gate.admit(now):
            trip = rng.uniform(0.001, 0.3)
            heapq.heappush(events, (now + rng.uniform(0, trip), next(order), "arrives", ticket))
            heapq.heappush(events, (now + trip, next(order), "answered", ticket))
        wake = gate.next_change(now)
        if wake is not None and (not events or now + wake < events[0][0]):
            now += wake
            continue
        now, _, what, ticket = heapq.heappop(events)
        if what == "arrives":
            refused += server.admit(ticket.chat) > 0
        else:
            gate.done(ticket, now)
            answered += 1

    assert refused == 0
    assert len(chats) / now > 30 / 1.3 * 0.9  # round trips up to 0.3 s cost some rate
