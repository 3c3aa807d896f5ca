"""Reaching the Bot API at start-up: backoff up to a minute, told once a minute, and the
failures no retry can fix."""

from __future__ import annotations

import logging

import pytest
from telegram.error import BadRequest, InvalidToken, NetworkError, TimedOut

from bot.telegram.startup import NotABotApi, TokenRejected, connect


class FlakyBot:
    """Fails `initialize` with each error of `errors` in turn, then answers."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.tries = 0

    async def initialize(self) -> None:
        self.tries += 1
        if self.errors:
            raise self.errors.pop(0)


class ManualTime:
    """A monotonic clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


async def test_an_unreachable_api_is_tried_with_backoff_and_reported_once_a_minute(caplog):
    caplog.set_level(logging.INFO)
    time = ManualTime()
    bot = FlakyBot(*[NetworkError("connection refused")] * 9, TimedOut())
    tries = await connect(bot, "http://127.0.0.1:9", sleep=time.sleep, clock=time)
    assert tries == bot.tries == 11
    assert time.waits == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60]
    said = [r.getMessage() for r in caplog.records if "telegram_unreachable" in r.getMessage()]
    # Tries at 0, 1, 3, 7, 15, 31, 63, 123, 183, 243 and 303 s; told at 0 s, then at the first
    # failed try a minute or more after the last telling: 63, 123, 183, 243 s.
    assert [line.split(" tries=")[1].split()[0] for line in said] == ["1", "7", "8", "9", "10"]
    assert said[0].startswith("telegram_unreachable url=http://127.0.0.1:9 tries=1")
    assert "telegram_reached url=http://127.0.0.1:9 tries=11" in caplog.text


async def test_an_api_that_answers_at_once_is_not_waited_for(caplog):
    time = ManualTime()
    assert await connect(FlakyBot(), "https://api.telegram.org", sleep=time.sleep) == 1
    assert time.waits == [] and "telegram_" not in caplog.text


@pytest.mark.parametrize(
    ("error", "raised"),
    [
        pytest.param(InvalidToken("Unauthorized"), TokenRejected, id="token_rejected"),
        pytest.param(BadRequest("Not a Bot API"), NotABotApi, id="bad_request"),
        pytest.param(ValueError("Invalid server response"), NotABotApi, id="not_json"),
    ],
)
async def test_what_no_retry_can_fix_stops_the_start(error, raised):
    time = ManualTime()
    with pytest.raises(raised):
        await connect(FlakyBot(error), "https://x.example", sleep=time.sleep, clock=time)
    assert time.waits == []
