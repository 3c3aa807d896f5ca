"""How quotes are shown: connectives cut, at most two, shortest duration first, clause in bold."""

from __future__ import annotations

import pytest

from bot.faq.engine import Faq
from bot.faq.quoting import mark, select, shown, trim
from bot.store.clinics import Clinic
from content.faq import Source
from content.marketing import load_marketing
from content.seeds import clean_lines, load_documents
from tests.faq.tables import table

CLINIC = Clinic(id=3, name="Bee & Co <Skin>", phone="+44 161 496 0001")


@pytest.mark.parametrize(("quote", "kept"), table("quoting", "trim", "quote", "kept"))
def test_trim_cuts_only_a_leading_connective(quote: str, kept: str) -> None:
    assert trim(Source("d", quote)).quote == kept


def test_a_cut_quote_is_shown_after_an_ellipsis() -> None:
    assert shown("after a session, apply serums.") == "… after a session, apply serums."
    assert shown("After a session, apply serums.") == "After a session, apply serums."


@pytest.mark.parametrize(("relevance", "kept"), table("quoting", "select", "relevance", "kept"))
def test_select_keeps_two_the_shorter_duration_first_and_what_a_quote_points_back_to(
    relevance: dict[str, float], kept: list[str]
) -> None:
    sources = tuple(Source("d", quote) for quote in relevance)
    assert select(sources, relevance.get) == tuple(Source("d", quote) for quote in kept)


def test_mark_bolds_the_most_relevant_clause_and_escapes_html() -> None:
    quote = "Most <people> are red for a day or two, with pain eased by pain relievers."
    marked = mark(quote, lambda clause: 1.0 if "day or two" in clause else 0.0)
    assert marked.bold == "Most <people> are red for a day or two"
    assert marked.html() == (
        "<b>Most &lt;people&gt; are red for a day or two</b>, with pain eased by pain relievers."
    )
    assert marked.plain() == quote


def test_a_one_clause_quote_is_not_bold() -> None:
    assert mark("Redness lasts a day or two.", lambda _: 5.0).bold == ""


@pytest.mark.parametrize(("question", "bold"), table("quoting", "bold", "question", "bold"))
def test_the_answering_clause_is_bold(engine: Faq, question: str, bold: str) -> None:
    answer = engine.answer(question, CLINIC)
    assert f"<b>{bold}</b>" in answer.reply_html
    assert "<b>" not in answer.text
    assert "Bee &amp; Co &lt;Skin&gt;" in answer.reply_html  # the clinic's name, escaped


def test_a_how_long_and_does_it_hurt_question_gets_both_halves(engine: Faq) -> None:
    answer = engine.answer("how long does it take and does it hurt?", CLINIC)
    assert answer.kind == "answer" and len(answer.parts) == 2
    assert "30 to 60 minutes" in answer.parts[0].text
    assert "numbing cream" in answer.parts[1].text


def test_an_ingredients_question_names_the_ingredients(engine: Faq) -> None:
    answer = engine.answer("which ingredients go deeper after microneedling?", CLINIC)
    assert "hyaluronic acid, vitamin C, and retinoids" in answer.text
    assert "These tiny punctures allow serums" not in answer.text


def test_no_answer_quote_starts_with_a_connective_or_is_marketing(engine: Faq) -> None:
    marketing = load_marketing()
    questions = [
        "what serum should I use after?",
        "is microneedling ok for dark skin?",
        "will it help my wrinkles?",
        "why does my skin glow?",
        "does it help acne scars?",
        "what other treatments go with microneedling?",
        "is the recovery quick?",
    ]
    cleaned = {doc: " ".join(clean_lines(raw)) for doc, raw in load_documents().items()}
    for question in questions:
        sources = engine.answer(question, CLINIC).sources
        for before, source in zip((None, *sources), sources, strict=False):
            assert not source.quote.startswith(("Therefore", "Moreover", "Another feather"))
            assert not marketing.tags(source.doc, source.quote), (question, source.quote)
            assert source.quote in cleaned[source.doc]
            if source.quote.startswith("This"):  # only right after the sentence it points to
                assert before is not None
                assert f"{before.quote} {source.quote}" in cleaned[source.doc], question
