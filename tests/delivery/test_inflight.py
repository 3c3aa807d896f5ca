"""The send window: as many sends in flight as the rate needs (rate × latency, plus one),
and a hung send stops counting once it is clearly stalled."""

from __future__ import annotations

import asyncio

import pytest

from bot.delivery.inflight import STALLED_AFTER, InFlight


@pytest.mark.parametrize(
    ("latency", "limit"),
    [
        pytest.param(0.3, 10, id="telegram_at_0.3s_needs_9_plus_one"),
        pytest.param(0.1, 4, id="at_0.1s_3_plus_one"),
        pytest.param(0.001, 2, id="never_fewer_than_two"),
        pytest.param(5.0, 32, id="never_more_than_the_ceiling"),
    ],
)
def test_the_window_is_the_rate_times_the_latency_plus_one(latency, limit):
    assert InFlight(30, ceiling=32, initial_latency=latency).limit == limit


def test_the_latency_follows_what_sends_take():
    window = InFlight(30, ceiling=32, initial_latency=0.1)
    for _ in range(30):
        window.observe(0.3)
    assert window.limit == 10


async def test_a_full_window_waits_and_a_stalled_send_stops_counting():
    now = [0.0]
    window = InFlight(30, ceiling=32, initial_latency=0.01, monotonic=lambda: now[0])
    release = asyncio.Event()

    async def hold() -> None:
        async with window.slot():
            await release.wait()

    holders = [asyncio.ensure_future(hold()) for _ in range(2)]
    await asyncio.sleep(0)
    third = asyncio.ensure_future(hold())
    await asyncio.sleep(0.05)
    assert (window.count, third.done()) == (2, False)  # full: the third waits
    now[0] += STALLED_AFTER + 0.1  # the two have hung far longer than sends take
    await asyncio.wait_for(_until(lambda: window.count == 3), 1)
    assert window.peak == 3
    release.set()
    await asyncio.gather(*holders, third)
    assert window.count == 0


async def _until(condition) -> None:
    while not condition():
        await asyncio.sleep(0.01)
