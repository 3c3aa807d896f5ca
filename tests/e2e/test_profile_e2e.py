"""The bot's Telegram profile (description, short description) is set at each start-up."""

from __future__ import annotations

from bot.standin.driver import ChatDriver
from bot.standin.harness import running_bot
from bot.standin.profile import LIMITS
from bot.wording.patients import profile


async def test_start_up_sets_both_descriptions_from_the_wording(tmp_path, standin):
    async with running_bot(tmp_path / "bot.db", standin=standin):
        assert standin.profile[("description", "")] == profile.DESCRIPTION
        assert standin.profile[("short_description", "")] == profile.SHORT_DESCRIPTION
        assert [c.ok for c in standin.calls("setMyDescription")] == [True]
        assert [c.ok for c in standin.calls("setMyShortDescription")] == [True]


def test_the_descriptions_say_what_it_is_that_it_is_automated_and_how_to_stop():
    for text, field in (
        (profile.DESCRIPTION, "description"),
        (profile.SHORT_DESCRIPTION, "short_description"),
    ):
        assert len(text) <= LIMITS[field]
        assert "aftercare" in text and "automated" in text and "/stop" in text


async def test_a_refused_description_does_not_stop_the_bot(tmp_path, standin, caplog):
    standin.add_fault("server_error", method="setMyDescription", times=1)
    async with running_bot(tmp_path / "bot.db", standin=standin) as bot:
        [welcome] = await ChatDriver(bot, 1001, "Pat").say("/start")
        assert "not a clinician" in welcome.text
    assert "profile_not_set error=NetworkError" in caplog.text
