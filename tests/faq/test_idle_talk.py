"""Nonsense and chat about other things get a short reply (small talk, no staff alert); a
message with an aftercare topic in it, or one of the topics the guide leaves to the clinic,
is still a question."""

from __future__ import annotations

import pytest

from bot.faq.engine import default_engine
from bot.store.clinics import EXAMPLE_CLINIC
from bot.wording.patients import answers

NAME, PHONE = EXAMPLE_CLINIC.name, EXAMPLE_CLINIC.phone


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        pytest.param("asdfghjkl", answers.not_understood(NAME, PHONE), id="keyboard_mash"),
        pytest.param("qwerty uiop!!", answers.not_understood(NAME, PHONE), id="mash_and_marks"),
        pytest.param("¿Puedo maquillarme?", answers.not_understood(NAME, PHONE), id="spanish"),
        pytest.param("مرحبا", answers.not_understood(NAME, PHONE), id="arabic_script"),
        pytest.param("What's the weather like today?", answers.chitchat(NAME, PHONE), id="weather"),
        pytest.param("how are you?", answers.chitchat(NAME, PHONE), id="how_are_you"),
        pytest.param("who are you", answers.chitchat(NAME, PHONE), id="who_are_you"),
        pytest.param("are you a bot", answers.chitchat(NAME, PHONE), id="are_you_a_bot"),
        pytest.param("tell me a joke", answers.chitchat(NAME, PHONE), id="joke"),
        pytest.param("haha", answers.ask_me(NAME, PHONE), id="laughter"),
        pytest.param("test", answers.ask_me(NAME, PHONE), id="testing"),
    ],
)
def test_idle_talk_gets_a_short_reply_and_needs_no_staff(text, reply):
    answer = default_engine().answer(text, EXAMPLE_CLINIC)
    assert (answer.kind, answer.text, answer.needs_staff) == ("smalltalk", reply, False)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("Can I take my antihistamines as normal?", "unknown", id="real_question"),
        pytest.param("is the weather ok for my healing skin", "unknown", id="weather_and_skin"),
        pytest.param("is it sunny enough to need spf", "unknown", id="weather_and_sun_topic"),
        pytest.param(
            "how are you? my skin is still red, how long?", "answer", id="chat_and_redness"
        ),
        pytest.param("rain and pus on my cheek", "urgent", id="red_flag_first"),
        pytest.param("hydraquinone cream ok?", "unknown", id="unknown_product_with_words"),
    ],
)
def test_anything_with_a_topic_is_still_a_question(text, kind):
    assert default_engine().answer(text, EXAMPLE_CLINIC).kind == kind
