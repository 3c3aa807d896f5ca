"""Which messages opt out: the table that decides STOP at once, a question, or one question
first (CANCEL, END, QUIT alone). The same patterns filter the routing table."""

from __future__ import annotations

import pytest

from bot.delivery.optout import STOP, UNCLEAR, classify

CASES = [
    # STOP and UNSUBSCRIBE with punctuation, polite words or emoji around them, any case.
    pytest.param("STOP", "stop", id="stop"),
    pytest.param("stop", "stop", id="stop_lower"),
    pytest.param("Stop.", "stop", id="stop_full_stop"),
    pytest.param("  stop  ", "stop", id="stop_spaces"),
    pytest.param("stop please", "stop", id="stop_please"),
    pytest.param("please stop", "stop", id="please_stop"),
    pytest.param("Please, STOP!", "stop", id="please_comma_stop"),
    pytest.param("STOP 🛑", "stop", id="stop_emoji"),
    pytest.param("🛑🛑 stop", "stop", id="emoji_stop"),
    pytest.param("stop stop stop", "stop", id="stop_repeated"),
    pytest.param("stop it", "stop", id="stop_it"),
    pytest.param("stop now thanks", "stop", id="stop_now_thanks"),
    pytest.param("/stop", "stop", id="stop_command_words"),
    pytest.param("Unsubscribe.", "stop", id="unsubscribe"),
    pytest.param("UNSUBSCRIBE ME", "stop", id="unsubscribe_me"),
    pytest.param("unsubscribe from these messages", "stop", id="unsubscribe_from_messages"),
    pytest.param("I want to unsubscribe", "stop", id="want_to_unsubscribe"),
    pytest.param("opt out", "stop", id="opt_out"),
    pytest.param("opt-out please", "stop", id="opt_hyphen_out"),
    # Sentences clearly about the messages.
    pytest.param("stop sending these", "stop", id="stop_sending_these"),
    pytest.param("Stop sending me messages!", "stop", id="stop_sending_me_messages"),
    pytest.param("stop messaging me", "stop", id="stop_messaging_me"),
    pytest.param("stop the reminders thanks", "stop", id="stop_the_reminders"),
    pytest.param("stop all these texts", "stop", id="stop_all_these_texts"),
    pytest.param("no more messages please", "stop", id="no_more_messages"),
    pytest.param("No more reminders!", "stop", id="no_more_reminders"),
    pytest.param("can you stop sending me these messages?", "stop", id="can_you_stop_sending"),
    pytest.param("please don't send me any more messages", "stop", id="dont_send_more"),
    pytest.param("don’t text me", "stop", id="dont_text_me_curly"),
    pytest.param("I don't want these messages anymore", "stop", id="dont_want_messages"),
    pytest.param("i dont want any more reminders", "stop", id="dont_want_reminders"),
    # A question or sentence that merely contains "stop" is not an opt-out.
    pytest.param("should I stop my retinol?", None, id="stop_my_retinol"),
    pytest.param("when can I stop using the serum", None, id="stop_using_serum"),
    pytest.param("stop the serum?", None, id="stop_the_serum"),
    pytest.param("Can I stop wearing sunscreen after a week?", None, id="stop_sunscreen"),
    pytest.param("the redness won't stop", None, id="wont_stop"),
    pytest.param("I stopped using makeup", None, id="stopped"),
    pytest.param("bus stop", None, id="bus_stop"),
    pytest.param("stop my appointment", None, id="stop_appointment"),
    pytest.param("how do I unsubscribe from the clinic newsletter and book?", None, id="long"),
    pytest.param("hello", None, id="hello"),
    pytest.param("", None, id="empty"),
    # CANCEL, END or QUIT alone: appointments are cancelled too.
    pytest.param("cancel", "unclear", id="cancel"),
    pytest.param("CANCEL.", "unclear", id="cancel_full_stop"),
    pytest.param("cancel please", "unclear", id="cancel_please"),
    pytest.param("End", "unclear", id="end"),
    pytest.param("QUIT!", "unclear", id="quit"),
    pytest.param("please cancel it", "unclear", id="please_cancel_it"),
    pytest.param("cancel my appointment", None, id="cancel_my_appointment"),
    pytest.param("when does the redness end?", None, id="end_in_a_question"),
]


@pytest.mark.parametrize(("text", "kind"), CASES)
def test_the_opt_out_table(text, kind):
    assert classify(text) == kind
    # The routing table filters on the same patterns.
    assert (STOP.search(text) is not None) == (kind == "stop")
    assert (UNCLEAR.search(text) is not None) == (kind == "unclear")


def test_a_long_message_is_never_only_an_opt_out():
    assert classify("stop " * 60) is None
