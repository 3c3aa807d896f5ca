"""Infection: pus, discharge, fever, heat with swelling, spreading, said directly or unsure."""

from __future__ import annotations

import pytest

from tests.faq.redflags.tables import assert_not_urgent, assert_reported

URGENT = [
    pytest.param("greeny stuff coming out of one of the dots on my forehead", id="greeny_stuff"),
    pytest.param("theres yellowy crust round the holes", id="yellowy_crust"),
    pytest.param("a yellowish crust has formed on my chin", id="yellowish_crust"),
    pytest.param("On day 4 it started oozing a honey coloured crust", id="honey_coloured_crust"),
    pytest.param("nothing seems to stop the oozing", id="nothing_stops_oozing"),
    pytest.param("there's no question it's infected", id="no_question_infected"),
    pytest.param("not only a slight temperature, I'm shivering too", id="not_only_temperature"),
    pytest.param("temp of 38.2 this evening", id="temp_38_2"),
    pytest.param("i feel feverish n achy", id="feverish_text_speak"),
    pytest.param("been running a temperature since last night", id="running_temperature"),
    pytest.param("smells funny and there's discharge", id="smell_discharge"),
    pytest.param("it’s weeping clear fluid", id="weeping_curly_apostrophe"),
    pytest.param(
        "Dear clinic, my daughter has high fever after microneedling yesterday.",
        id="non_native_daughter_fever",
    ),
    pytest.param(
        "he says he's been shivery all day and the area is hot", id="third_person_shivery"
    ),
    pytest.param("the redness is spreading towards my ear", id="redness_spreading"),
    pytest.param("red lines going up from the spot", id="red_lines"),
    pytest.param("it had calmed down, now it's hot again", id="calmed_then_hot_again"),
    pytest.param("There’s pus.", id="pus_curly"),
    pytest.param("pls help its all crusty n weepy 😭", id="crusty_weepy_emoji"),
    pytest.param("think I've got an infection tbh", id="think_infection"),
    pytest.param("got the chills and a headache since the treatment", id="chills_headache"),
    pytest.param("cheek is hot to the touch", id="hot_to_touch"),
    pytest.param("hot, red and throbbing on the left side", id="hot_red_throbbing"),
    pytest.param(
        "Skin very hot and swollen, pain increase every hour", id="non_native_hot_swollen"
    ),
    pytest.param(
        "Hi! Thanks so much for Tuesday, the staff were lovely. I did want to mention there's "
        "some pus in a couple of the spots near my nose, but otherwise I'm loving the glow. "
        "When should I book my next one?",
        id="buried_pus",
    ),
    pytest.param("my mum had hers done and now she has a temperature", id="third_person_mum"),
    pytest.param("did the roller give me an infection?", id="did_roller_infect"),
    pytest.param("the area smells bad", id="smells_bad"),
    pytest.param("feel really unwell since my session", id="feel_unwell"),
    pytest.param("I have a fever of 101F", id="fahrenheit"),
    pytest.param("my temp is high", id="temp_is_high"),
    pytest.param("i have a temperatre", id="misspelt_temperature"),
    pytest.param("the cheek has a weird green tinge and smells", id="smells"),
    pytest.param(
        "there's stuff coming out of the little holes, kind of yellow", id="stuff_coming_out"
    ),
    pytest.param("It's leaking", id="its_leaking"),
    pytest.param("my cheek is wet and sticky and won't dry", id="wont_dry"),
    pytest.param("I'm burning up", id="burning_up"),
    pytest.param("my jaw has gone really puffy and it feels hard", id="hard_swelling"),
    pytest.param("one of the needle marks has gone yellow and squishy", id="gone_yellow"),
    pytest.param("face is radiating heat and it's sore to touch", id="heat_sore_to_touch"),
    pytest.param("I've had a raging temperature all night", id="raging_temperature"),
    pytest.param("my glands in my neck are swollen and sore", id="glands"),
]

NEAR_MISSES = [
    pytest.param("what causes infections?", id="what_causes"),
    pytest.param("is infection common after this?", id="is_common"),
    pytest.param("what are the signs of an infection?", id="signs_of"),
    pytest.param(
        "if I got a temperature next week, what would I do?", id="if_temperature_next_week"
    ),
    pytest.param("how do I keep it from getting infected?", id="keep_from_infected"),
    pytest.param("no fever, no pus, just a bit pink", id="negated_list"),
    pytest.param("my temperature is totally normal", id="temperature_normal"),
    pytest.param("can I use a hot towel on my face?", id="hot_towel"),
    pytest.param("the serum smells a bit odd, is it off?", id="serum_smell"),
    pytest.param("does the infection risk go up if I wear makeup?", id="risk_makeup"),
    pytest.param("what happens if it gets infected?", id="what_happens_if"),
    pytest.param("should I be worried about infection?", id="should_i_worry"),
    pytest.param("how would I know if I had an infection?", id="how_would_i_know"),
    pytest.param("what does an infected spot look like?", id="look_like"),
    pytest.param("can u get an infection from a dirty roller", id="can_you_get"),
    pytest.param("skin feels hot-ish and tight a few hours after", id="hotish_tight"),
    pytest.param("my skin feels a bit warm tonight", id="bit_warm"),
    pytest.param("feels warm and a bit puffy this evening", id="warm_puffy_evening"),
    pytest.param("i'm not feverish or anything, just pink", id="not_feverish"),
    pytest.param("the nurse said it's not infected, just irritated", id="nurse_not_infected"),
    pytest.param("I don't think it's infected, just checking which serum", id="dont_think"),
    pytest.param("is it ok to have a hot bath tonight?", id="hot_bath"),
    pytest.param(
        "I had an infection years ago after a piercing, am I ok to have this?", id="history"
    ),
    pytest.param("can I go in a hot tub with no risk of infection?", id="hot_tub_risk"),
    pytest.param(
        "I have a temperature-sensitive serum, fridge or not?", id="temperature_sensitive"
    ),
    pytest.param("I'm nervous about infection", id="nervous_about"),
    pytest.param("my friend had pus after hers, should I worry?", id="friends_story"),
    pytest.param("warm to touch on the first evening, is that normal?", id="warm_first_evening"),
    pytest.param("the bruise has gone yellow", id="bruise_yellow"),
    pytest.param("it's getting warmer outside, can I go in the sun?", id="weather"),
]


@pytest.mark.parametrize("message", URGENT)
def test_infection_is_reported(message: str) -> None:
    assert_reported(message, "infection")


@pytest.mark.parametrize("message", NEAR_MISSES)
def test_infection_near_misses_do_not_escalate(message: str) -> None:
    assert_not_urgent(message)
