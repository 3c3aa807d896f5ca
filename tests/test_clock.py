from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ClockAnchor, ManualClock, ScaledClock, SystemClock, anchored_clock
from bot.store import Store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeRealTime:
    def __init__(self, start: float = 1000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value


def test_scaled_clock_runs_speed_times_faster():
    real = FakeRealTime()
    clock = ScaledClock(86400, real.value, T0, real)
    real.value += 3
    assert clock.now() == T0 + timedelta(days=3)
    assert clock.real_seconds_until(T0 + timedelta(days=4)) == pytest.approx(1.0)
    assert clock.real_seconds_until(T0) == 0.0


def test_manual_clock_moves_only_when_told():
    clock = ManualClock(T0)
    assert clock.now() == T0
    clock.advance(hours=2)
    assert clock.now() == T0 + timedelta(hours=2)
    assert clock.real_seconds_until(T0) == 0.0
    assert clock.real_seconds_until(T0 + timedelta(days=1)) == float("inf")


def test_manual_clock_refuses_naive_time():
    with pytest.raises(ValueError):
        ManualClock(datetime(2026, 1, 1))


def test_speed_one_without_anchor_is_system_time():
    clock, anchor = anchored_clock(1, None)
    assert isinstance(clock, SystemClock)
    assert anchor is None


def test_restart_continues_simulated_time_through_the_outage(tmp_path):
    """A 3-second outage at speed 86400 is a 3-day outage."""
    real = FakeRealTime()
    store = Store.open(tmp_path / "a.db")
    clock, anchor = anchored_clock(86400, store.meta.clock_anchor(), real)
    store.meta.set_clock_anchor(anchor)
    started = clock.now()
    store.close()

    real.value += 3
    store = Store.open(tmp_path / "a.db")
    clock, new_anchor = anchored_clock(86400, store.meta.clock_anchor(), real)
    assert new_anchor is None
    assert clock.now() - started == timedelta(days=3)


def test_changing_speed_reanchors_without_jumping_back():
    real = FakeRealTime()
    old = ClockAnchor(100.0, real.value, T0)
    real.value += 10
    clock, new = anchored_clock(2, old, real)
    assert new is not None and new.speed == 2
    assert clock.now() == T0 + timedelta(seconds=1000)
    real.value += 1
    assert clock.now() == T0 + timedelta(seconds=1002)


def test_changing_speed_in_process_keeps_simulated_time_continuous():
    real = FakeRealTime()
    clock = ScaledClock(1, real.value, T0, real)
    real.value += 10
    clock.set_speed(3600)
    assert clock.now() == T0 + timedelta(seconds=10)
    real.value += 2
    assert clock.now() == T0 + timedelta(seconds=10, hours=2)
    with pytest.raises(ValueError):
        clock.set_speed(0)
