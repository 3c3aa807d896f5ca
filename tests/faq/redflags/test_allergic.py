"""Allergic reaction and airway: the two categories whose reply adds the emergency number."""

from __future__ import annotations

import pytest

from tests.faq.redflags.tables import assert_not_urgent, assert_reported

URGENT = [
    pytest.param("my lips feel huge and tingly", "allergic", id="lips_huge"),
    pytest.param("tongue's swelling up", "allergic", id="tongue_swelling"),
    pytest.param("eyes r swollen shut", "allergic", id="eyes_swollen_shut"),
    pytest.param("came up in hives after the vitamin c", "allergic", id="hives_vitamin_c"),
    pytest.param("itchy welts all over my neck", "allergic", id="welts"),
    pytest.param("rash spreading across my cheeks", "allergic", id="rash_spreading"),
    pytest.param(
        "I think I'm allergic to the growth factor serum, my face is itchy and swollen",
        "allergic",
        id="allergic_to_serum",
    ),
    pytest.param("might be an allergy, don't know", "allergic", id="might_be_allergy"),
    pytest.param("is this an allergic reaction??", "allergic", id="is_this_reaction"),
    pytest.param(
        "face swelled up within minutes of the serum", "allergic", id="swelled_within_minutes"
    ),
    pytest.param("my whole face has blown up", "allergic", id="whole_face_blown_up"),
    pytest.param("her eyelids are puffing up fast", "allergic", id="third_person_eyelids"),
    pytest.param("lips tingling and swelling", "allergic", id="lips_tingling_swelling"),
    pytest.param("I'm covered in hives", "allergic", id="covered_in_hives"),
    pytest.param("I've never seen my face this puffy", "allergic", id="never_this_puffy"),
    pytest.param(
        "I've never had swelling like this, one side of my face is puffed right up",
        "allergic",
        id="never_like_this",
    ),
    pytest.param(
        "am I having a reaction? face is blotchy and hot", "allergic", id="having_reaction"
    ),
    pytest.param("throat feels tight, scared", "breathing", id="throat_tight"),
    pytest.param("I'm finding it hard to breathe", "breathing", id="hard_to_breathe"),
    pytest.param("wheezing a bit since the serum", "breathing", id="wheezing_bit"),
    pytest.param("chest feels tight n hard to swallow", "breathing", id="chest_tight_swallow"),
    pytest.param(
        "my voice has gone hoarse and my throat is swelling", "breathing", id="voice_hoarse"
    ),
    pytest.param("cant catch my breath", "breathing", id="catch_breath"),
    pytest.param("Difficult breathing after the cream.", "breathing", id="non_native_breathing"),
    pytest.param("Eyes puffed up so much I can barely see", "allergic", id="barely_see"),
    pytest.param("I feel like I can't get enough air", "breathing", id="not_enough_air"),
    pytest.param("my face is swelling up", "allergic", id="face_swelling_up"),
    pytest.param("the whole left side of my face is swollen", "allergic", id="left_side"),
    pytest.param("my chest feels heavy", "breathing", id="chest_heavy"),
    pytest.param("MY FACE IS SO SWOLLEN I CANT SEE", "allergic", id="caps_cant_see"),
    pytest.param(
        "I think I'm reacting to something, face all lumpy and itchy", "allergic", id="reacting"
    ),
]

NEAR_MISSES = [
    pytest.param("bit swollen under my eyes this morning, normal?", id="under_eyes"),
    pytest.param("I'm allergic to plasters, is that a problem?", id="known_allergy_plasters"),
    pytest.param("what does an allergic reaction look like?", id="look_like"),
    pytest.param("can the serum cause an allergic reaction?", id="can_cause"),
    pytest.param("what if I'm allergic to the numbing cream?", id="what_if_allergic"),
    pytest.param("my lips are dry after, can I use lip balm?", id="dry_lips"),
    pytest.param("will my lips swell?", id="will_lips_swell"),
    pytest.param("I had a rash as a kid from plasters", id="rash_as_kid"),
    pytest.param("breathing's fine, no swelling of the lips or anything", id="breathing_fine"),
    pytest.param("no rash, no itching, just pink", id="no_rash"),
    pytest.param(
        "does the numbing cream have anything people are allergic to?", id="people_allergic"
    ),
    pytest.param("my eyes are a bit puffy this morning", id="eyes_bit_puffy"),
    pytest.param("I kept my eyes closed the whole time, was that right?", id="eyes_closed"),
    pytest.param("no trouble breathing at all", id="no_trouble_breathing"),
    pytest.param("I have a nut allergy, is the serum ok?", id="nut_allergy"),
    pytest.param("My friend got a rash from her microneedling, will I?", id="friend_rash"),
    pytest.param("what's the emergency number if I have a reaction?", id="emergency_number_if"),
]


@pytest.mark.parametrize(("message", "category"), URGENT)
def test_allergic_and_airway_signs_are_reported(message: str, category: str) -> None:
    assert_reported(message, category)


@pytest.mark.parametrize("message", NEAR_MISSES)
def test_allergic_near_misses_do_not_escalate(message: str) -> None:
    assert_not_urgent(message)
