"""Consent as people type it: which whole messages answer an open consent question."""

from __future__ import annotations

import pytest

from bot.people.consent import TYPED_ANSWER, typed_answer

CASES = [
    pytest.param("yes", "yes", id="yes"),
    pytest.param("Yes!", "yes", id="yes_exclaimed"),
    pytest.param("YES PLEASE", "yes", id="yes_please"),
    pytest.param("I agree", "yes", id="i_agree"),
    pytest.param("i agree.", "yes", id="i_agree_lower"),
    pytest.param("ok sure", "yes", id="ok_sure"),
    pytest.param("OK, sure 👍", "yes", id="ok_sure_emoji"),
    pytest.param("yep", "yes", id="yep"),
    pytest.param("Sure thing", "yes", id="sure_thing"),
    pytest.param("sounds good, thanks", "yes", id="sounds_good"),
    pytest.param("no", "no", id="no"),
    pytest.param("No thanks", "no", id="no_thanks"),
    pytest.param("No, thank you.", "no", id="no_thank_you"),
    pytest.param("I don't agree", "no", id="dont_agree"),
    pytest.param("nope", "no", id="nope"),
    # Not an answer: these go to "please agree first" (or, for a patient, to the FAQ).
    pytest.param("please", None, id="please_alone"),
    pytest.param("thanks", None, id="thanks_alone"),
    pytest.param("ok no", None, id="both"),
    pytest.param("yes but what will you send?", None, id="yes_and_a_question"),
    pytest.param("how long will I be red?", None, id="question"),
    pytest.param("yes " * 30, None, id="too_long"),
]


@pytest.mark.parametrize(("text", "answer"), CASES)
def test_typed_answers(text, answer):
    assert typed_answer(text) == answer
    if answer is not None:  # the routing table lets every answer through to the store check
        assert TYPED_ANSWER.search(text)
