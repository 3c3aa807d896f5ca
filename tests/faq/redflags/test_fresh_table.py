"""A table written in one go before the red-flag rules were rebuilt, and never used to shape them
before its first run (the figure of that run is in tests/faq/redflags/README.md).

Urgent rows must come back as a report of one of the categories named; near misses must come
back as nothing, or as a question (which never escalates).
"""

from __future__ import annotations

import pytest

from bot.faq.redflags import check

URGENT = [
    pytest.param(
        "hey! quick one, had my 2nd session last tues. all good mostly but there's a yellowish "
        "goo coming from a couple of the holes on my jaw, is that ok? thanks x",
        ("infection",),
        id="chatty_yellowish_goo",
    ),
    pytest.param(
        "it's day eleven and my forehead is still quite pink", ("prolonged",), id="day_eleven_pink"
    ),
    pytest.param(
        "Been about a week and a half now and the puffiness under my eyes hasn't shifted",
        ("prolonged",),
        id="week_and_a_half_puffy",
    ),
    pytest.param("the soreness is honestly a solid 8/10 tonight", ("pain",), id="sore_8_of_10"),
    pytest.param("it's agony, can't even put my pillow on that side", ("pain",), id="agony_pillow"),
    pytest.param(
        "my cheek has gone hard and lumpy and it's getting bigger",
        ("spots", "infection"),
        id="hard_lump_growing",
    ),
    pytest.param(
        "loads of little whiteheads popped up all over my chin overnight",
        ("spots",),
        id="whiteheads_all_over",
    ),
    pytest.param(
        "broke out in pimples everywhere since the session 😩", ("spots",), id="pimples_everywhere"
    ),
    pytest.param("my temp's 38.4 and I feel rubbish", ("infection",), id="temp_38_4"),
    pytest.param(
        "feeling really shivery and achey all over since yesterday",
        ("infection",),
        id="shivery_achey",
    ),
    pytest.param(
        "Her lips have blown up like a balloon after the serum",
        ("allergic",),
        id="third_person_lips_balloon",
    ),
    pytest.param(
        "my throat feels kind of tight and my voice sounds weird",
        ("breathing", "allergic"),
        id="throat_tight_voice",
    ),
    pytest.param(
        "cant swallow properly n my tongue feels thick",
        ("breathing", "allergic"),
        id="cant_swallow_tongue",
    ),
    pytest.param("itchy raised welts popping up on my neck", ("allergic",), id="raised_welts"),
    pytest.param(
        "i think im having a reaction to the numbing cream, face is all blotchy and itchy",
        ("allergic",),
        id="reaction_numbing_cream",
    ),
    pytest.param(
        "it keeps on bleeding every time I wipe it, been like an hour",
        ("bleeding",),
        id="keeps_on_bleeding",
    ),
    pytest.param(
        "blood is still dripping from one spot on my forehead", ("bleeding",), id="blood_dripping"
    ),
    pytest.param(
        "there are some fluid filled bubbles on my cheek", ("blisters",), id="fluid_filled_bubbles"
    ),
    pytest.param(
        "got crusty patches forming along my hairline", ("blisters",), id="crusty_patches"
    ),
    pytest.param(
        "the redness is travelling down onto my neck now", ("infection",), id="redness_travelling"
    ),
    pytest.param(
        "it was settling nicely but today it's angrier and more swollen than yesterday",
        ("infection",),
        id="angrier_after_settling",
    ),
    pytest.param(
        "the swelling is worse today, not better", ("infection",), id="swelling_worse_not_better"
    ),
    pytest.param(
        "there is an unpleasant smell coming from the treated area",
        ("infection",),
        id="unpleasant_smell",
    ),
    pytest.param(
        "not sure if this is infected or just normal healing, it's a bit weepy",
        ("infection",),
        id="unsure_weepy",
    ),
    pytest.param("might be infected? dunno", ("infection",), id="might_be_infected"),
    pytest.param(
        "Is my face meant to have green crust on it?",
        ("infection", "blisters"),
        id="green_crust_question",
    ),
    pytest.param(
        "Hello. Sorry to bother. Skin very hot and red and the pain increase every hour. "
        "Please advice.",
        ("infection",),
        id="non_native_pain_increase",
    ),
    pytest.param(
        "on day 9 my skin is still burning like it did on the first night",
        ("prolonged",),
        id="day_9_burning",
    ),
    pytest.param(
        "nothing I put on it stops the stinging and it's been 10 days",
        ("prolonged",),
        id="nothing_stops_stinging",
    ),
    pytest.param(
        "I've honestly never seen my face this swollen",
        ("allergic", "infection"),
        id="never_this_swollen",
    ),
    pytest.param(
        "my daughter had it done friday and now she has a fever of 39",
        ("infection",),
        id="daughter_fever",
    ),
    pytest.param(
        "there's no doubt in my mind something's wrong, there's pus in two spots",
        ("infection",),
        id="no_doubt_pus",
    ),
    pytest.param(
        "Lovely staff, really happy with how it went! Just wondering about serums. Also my left "
        "eyelid has swollen up a lot since lunch. Anyway which hyaluronic serum do you recommend?",
        ("allergic",),
        id="buried_eyelid",
    ),
    pytest.param("red hot and throbbing 😖😖", ("infection",), id="red_hot_throbbing"),
    pytest.param("pain's unbearable", ("pain",), id="pain_unbearable"),
]

