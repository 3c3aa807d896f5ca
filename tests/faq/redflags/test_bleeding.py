"""Bleeding that goes on; not pinpoint bleeding during the session, nor the word "blood"."""

from __future__ import annotations

import pytest

from tests.faq.redflags.tables import assert_not_urgent, assert_reported

URGENT = [
    pytest.param("it's still bleeding an hour later", id="still_bleeding"),
    pytest.param("bleeding won't stop even when I press on it", id="wont_stop_pressure"),
    pytest.param("cheek keeps bleeding through the tissue", id="keeps_bleeding"),
    pytest.param("there's blood running down my face", id="blood_running"),
    pytest.param("I cant get it to stop bleeding", id="cant_get_it_to_stop"),
    pytest.param("been bleeding on and off all day", id="on_and_off"),
    pytest.param("blood everywhere on my pillow this morning", id="blood_everywhere"),
    pytest.param("one of the dots is bleeding quite a lot", id="quite_a_lot"),
    pytest.param("Nose area bleeding since 2 hours", id="non_native_since"),
    pytest.param("my face is bleeding", id="face_is_bleeding"),
    pytest.param("nothing stops the bleeding", id="nothing_stops"),
    pytest.param("its bleedin again 😩", id="bleedin_again"),
]

NEAR_MISSES = [
    pytest.param("pinpoint bleeding during the session, is that normal?", id="pinpoint_during"),
    pytest.param("PRP, the blood one — is that the vampire facial?", id="prp_blood_one"),
    pytest.param("there was a tiny bit of blood on my pillow", id="tiny_bit_pillow"),
    pytest.param("it bled a little at the clinic", id="bled_little_clinic"),
    pytest.param("the bleeding stopped after a few minutes", id="stopped"),
    pytest.param("can I take ibuprofen, does it thin the blood?", id="thin_blood"),
    pytest.param("do I need a blood test first?", id="blood_test"),
    pytest.param("is it normal to bleed during microneedling?", id="bleed_during"),
    pytest.param("will I bleed?", id="will_i_bleed"),
    pytest.param("no bleeding now", id="no_bleeding_now"),
    pytest.param("stopped bleeding ages ago", id="stopped_ages_ago"),
    pytest.param("my husband's on blood thinners, can he have it?", id="blood_thinners"),
    pytest.param("does it boost blood flow to the skin?", id="blood_flow"),
    pytest.param("I bleed easily, is that a problem?", id="bleed_easily"),
    pytest.param("a little bit of blood on the pillow this morning", id="blood_on_pillow"),
]


@pytest.mark.parametrize("message", URGENT)
def test_bleeding_that_goes_on_is_reported(message: str) -> None:
    assert_reported(message, "bleeding")


@pytest.mark.parametrize("message", NEAR_MISSES)
def test_bleeding_near_misses_do_not_escalate(message: str) -> None:
    assert_not_urgent(message)
