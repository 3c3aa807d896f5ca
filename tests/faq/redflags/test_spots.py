"""Lumps and many sore spots, in everyday words; not pigment spots or old acne."""

from __future__ import annotations

import pytest

from tests.faq.redflags.tables import assert_not_urgent, assert_reported

URGENT = [
    pytest.param("loads of zits have popped up since", id="loads_of_zits"),
    pytest.param("pimples all over my chin and cheeks", id="pimples_all_over"),
    pytest.param("covered in little whiteheads", id="covered_whiteheads"),
    pytest.param("bumps everywhere, some with white tops", id="bumps_everywhere"),
    pytest.param("a hard lump has come up under my jaw", id="hard_lump"),
    pytest.param("the lump keeps getting bigger", id="lump_bigger"),
    pytest.param("a couple of painful spots came up on my forehead", id="painful_spots"),
    pytest.param("my skin's broken out all over", id="broken_out"),
    pytest.param("bad breakout since the treatment 😩", id="bad_breakout"),
    pytest.param("lots of tiny red bumps all over my face", id="tiny_red_bumps"),
    pytest.param("there's a sore pea-sized lump", id="sore_lump"),
    pytest.param(
        "a couple of sore lumps and loads of tiny spots have come up", id="lumps_and_spots"
    ),
    pytest.param("My face have many small pimple now", id="non_native_many_pimple"),
    pytest.param("I've got like 20 spots on my forehead", id="twenty_spots"),
    pytest.param("my face has erupted in pimples", id="erupted"),
    pytest.param("I've got a big painful spot that's throbbing", id="throbbing_spot"),
]

NEAR_MISSES = [
    pytest.param("will it help my old acne scars?", id="acne_scars"),
    pytest.param("I have a few dark spots I want to fade", id="dark_spots"),
    pytest.param("my skin texture is bumpy, will this smooth it?", id="bumpy_texture"),
    pytest.param("one little spot on my chin, probably my period", id="one_spot"),
    pytest.param("can microneedling cause breakouts?", id="can_cause"),
    pytest.param("I used to get loads of spots as a teenager", id="as_a_teenager"),
    pytest.param("do people break out after this?", id="do_people"),
    pytest.param("sun spots on my hands, can you treat those too?", id="sun_spots"),
    pytest.param("will it get rid of the bumps from old spots?", id="old_spots"),
    pytest.param("I'm prone to breakouts, will this help?", id="prone_to"),
    pytest.param("Is it normal to have tiny scabs after?", id="tiny_scabs_in_general"),
    pytest.param("my skin sometimes breaks out before my period, is that ok?", id="period"),
]


@pytest.mark.parametrize("message", URGENT)
def test_lumps_and_many_spots_are_reported(message: str) -> None:
    assert_reported(message, "spots")


@pytest.mark.parametrize("message", NEAR_MISSES)
def test_spot_near_misses_do_not_escalate(message: str) -> None:
    assert_not_urgent(message)