NEAR_MISSES = [
    pytest.param(
        "what should I look out for that means I need to call you?", id="what_to_look_out_for"
    ),
    pytest.param("how common are infections after microneedling?", id="how_common_infections"),
    pytest.param("if my face swelled up at the weekend who would I ring?", id="if_swelled_weekend"),
    pytest.param("what happens if I get blisters?", id="what_if_blisters"),
    pytest.param("is it normal to bleed a little during the treatment?", id="bleed_little_during"),
    pytest.param(
        "bit of pinpoint bleeding at the clinic but it stopped straight away", id="pinpoint_stopped"
    ),
    pytest.param("my face is a little pink this evening", id="little_pink_evening"),
    pytest.param("slightly puffy this morning, already going down", id="puffy_going_down"),
    pytest.param(
        "skin feels warm and tight, had it done a couple of hours ago", id="warm_tight_hours"
    ),
    pytest.param("a bit sore today, maybe a 3 out of 10", id="sore_3_of_10"),
    pytest.param("day 4 and I'm peeling a bit, is that ok?", id="peeling_day_4"),
    pytest.param("does the PRP version involve taking blood?", id="prp_taking_blood"),
    pytest.param("I've got a spot on my chin, can I use my usual cream?", id="one_spot"),
    pytest.param("will it help with the dark spots on my cheeks?", id="dark_spots"),
    pytest.param(
        "it's been 2 weeks since my session, when should I book the next one?",
        id="two_weeks_booking",
    ),
    pytest.param(
        "I had some redness for the first 2 days but it's totally gone now", id="redness_gone_now"
    ),
    pytest.param("no swelling, no heat, no pus, just a little dry", id="no_no_no_dry"),
    pytest.param("I'm not in any pain at all", id="not_in_pain"),
    pytest.param(
        "is it true microneedling can cause an allergic reaction?", id="can_cause_allergy"
    ),
    pytest.param(
        "my mum is allergic to penicillin, can she still have it?", id="allergic_penicillin"
    ),
    pytest.param("the numbing cream stung a bit when they put it on", id="numbing_stung"),
    pytest.param(
        "how long does the tightness last? mine's still there today (day 2)", id="tightness_day_2"
    ),
    pytest.param("can I put a warm flannel on my face?", id="warm_flannel"),
    pytest.param("no more bleeding since this morning 👍", id="no_more_bleeding"),
    pytest.param("will I get scabs?", id="will_i_get_scabs"),
    pytest.param("red for a few hours after, normal?", id="red_few_hours"),
    pytest.param("swelling's way down compared to yesterday 🙌", id="swelling_way_down"),
    pytest.param(
        "my face feels a lil hot tonight, gonna use a cool compress", id="lil_hot_tonight"
    ),
    pytest.param(
        "how can I tell the difference between normal redness and an infection?",
        id="tell_redness_from_infection",
    ),
    pytest.param("do many people get breakouts after?", id="many_people_breakouts"),
    pytest.param(
        "i was worried about infection but the nurse said it looks fine", id="nurse_said_fine"
    ),
]


@pytest.mark.parametrize(("message", "categories"), URGENT)
def test_fresh_red_flags_are_reported(message: str, categories: tuple[str, ...]) -> None:
    flag = check(message)
    assert flag is not None, message
    assert flag.kind == "report", flag
    assert flag.category in categories, flag


@pytest.mark.parametrize("message", NEAR_MISSES)
def test_fresh_near_misses_do_not_escalate(message: str) -> None:
    flag = check(message)
    assert flag is None or flag.kind == "question", flag
