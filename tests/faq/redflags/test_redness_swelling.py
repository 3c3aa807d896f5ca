"""Redness and swelling that last (day from content/redflags.yaml) or get worse; not the
ordinary, softened or improving redness and swelling of the first days."""

from __future__ import annotations

import pytest

from tests.faq.redflags.tables import assert_not_urgent, assert_reported

LASTING = [
    pytest.param("on day 12, still angry red", id="day_first"),
    pytest.param("still red after a week and a half", id="week_and_a_half"),
    pytest.param("nine days and still swollen", id="nine_days_words"),
    pytest.param("it's been ten days, still pink and sore", id="ten_days"),
    pytest.param("day 8 here, swelling not going down at all", id="day_8_not_going_down"),
    pytest.param("still puffy 2 wks later", id="wks_later"),
    pytest.param("it's been over a week and I'm still really red", id="over_a_week"),
    pytest.param("8 days post and still bright red", id="days_post"),
    pytest.param("Two weeks after, my face still red. Is normal?", id="non_native_two_weeks"),
    pytest.param("Day 9. Still red.", id="across_sentences"),
    pytest.param("my cheeks have been red for a fortnight", id="fortnight"),
    pytest.param("its the ninth day and still swollen 😕", id="ordinal_day"),
    pytest.param("still a bit pink on day ten", id="softened_but_lasting"),
    pytest.param("red for 10ish days now", id="tenish_days"),
    pytest.param("my face is still red a whole week after", id="whole_week"),
    pytest.param("week 2 and still puffy", id="week_2"),
    pytest.param("had my session on the 2nd and it's now the 12th and I'm still red", id="dates"),
]

WORSE = [
    pytest.param("my cheeks are redder than they were yesterday", id="redder"),
    pytest.param("swelling's worse today", id="worse_today"),
    pytest.param("puffy — honestly worse than Monday", id="split_by_dash"),
    pytest.param("the redness is getting bigger", id="redness_bigger"),
    pytest.param("it had settled but now the swelling's back", id="back_after_settling"),
    pytest.param("the redness came back after it had gone", id="came_back"),
    pytest.param("its spreading", id="its_spreading"),
    pytest.param("the red patch has doubled in size", id="doubled"),
    pytest.param("redder than it was", id="redder_than_it_was"),
    pytest.param("swelling went down on day 2 but on day 4 it's puffier than ever", id="puffier"),
    pytest.param("The swelling, it is more big today.", id="non_native_more_big"),
    pytest.param("seemed better yesterday, now it's really swollen again", id="seemed_better"),
    pytest.param("it was getting better and now it's not", id="better_then_not"),
    pytest.param("it had basically gone and now it's back with a vengeance", id="back_vengeance"),
    pytest.param("day 5: worse than day 2", id="worse_than_day_2"),
    pytest.param(
        "My wife face is very swelling and red, more than first day", id="non_native_more_than"
    ),
    pytest.param("it's gone up my cheek now", id="gone_up_cheek"),
    pytest.param("the redness moved to my neck", id="moved_to_neck"),
    pytest.param("my cheek swelled up more today", id="swelled_more"),
    pytest.param("It seemed to be healing but now it's angry and sore", id="seemed_healing"),
    pytest.param("it's gone from pink to bright red over the last 2 days", id="pink_to_red"),
]

NEAR_MISSES = [
    pytest.param("slightly swollen this morning but less than yesterday", id="less_than_yesterday"),
    pytest.param("a bit red tonight", id="bit_red_tonight"),
    pytest.param("flaky on day 3", id="flaky_day_3"),
    pytest.param("red for 2 days, normal?", id="two_days"),
    pytest.param("how many days will the swelling last?", id="how_many_days"),
    pytest.param("day 5, still a bit pink, when will it go?", id="day_5"),
    pytest.param("is it normal to still be red after 2 days", id="after_2_days"),
    pytest.param("face is red and puffy today after yesterday's session", id="day_after"),
    pytest.param("will the swelling get worse tomorrow?", id="will_get_worse"),
    pytest.param("redness is going down nicely", id="going_down"),
    pytest.param("not as red as yesterday", id="not_as_red"),
    pytest.param("next session in 4 weeks, can i book?", id="next_session"),
    pytest.param("it's not spreading, just a bit pink", id="not_spreading"),
    pytest.param("swelling's way down compared to yesterday", id="way_down"),
    pytest.param("my face is so red lol, how long does this last", id="so_red"),
    pytest.param(
        "it was red for about a week after my first session, will it be the same this time?",
        id="last_session_history",
    ),
    pytest.param("no worse than yesterday, just pink", id="no_worse"),
    pytest.param("it's 3 weeks till my next one, will the redness be gone?", id="till_next"),
    pytest.param("woke up puffy, is that normal?", id="woke_up_puffy"),
    pytest.param("my face is red and hot tonight, is that normal?", id="red_hot_tonight"),
    pytest.param("Had my session this afternoon. Red and warm, normal?", id="warm_same_day"),
    pytest.param("does redness get worse before it gets better?", id="worse_before_better"),
    pytest.param("my face is swelling up a bit tonight, normal?", id="swelling_up_a_bit"),
    pytest.param("the swelling has gone down a lot", id="gone_down_a_lot"),
]


@pytest.mark.parametrize("message", LASTING)
def test_lasting_redness_and_swelling_are_reported(message: str) -> None:
    assert_reported(message, "prolonged")


@pytest.mark.parametrize("message", WORSE)
def test_worsening_redness_and_swelling_are_reported_as_infection(message: str) -> None:
    assert_reported(message, "infection")


@pytest.mark.parametrize("message", NEAR_MISSES)
def test_ordinary_redness_and_swelling_do_not_escalate(message: str) -> None:
    assert_not_urgent(message)
