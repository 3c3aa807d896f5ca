"""Severe pain (strong words, or a score from content/redflags.yaml) and pain getting worse."""

from __future__ import annotations

import pytest

from tests.faq.redflags.tables import assert_not_urgent, assert_reported

SEVERE = [
    pytest.param("the pain is a 9 out of 10", id="nine_out_of_ten"),
    pytest.param("it hurts so much, like 8/10", id="like_8_10"),
    pytest.param("I'm in agony", id="agony"),
    pytest.param("excruciating in my left cheek", id="excruciating"),
    pytest.param("throbbing and honestly unbearable", id="unbearable"),
    pytest.param("can't sleep for the pain", id="cant_sleep"),
    pytest.param("it’s killing me", id="killing_me"),
    pytest.param("pain's severe tonight", id="severe"),
    pytest.param("Pain very strong, I cannot sleep.", id="non_native_strong"),
    pytest.param("on a scale of 1 to 10 the soreness is about an 8", id="scale"),
    pytest.param("sore. like seven out of ten", id="seven_words"),
    pytest.param("it hurts. honestly an 8/10", id="score_next_sentence"),
    pytest.param("pain is a solid 9", id="solid_9"),
    pytest.param("my face hurts, it's like an 8", id="like_an_8"),
    pytest.param("I have big pain in my face, like 9 from 10", id="non_native_9_from_10"),
    pytest.param("can't even touch my face it hurts so much", id="cant_touch"),
    pytest.param("pain is off the charts", id="off_the_charts"),
    pytest.param("the pain is intense", id="intense"),
    pytest.param("so painful I'm crying", id="crying"),
    pytest.param("the pain woke me up, it's that bad", id="woke_me_up"),
    pytest.param("I'd say my pain is 9/10", id="id_say"),
    pytest.param("I'm in bits with the pain", id="in_bits"),
]

WORSENING = [
    pytest.param("it hurts more every day", id="hurts_more"),
    pytest.param("the soreness is getting worse", id="soreness_worse"),
    pytest.param("pain has gone from a 3 to an 8 since this morning", id="score_rising"),
    pytest.param("sorer today than yesterday", id="sorer"),
    pytest.param("was fine but now the aching is worse", id="fine_then_worse"),
]

NEAR_MISSES = [
    pytest.param("a bit sore, maybe 2/10", id="two_of_ten"),
    pytest.param("will it be painful?", id="will_it_be_painful"),
    pytest.param("is microneedling agony?", id="is_it_agony"),
    pytest.param("the numbing cream worked, 1/10 honestly", id="one_of_ten"),
    pytest.param("it was a 7/10 during the needling but fine now", id="during_needling"),
    pytest.param("does it hurt? scared of needles", id="does_it_hurt"),
    pytest.param("hurts less than yesterday", id="hurts_less"),
    pytest.param("tender when I touch it, not bad", id="tender_not_bad"),
    pytest.param("I've got a 10/10 glow today haha", id="glow_10_10"),
    pytest.param("bit sore tonight, can I take paracetamol?", id="bit_sore_paracetamol"),
    pytest.param("I'm not in agony or anything, just tender", id="not_in_agony"),
]


@pytest.mark.parametrize("message", SEVERE)
def test_severe_pain_is_reported(message: str) -> None:
    assert_reported(message, "pain")


@pytest.mark.parametrize("message", WORSENING)
def test_worsening_pain_is_reported_as_infection(message: str) -> None:
    # Pain that grows after the session is the guide's "getting worse": a sign of infection.
    assert_reported(message, "infection")


@pytest.mark.parametrize("message", NEAR_MISSES)
def test_pain_near_misses_do_not_escalate(message: str) -> None:
    assert_not_urgent(message)
