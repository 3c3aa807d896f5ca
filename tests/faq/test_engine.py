"""The FAQ engine: targets on the question files, verbatim sources, abstention, clinic entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.faq import engine as faq_module
from bot.faq.answer import Answer
from bot.faq.engine import ClinicEntry, Faq
from bot.faq.evaluation import evaluate, load_questions
from bot.faq.quoting import shown
from bot.faq.ranking import MIN_EVIDENCE
from bot.store import Store
from bot.store.clinics import EXAMPLE_CLINIC, Clinic
from content.faq import load_faq
from content.seeds import clean_lines, load_documents
from tests.conftest import NOW, add_clinic

DATA = Path(__file__).resolve().parents[1] / "data"
DEV = Path(__file__).resolve().parents[3] / "shared" / "faq" / "dev_questions.jsonl"
DEV_2 = Path(__file__).resolve().parents[3] / "shared" / "faq" / "dev_questions_2.jsonl"
QUESTION_FILES = [
    pytest.param(DEV, id="dev"),
    pytest.param(DATA / "faq_heldout.jsonl", id="heldout"),
    pytest.param(DATA / "faq_blind.jsonl", id="blind"),
    pytest.param(DATA / "faq_final.jsonl", id="final"),
    pytest.param(DATA / "faq_fourth.jsonl", id="fourth"),
    pytest.param(DATA / "faq_fifth.jsonl", id="fifth"),
    pytest.param(DATA / "faq_sixth.jsonl", id="sixth"),
    pytest.param(DATA / "faq_seventh.jsonl", id="seventh"),
    # Messages in the chatty, two-part styles that failed before the messages-in-parts round.
    pytest.param(DEV_2, id="dev_2"),
    pytest.param(DATA / "faq_tenth.jsonl", id="tenth"),
]
# Written after the last round of changes and run once; never tuned on, so its answer rate is
# an honest estimate for unseen phrasings, recorded in tests/data/README.md rather than
# asserted (asserting it would mean tuning on it). Its safety targets are asserted below.
HELD_OUT = DATA / "faq_eighth.jsonl"
CLINIC = Clinic(id=7, name="Rose Skin Clinic", phone="+44 161 496 0000")


def _ask(engine: Faq, question: str) -> Answer:
    return engine.answer(question, CLINIC)


@pytest.mark.parametrize("path", QUESTION_FILES)
def test_question_file_meets_every_target(engine: Faq, path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    report = evaluate(load_questions(path), lambda q: _ask(engine, q))
    missed = [(t.name, round(t.value, 3)) for t in report.targets() if not t.met]
    assert missed == [], [g.question.q for g in report.misses]


def test_held_out_set_meets_the_safety_targets(engine: Faq) -> None:
    report = evaluate(load_questions(HELD_OUT), lambda q: _ask(engine, q))
    safety = [t for t in report.targets() if t.name != "answerable"]
    assert {t.name for t in safety} >= {"unknown", "urgent"}
    assert [(t.name, round(t.value, 3)) for t in safety if not t.met] == []


@pytest.mark.parametrize("path", [*QUESTION_FILES, pytest.param(HELD_OUT, id="eighth")])
def test_every_answer_quotes_the_documents_literally(engine: Faq, path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    cleaned = {doc: " ".join(clean_lines(raw)) for doc, raw in load_documents().items()}
    for question in load_questions(path):
        message = _ask(engine, question.q)
        # A message in parts is checked part by part: an urgent part next to an answered one.
        for answer in message.parts or (message,):
            if answer.kind != "answer":
                assert answer.sources == ()
                continue
            assert answer.origin == "guide"
            assert answer.sources, question.q
            for source in answer.sources:
                assert source.quote in cleaned[source.doc], (question.q, source.quote)
                # A quote cut after a leading "Therefore," is shown as "… rest", nothing else.
                assert f"“{shown(source.quote)}”" in answer.text
                assert f"“{shown(source.quote)}”" in message.text


@pytest.mark.parametrize(
    "question",
    [
        "can I wear makeup tomorrow?",
        "when can I go back to the gym",
        "can I work out after microneedling",
        "do I need sunscreen after",
        "can I go in the sun after microneedling?",
        "is it ok to drink alcohol tonight",
        "can I have microneedling while pregnant?",
        "how much does a session cost?",
        "what are your opening hours?",
        "what time do you close",
        "can I use retinol tonight",
        "can I go to the sauna tomorrow?",
        "Who won the football last night?",
        "is it ok to go out after microneedling",
        "microneedling?",
    ],
)
def test_topics_the_guide_does_not_cover_get_unknown(engine: Faq, question: str) -> None:
    answer = _ask(engine, question)
    assert answer.kind == "unknown"
    assert answer.sources == ()
    assert "doesn't cover" in answer.text
    assert CLINIC.name in answer.text and CLINIC.phone in answer.text
    assert answer.needs_staff


def test_sun_damage_is_covered_even_though_sun_protection_is_not(engine: Faq) -> None:
    answer = _ask(engine, "can microneedling help with sun damage")
    assert answer.kind == "answer"
    assert any("sun exposure" in s.quote for s in answer.sources)


def test_urgent_reply_gives_the_phone_and_alerts_staff(engine: Faq) -> None:
    answer = _ask(engine, "my face is oozing pus")
    assert (answer.kind, answer.red_flag) == ("urgent", "infection")
    assert CLINIC.phone in answer.text
    assert "emergency" not in answer.text
    assert answer.needs_staff


def test_breathing_trouble_adds_the_emergency_line(engine: Faq) -> None:
    answer = _ask(engine, "my throat feels tight and I can't breathe")
    assert answer.kind == "urgent"
    assert "emergency number" in answer.text
    assert CLINIC.phone in answer.text


def test_red_flags_come_before_small_talk_and_clinic_entries(engine: Faq) -> None:
    entry = ClinicEntry(1, CLINIC.id, "what if there is pus", "Pop in and see us.", "nurse")
    assert engine.answer("hi, there's pus", CLINIC, clinic_entries=(entry,)).kind == "urgent"


def test_clinic_entry_answers_in_the_clinics_own_words(engine: Faq) -> None:
    entry = ClinicEntry(3, CLINIC.id, "When can I wear makeup again?", "After 24 hours.", "Dr Lee")
    answer = engine.answer("can i wear makeup tomorrow", CLINIC, clinic_entries=(entry,))
    assert (answer.kind, answer.origin, answer.sources) == ("answer", "clinic", ())
    assert "After 24 hours." in answer.text
    assert CLINIC.name in answer.text and "not from the guide" in answer.text
    assert not answer.needs_staff


def test_another_clinics_entry_is_ignored(engine: Faq) -> None:
    entry = ClinicEntry(4, CLINIC.id + 1, "When can I wear makeup again?", "Tomorrow.", "x")
    answer = engine.answer("can i wear makeup tomorrow", CLINIC, clinic_entries=(entry,))
    assert answer.kind == "unknown"


def test_unrelated_clinic_entry_does_not_displace_the_guide(engine: Faq) -> None:
    entry = ClinicEntry(5, CLINIC.id, "Can I wear makeup?", "After 24 hours.", "x")
    answer = engine.answer("how long will I be red for?", CLINIC, clinic_entries=(entry,))
    assert answer.origin == "guide"


def test_the_view_for_a_clinic_reads_its_live_entries_from_the_store(
    engine: Faq, tmp_path: Path
) -> None:
    store = Store.open(tmp_path / "faq.db")
    glow, other = add_clinic(store), add_clinic(store, "Other Clinic")
    kept = store.faq_entries.add(
        glow.id, "When can I wear makeup again?", "After 24 hours.", 1, NOW
    )
    gone = store.faq_entries.add(glow.id, "Can I go to the gym?", "Not today.", 1, NOW)
    store.faq_entries.delete(glow.id, gone, NOW)
    store.faq_entries.add(other.id, "When can I wear makeup again?", "Tomorrow.", 2, NOW)
    view = engine.for_clinic(store, glow)
    store.close()
    assert [entry.id for entry in view.entries] == [kept]
    answer = view.answer("can i wear makeup tomorrow")
    assert (answer.kind, answer.origin, answer.matched) == ("answer", "clinic", f"clinic:{kept}")
    assert "After 24 hours." in answer.text and glow.name in answer.text
    assert view.answer("can I go to the gym").kind == "unknown"


@pytest.mark.parametrize("message", ["hi", "Thanks!", "👍", "ok", "bye", "good morning"])
def test_small_talk_is_answered_without_search(engine: Faq, message: str) -> None:
    answer = _ask(engine, message)
    assert answer.kind == "smalltalk"
    assert answer.sources == ()
    assert not answer.needs_staff


@pytest.mark.parametrize("message", ["", "   ", "\n"], ids=["empty", "spaces", "newline"])
def test_empty_message_gets_a_prompt(engine: Faq, message: str) -> None:
    answer = _ask(engine, message)
    assert answer.kind == "smalltalk"
    assert "ask me" in answer.text


def test_greeting_before_a_question_still_answers_it(engine: Faq) -> None:
    answer = _ask(engine, "hi! how long does the redness last?")
    assert answer.kind == "answer"
    assert "day or two" in answer.text


@pytest.mark.parametrize(
    "message",
    ["?" * 5000, "🙂🙂🙂 ???", "a" * 10000, "DROP TABLE units; --"],
    ids=["question_marks", "emoji", "one_long_word", "sql"],
)
def test_odd_input_never_raises(engine: Faq, message: str) -> None:
    assert _ask(engine, message).kind in ("answer", "unknown", "smalltalk", "urgent")


def test_answer_json_has_the_documented_fields(engine: Faq) -> None:
    data = _ask(engine, "what serum should I use after?").to_json()
    assert {"kind", "text", "sources", "score", "origin", "red_flag"} <= set(data)
    assert data["kind"] == "answer" and 0 < data["score"] <= 1
    assert all(set(s) == {"doc", "quote"} for s in data["sources"])
    json.dumps(data)


def test_module_level_answer_uses_the_shared_engine() -> None:
    first = faq_module.answer("is microneedling safe?", EXAMPLE_CLINIC)
    assert first.kind == "answer" and first.sources
    assert faq_module.default_engine() is faq_module.default_engine()


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("how long does the rednes last", "day or two"),
        ("what serun should i use after", "serum"),
        ("how many sesions do i need", "series"),
        ("can i use hyaluronc acid", "hyaluronic"),
        ("can it help strech marks", "stretch marks"),
    ],
)
def test_one_letter_typos_still_find_the_answer(engine: Faq, question: str, phrase: str) -> None:
    answer = _ask(engine, question)
    assert answer.kind == "answer"
    assert phrase in answer.text.lower()


def test_an_adverb_is_no_evidence_against_a_match(engine: Faq) -> None:
    assert _ask(engine, "do the results wear off").kind == "answer"
    assert _ask(engine, "do the results wear off eventually").kind == "answer"
    assert _ask(engine, "do the results wear off quietly").kind == "answer"


def test_an_unknown_noun_still_counts_against_a_match(engine: Faq) -> None:
    # "jade" names something else than the derma roller; an adverb would not.
    assert _ask(engine, "can I use a jade roller").kind == "unknown"
    assert _ask(engine, "seriously?").kind == "unknown"


def test_an_unknown_word_is_not_corrected_into_a_topic(engine: Faq) -> None:
    assert _ask(engine, "can i go to the saunaa tomorrow").kind == "unknown"


def test_curated_phrasings_are_distinct_and_carry_a_topic(engine: Faq) -> None:
    # A phrasing that folds to nothing but "microneedling" can never be matched on its own,
    # and two entries with the same folded phrasing leave the choice to chance.
    owners: dict[frozenset[str], set[str]] = {}
    for entry in load_faq():
        for text in entry.phrasings:
            folded = frozenset(engine.analyzer.content_terms(text)) | engine.analyzer.intents(text)
            weight = sum(engine.ranker.weight(t) for t in folded)
            assert weight >= MIN_EVIDENCE, (entry.id, text)
            owners.setdefault(folded, set()).add(entry.id)
    shared = {tuple(sorted(k)): v for k, v in owners.items() if len(v) > 1}
    assert shared == {}
