"""The analyzer folds spelling variants so both sides of a match meet on one term."""

from __future__ import annotations

import pytest

from bot.faq.analyzer import Analyzer, stem


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("sanitised", "sanitized"),
        ("sterilisation", "sterilization"),
        ("moisturiser", "moisturizer"),
        ("minimise", "minimize"),
        ("colour", "color"),
        ("discolouration", "discoloration"),
        ("anaesthetic", "anesthetic"),
        ("millimetres", "millimeters"),
    ],
)
def test_british_and_american_spellings_stem_alike(british: str, american: str) -> None:
    assert stem(british) == stem(american)


@pytest.mark.parametrize(
    ("word", "stemmed"), [("wise", "wis"), ("raise", "rais"), ("hour", "hour"), ("your", "your")]
)
def test_short_words_are_not_respelled(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_chat_spellings_read_as_words_for_intents_and_terms() -> None:
    analyzer = Analyzer()
    assert analyzer.intents("hw long does swelling last") == analyzer.intents(
        "how long does swelling last"
    )
    assert "?duration" in analyzer.intents("hw long does swelling last")
    assert analyzer.content_terms("wat serum shud i use") == analyzer.content_terms(
        "what serum should i use"
    )


def test_lay_words_fold_onto_the_guides_words() -> None:
    analyzer = Analyzer()
    assert analyzer.content_terms("is my dirty roller risky") == ["sterile", "dermaroller", "risk"]
    assert analyzer.content_terms("how far apart") == analyzer.content_terms("what gap")
    assert analyzer.content_terms("pitted marks from spots") == ["scar", "scar"]


def test_round_before_a_determiner_is_around_not_a_session() -> None:
    analyzer = Analyzer()
    assert "sessions" not in analyzer.content_terms("swollen round my jaw")
    assert "sessions" not in analyzer.content_terms("lines round the mouth")
    assert "sessions" in analyzer.content_terms("do I need another round")
    assert "sessions" in analyzer.content_terms("another round a month later")


def test_adverbs_are_found_whatever_their_stem() -> None:
    analyzer = Analyzer()
    assert analyzer.adverb_stems("do the effects wear off eventually") == {stem("eventually")}
    assert analyzer.adverb_stems("is it safe") == frozenset()


def test_body_parts_fold_onto_the_body() -> None:
    analyzer = Analyzer()
    for part in ("hips", "décolleté", "decollete", "upper arms", "my back", "shoulders"):
        assert analyzer.content_terms(part) == ["body"], part
