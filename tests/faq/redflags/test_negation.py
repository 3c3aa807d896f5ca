"""Negation across categories: a plain negation clears one mention and a short list after it;
look-alikes that are not negations, and a second symptom after a break, still escalate."""

from __future__ import annotations

import pytest

from tests.faq.redflags.tables import assert_not_urgent, assert_reported

NEGATED = [
    pytest.param("I don't have any fever, chills or pus", id="list_after_verb"),
    pytest.param("No pus. No fever.", id="two_sentences"),
    pytest.param("Not bleeding, not swollen, no fever, just a bit red", id="three_negations"),
    pytest.param("There isn't any pus", id="isnt_any"),
    pytest.param("I haven't noticed any oozing", id="havent_noticed"),
    pytest.param("I wouldn't say it's infected", id="wouldnt_say"),
    pytest.param("zero swelling and no heat", id="zero"),
    pytest.param("no sign of infection, just red", id="no_sign_of"),
    pytest.param("no hives or rash, no breathing problems", id="allergy_list"),
    pytest.param("no crusting, blisters or weeping", id="blister_list"),
    pytest.param("neither pus nor fever", id="neither_nor"),
    pytest.param("without any swelling or heat", id="without"),
    pytest.param("the pus has cleared up now", id="cleared_up"),
    pytest.param("blisters have dried up and gone", id="dried_up"),
    pytest.param("doesn't look infected to me", id="doesnt_look"),
    pytest.param("I dont think its an allergic reaction, just pink", id="dont_think"),
    pytest.param("no more oozing", id="no_more"),
]

STILL_URGENT = [
    pytest.param("no fever, my lips are puffy", "allergic", id="new_statement_after_comma"),
    pytest.param(
        "no fever and the area is hot and spreading", "infection", id="new_clause_after_and"
    ),
    pytest.param("no pus but it's blistering", "blisters", id="but"),
    pytest.param("I don't think so, it's oozing", "infection", id="answer_then_report"),
    pytest.param("nothing I do stops it oozing", "infection", id="nothing_stops"),
    pytest.param("I've never had a reaction like this before", "allergic", id="never_like_this"),
    pytest.param("there's no doubt it's infected", "infection", id="no_doubt"),
    pytest.param("not only red, it's weeping too", "infection", id="not_only"),
    pytest.param("it hasn't stopped bleeding", "bleeding", id="hasnt_stopped"),
    pytest.param("hope it isn't an infection", "infection", id="hope_not"),
    pytest.param(
        "I can't stop scratching and it's spreading", "infection", id="cant_stop_scratching"
    ),
]


@pytest.mark.parametrize("message", NEGATED)
def test_negated_symptoms_do_not_escalate(message: str) -> None:
    assert_not_urgent(message)


@pytest.mark.parametrize(("message", "category"), STILL_URGENT)
def test_look_alike_negations_and_new_statements_still_escalate(
    message: str, category: str
) -> None:
    assert_reported(message, category)
