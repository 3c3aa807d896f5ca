"""Red flags: a table of messages that must escalate and messages that must not."""

from __future__ import annotations

import pytest

from bot.faq.redflags import RedFlag, check

URGENT = [
    # infection
    ("My face is oozing pus", "infection"),
    ("puss coming out of a spot", "infection"),
    ("there's yellow stuff weeping from my cheek", "infection"),
    ("I have a high temperature and chills", "infection"),
    ("feaver since last night", "infection"),
    ("got a temperature of 38.9", "infection"),
    ("feeling shivery and unwell", "infection"),
    ("the redness is spreading down my neck", "infection"),
    ("it's hot to the touch", "infection"),
    ("The area is getting more swollen and hot each day", "infection"),
    ("hot, swollen and throbbing", "infection"),
    ("red, swollen, hot", "infection"),
    ("swollen and throbbing since this morning", "infection"),
    ("pain is getting worse every day", "infection"),
    ("it hurts more today than yesterday", "infection"),
    ("i think it's infected 😟", "infection"),
    ("did the roller give me an infection?", "infection"),
    ("what are the signs of infection", "infection"),  # unsure: escalate
    # allergic reaction and breathing
    ("my lips are swelling up", "allergic"),
    ("swolen lips and itchy", "allergic"),
    ("my eyes are puffy and swollen shut", "allergic"),
    ("throat feels like it's closing", "allergic"),
    ("broke out in hives", "allergic"),
    ("My throat feels tight and I can't breathe properly", "breathing"),
    ("cant breath", "breathing"),
    ("struggling to breathe", "breathing"),
    ("short of breath after the serum", "breathing"),
    # bleeding that won't stop
    ("it won't stop bleeding", "bleeding"),
    ("the bleeding hasn't stopped for an hour", "bleeding"),
    ("it's still bleeding", "bleeding"),
    # blisters, crusting
    ("I have little blisters on my forehead", "blisters"),
    ("my skin is crusting", "blisters"),
    ("scabs all over my chin", "blisters"),
    # lasting beyond about a week
    ("It's been two weeks and the redness hasn't gone down at all", "prolonged"),
    ("still red after 10 days", "prolonged"),
    ("its been over a week and its still burning", "prolonged"),
    ("still pink 3 weeks later", "prolonged"),
    ("pink for a fortnight", "prolonged"),
    # negation of one symptom does not clear another
    ("no fever but there's pus", "infection"),
    ("no fever, chills though", "infection"),
    ("I don't have a temperature but the area is hot and spreading", "infection"),
    ("not feverish but my lips are puffy", "allergic"),
    ("no swelling but still red after two weeks", "prolonged"),
]

NOT_URGENT = [
    "How long will I be red for?",
    "is it normal to be red after microneedling?",
    "is swelling normal?",
    "does it hurt?",
    "no fever, just a bit red",
    "I don't have a fever",
    "not feverish at all",
    "without any pus, is the redness ok?",
    "no fever or chills, is redness normal?",
    "no pus or anything but it's still red today",
    "not bleeding anymore, can I put serum on?",
    "the bleeding has stopped",
    "tiny pinpoint bleeding during the treatment, is that normal?",
    "is there a risk of infection with home rollers?",
    "how do I prevent infection",
    "can a dirty roller give you an infection",
    "can microneedling lead to infection",
    "can i have a hot shower, my face is red",
    "it's been 5 days and still pink",
    "is it normal to be red after 3 days",
    "can I take a hot shower",
    "does it improve blood flow?",
    "can I spread the serum all over my face",
    "the redness is not spreading",
    "my lips are not swollen",
    "I'm not having trouble breathing",
    "my temperature is normal",
    "no scabs or crusting",
    "can i chill out tonight",
    "what serum should I use after?",
    "",
]


@pytest.mark.parametrize(("message", "category"), URGENT)
def test_urgent_messages_escalate_with_their_category(message: str, category: str) -> None:
    flag = check(message)
    assert flag is not None, message
    assert flag.category == category


@pytest.mark.parametrize("message", NOT_URGENT)
def test_plain_questions_and_negated_symptoms_do_not_escalate(message: str) -> None:
    assert check(message) is None


def test_only_allergic_and_breathing_call_for_emergency_services() -> None:
    assert RedFlag("allergic", "lips").emergency
    assert RedFlag("breathing", "cant breathe").emergency
    assert not RedFlag("infection", "pus").emergency
    assert not RedFlag("prolonged", "red … 2 weeks").emergency


def test_breathing_wins_over_infection_in_one_message() -> None:
    # The reply for breathing adds the emergency line, so it must be the category reported.
    flag = check("fever and I can't breathe")
    assert flag is not None and flag.category == "breathing"
