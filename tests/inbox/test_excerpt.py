"""Fitting a patient's words into an alert: the flagged sentence whole, "…" where words were
left out, never over the budget (Telegram's UTF-16 count)."""

from __future__ import annotations

import pytest

from bot.faq import redflags
from bot.inbox.excerpt import _SENTENCE, ELLIPSIS, fit, length

FILLER = "I put the serum on twice today and kept my hands away from my face. "
FLAGGED = "Now there is pus on my cheek, near the nose."


def diary(before: int, after: int, flagged: str = FLAGGED) -> str:
    return (FILLER * before + flagged + " " + FILLER * after).strip()


def test_words_that_fit_are_kept_as_they_are():
    assert fit(FLAGGED, 100, "pus") == FLAGGED


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(40, 40, id="middle"),
        pytest.param(0, 80, id="first_sentence"),
        pytest.param(80, 0, id="last_sentence"),
    ],
)
@pytest.mark.parametrize("budget", [pytest.param(300, id="short"), pytest.param(3900, id="long")])
def test_the_flagged_sentence_is_kept_whole_within_the_budget(before, after, budget):
    text = diary(before, after)
    flag = redflags.check(text)
    assert flag is not None and flag.category == "infection"
    shown = fit(text, budget, flag.matched)
    assert FLAGGED in shown
    assert length(shown) <= budget
    assert shown.startswith(ELLIPSIS) == (before > 0)
    assert shown.endswith(ELLIPSIS) == (after > 0)
    assert length(shown) > budget - len(FILLER) - 2  # as much around it as fits


def test_without_a_flag_the_start_is_kept():
    shown = fit(FILLER * 100, 500)
    assert shown.startswith(FILLER) and shown.endswith(ELLIPSIS) and length(shown) <= 500


def test_a_flag_in_two_parts_finds_the_symptoms_sentence():
    text = diary(30, 30, "The redness is still there. It has been two weeks now.")
    flag = redflags.check(text)
    assert flag is not None and flag.category == "prolonged" and ELLIPSIS in flag.matched
    assert "The redness is still there." in fit(text, 400, flag.matched)


def test_one_sentence_longer_than_the_budget_is_cut_around_the_flag():
    text = "and " * 1000 + "then pus came out " + "and " * 1000
    shown = fit(text, 200, "pus")
    assert "pus" in shown and length(shown) <= 200
    assert shown.startswith(ELLIPSIS) and shown.endswith(ELLIPSIS)


def test_emoji_count_twice_as_telegram_counts_them():
    text = "😟" * 3000 + " there is pus."
    shown = fit(text, 4000, "pus")
    assert length(shown) <= 4000 and "pus" in shown


def test_sentences_put_together_are_the_text():
    text = "Temp 38.5 now! Is that bad?? e.g. this\nnext line... end"
    assert "".join(m.group(0) for m in _SENTENCE.finditer(text)) == text


def test_a_budget_too_small_is_refused():
    with pytest.raises(ValueError, match="at least 10"):
        fit("anything at all here", 5)
