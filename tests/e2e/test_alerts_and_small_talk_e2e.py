"""Staff alerts that always arrive, and no alerts for small talk, through the real bot and the
stand-in (which refuses a message over 4,096 characters, a caption over 1,024, as Telegram
does)."""

from __future__ import annotations

import pytest

from bot.wording.patients import answers
from tests.e2e.conftest import AMIRA, SAM, SKY

FLAGGED = "This morning there is pus near my nose, on the left side."
DAYS = (
    "On day {n} I used the serum twice, kept my hands off my face and slept on a clean "
    "pillowcase, as the leaflet from the clinic asked. "
)


def long_message(before: int, limit: int = 4096) -> str:
    """Diary sentences around the one sentence with a red flag, `before` of them ahead of it,
    as many after it as fit in `limit` characters (a full Telegram message by default)."""
    text = "".join(DAYS.format(n=n) for n in range(before)) + FLAGGED + " "
    n = before
    while len(text) + len(DAYS.format(n=n)) <= limit + 1:
        text += DAYS.format(n=n)
        n += 1
    while len(text) + len("Thanks. ") <= limit + 1:
        text += "Thanks. "
    return text.strip()


@pytest.mark.parametrize(
    "before",
    [
        pytest.param(14, id="flag_in_the_middle"),
        pytest.param(0, id="flag_at_the_start"),
        pytest.param(28, id="flag_near_the_end"),
    ],
)
async def test_a_long_urgent_message_still_reaches_staff_around_its_red_flag(world, before):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    text = long_message(before)
    assert 4000 <= len(text) <= 4096
    urgent, note = await amira.send(text, expect=2)
    assert "straight away" in urgent.text
    assert note.text == answers.STAFF_ALERTED
    for chat in (SAM, SKY):
        alert = world.bot.standin.messages(chat)[-1]
        assert alert.text.startswith("URGENT (infection) from Amira")
        assert len(alert.text) <= 4096
        assert FLAGGED in alert.text  # the sentence that raised the flag, whole
        assert f"the whole message is {len(text)} characters" in alert.text
        assert alert.button_data()[0].startswith("reply:")
    # What was left out is marked, and the escalation keeps the whole message.
    assert "…" in world.bot.standin.messages(SAM)[-1].text
    [escalation] = world.store.escalations.for_patient(world.store.patients.by_chat(AMIRA).id)
    assert escalation.question == text


async def test_a_long_caption_with_a_red_flag_reaches_staff_as_a_photo(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    caption = long_message(5, limit=1024)
    assert FLAGGED in caption and len(caption) > 950
    _, (urgent, note) = await amira.send_media("photo", caption, expect=2)
    assert "straight away" in urgent.text
    assert note.text == answers.STAFF_ALERTED
    alert = world.bot.standin.messages(SAM)[-1]
    assert alert.method == "sendPhoto" and len(alert.text) <= 1024
    assert FLAGGED in alert.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("asdfghjkl", id="keyboard_mash"),
        pytest.param("qwerty zxcvb", id="two_mashed_words"),
        pytest.param("What's the weather like today?", id="weather"),
        pytest.param("is it going to rain tomorrow", id="rain"),
        pytest.param("how are you?", id="how_are_you"),
        pytest.param("are you a real person?", id="are_you_human"),
        pytest.param("tell me a joke", id="joke"),
        pytest.param("hahaha", id="laughter"),
    ],
)
async def test_small_talk_and_nonsense_get_a_short_reply_and_no_alert(world, text):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    staff_before = len(world.bot.standin.messages(SAM))
    [reply] = await amira.send(text)
    assert "Glow Clinic on +44 20 7946 0000" in reply.text  # the phone, for anything urgent
    assert answers.QUESTION_PASSED_ON not in reply.text
    assert len(world.bot.standin.messages(SAM)) == staff_before
    assert world.store.escalations.for_patient(world.store.patients.by_chat(AMIRA).id) == []


async def test_chat_with_an_aftercare_question_in_it_is_still_answered(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    [reply] = await amira.send("how are you? my skin is still red, how long will that last")
    assert "for a day or two" in reply.text
