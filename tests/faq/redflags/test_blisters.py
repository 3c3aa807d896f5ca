"""Blisters, crusting and scabs."""

from __future__ import annotations

import pytest

from tests.faq.redflags.tables import assert_not_urgent, assert_reported

URGENT = [
    pytest.param("there's a blister on my upper lip", id="blister_lip"),
    pytest.param("blistery patches on my cheek", id="blistery"),
    pytest.param("little water blisters popping up", id="water_blisters"),
    pytest.param("scabby bits along my jaw", id="scabby"),
    pytest.param("crusting round my nose", id="crusting"),
    pytest.param("my skin has gone all crusty", id="gone_crusty"),
    pytest.param("is this a blister?? 😳", id="is_this_blister"),
    pytest.param("bubbles of fluid under the skin on my cheek", id="bubbles_of_fluid"),
    pytest.param("blisters?? on my forehead", id="fragment_question"),
    pytest.param("Have small bubble with water on the cheek.", id="non_native_bubble"),
    pytest.param("the skin has bubbled up in places", id="bubbled_up"),
]

NEAR_MISSES = [
    pytest.param("will I get scabs?", id="will_i_get_scabs"),
    pytest.param("no scabs or crusting, just dry", id="negated"),
    pytest.param("my skin is a bit flaky on day 3", id="flaky_day_3"),
    pytest.param("how do I stop it scabbing?", id="stop_it_scabbing"),
    pytest.param("what causes blisters after microneedling?", id="what_causes"),
    pytest.param("peeling a bit on day 4, can I moisturise?", id="peeling"),
    pytest.param(
        "I had blisters from a chemical peel years ago, will microneedling do the same?",
        id="history_years_ago",
    ),
    pytest.param("is it normal to get some flaking?", id="flaking"),
    pytest.param("Will the pinpoint scabs go by themselves?", id="pinpoint_scabs"),
]


@pytest.mark.parametrize("message", URGENT)
def test_blisters_and_crusting_are_reported(message: str) -> None:
    assert_reported(message, "blisters")


@pytest.mark.parametrize("message", NEAR_MISSES)
def test_blister_near_misses_do_not_escalate(message: str) -> None:
    assert_not_urgent(message)
