"""Unsure about their own skin: escalates. Asking in general or "what if": a question."""

from __future__ import annotations

import pytest

from bot.faq.redflags import check
from tests.faq.redflags.tables import assert_not_urgent, assert_reported

UNSURE = [
    pytest.param("I can't tell whether it's an infection", "infection", id="cant_tell_whether"),
    pytest.param("might be an allergy, don't know", "allergic", id="might_be_allergy"),
    pytest.param("is this infected??", "infection", id="is_this_infected"),
    pytest.param("not sure if it's infected or just healing", "infection", id="not_sure_if"),
    pytest.param("could this be an infection?", "infection", id="could_this_be"),
    pytest.param("does it look infected to you? i can send a pic", "infection", id="look_infected"),
    pytest.param("worried it might be infected", "infection", id="worried_might_be"),
    pytest.param("hope it's not infected 😬", "infection", id="hope_not"),
    pytest.param("Is it infection or normal?", "infection", id="non_native_or_normal"),
    pytest.param("idk if thats pus or just serum", "infection", id="idk_pus_or_serum"),
    pytest.param("could it be infected?", "infection", id="could_it_be"),
    pytest.param(
        "can't tell if it's infected or just healing? 🤔", "infection", id="cant_tell_emoji"
    ),
    pytest.param("what do I do if it's infected?", "infection", id="if_its_infected"),
]

# A question that takes the sign as there ("the pus") reports it.
PRESUPPOSED = [
    pytest.param("will the pus go away on its own?", "infection", id="the_pus"),
    pytest.param("will the blisters heal by friday?", "blisters", id="the_blisters"),
    pytest.param("should the bleeding have stopped by now?", "bleeding", id="the_bleeding"),
    pytest.param("can I pop my blisters?", "blisters", id="my_blisters"),
]

QUESTIONS = [
    pytest.param("what are the warning signs to look out for?", "general", id="warning_signs"),
    pytest.param("is infection common after this?", "infection", id="infection_common"),
    pytest.param(
        "if I got a temperature next week, what would I do?", "infection", id="if_temperature"
    ),
    pytest.param("what does an allergic reaction look like?", "allergic", id="reaction_look_like"),
    pytest.param("how would I know if it got infected?", "infection", id="how_would_i_know"),
    pytest.param("what happens if I get blisters?", "blisters", id="what_happens_blisters"),
    pytest.param(
        "if my lips swelled up at the weekend who would I ring?", "allergic", id="if_lips_weekend"
    ),
    pytest.param(
        "what's the difference between normal redness and an infection?",
        "infection",
        id="difference_between",
    ),
    pytest.param("will I still be red after 2 weeks?", "prolonged", id="will_still_be_red"),
]

NOT_URGENT = [
    pytest.param("how can I tell if something's wrong?", id="something_wrong"),
    pytest.param("the nurse checked and said it isn't infected", id="nurse_checked"),
    pytest.param(
        "i was worried about infection but the nurse said it looks fine", id="nurse_said_fine"
    ),
]


@pytest.mark.parametrize(("message", "category"), UNSURE)
def test_unsure_about_own_skin_escalates(message: str, category: str) -> None:
    assert_reported(message, category)


@pytest.mark.parametrize(("message", "category"), PRESUPPOSED)
def test_a_question_about_a_sign_that_is_there_escalates(message: str, category: str) -> None:
    assert_reported(message, category)


@pytest.mark.parametrize(("message", "category"), QUESTIONS)
def test_questions_about_symptoms_are_questions_not_reports(message: str, category: str) -> None:
    flag = check(message)
    assert flag is not None and flag.kind == "question", flag
    assert flag.category == category


@pytest.mark.parametrize("message", NOT_URGENT)
def test_settled_or_general_worries_do_not_escalate(message: str) -> None:
    assert_not_urgent(message)
