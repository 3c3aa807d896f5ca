"""content/faq.yaml and the word lists: the shipped files are valid, broken ones are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from content.faq import FAQ_PATH, load_faq, validate_faq
from content.lexicon import SCOPE_PATH, load_scope, load_synonyms, out_of_scope, validate_lexicon
from content.problem import ContentError

DOC = "002_4b1ae83a6685b41f"
QUOTE = "Depending on which areas must be treated, the process typically takes 30 to 60 minutes."


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "faq.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def _entry(**over: str) -> str:
    fields = {
        "id": "procedure-time",
        "phrasings": "[how long does it take, how long is a session, how many minutes]",
        "doc": DOC,
        "quote": QUOTE,
        "extra": "",
    }
    fields.update(over)
    return (
        "version: 1\nentries:\n"
        f"  - id: {fields['id']}\n"
        f"    phrasings: {fields['phrasings']}\n"
        f"{fields['extra']}"
        "    answer:\n"
        f"      - doc: {fields['doc']}\n"
        f"        quote: {fields['quote']}\n"
    )


def test_shipped_faq_is_valid_and_loads() -> None:
    assert validate_faq(FAQ_PATH) == []
    entries = load_faq()
    assert len(entries) >= 20
    assert all(len(e.phrasings) >= 3 and e.answer for e in entries)
    assert len({e.id for e in entries}) == len(entries)


def test_a_valid_minimal_file_loads(tmp_path: Path) -> None:
    [entry] = load_faq(_write(tmp_path, _entry()))
    assert entry.id == "procedure-time"
    assert entry.answer[0].quote == QUOTE


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            _entry(quote="Microneedling cures everything overnight."),
            "not found verbatim",
            id="quote_not_in_document",
        ),
        pytest.param(_entry(doc="999_missing"), "unknown document", id="unknown_document"),
        pytest.param(
            _entry(phrasings="[how long, how long]"),
            "at least 3 different phrasings",
            id="too_few_phrasings",
        ),
        pytest.param(
            _entry(id="Procedure Time"), "lower-case words joined by hyphens", id="bad_id"
        ),
        pytest.param(
            _entry(extra="    colour: blue\n"), "unknown key `colour`", id="unknown_entry_key"
        ),
        pytest.param("version: 1\nentries: {}\n", "expected `entries:`", id="entries_not_a_list"),
        pytest.param("entries: [\n", "cannot read", id="not_yaml"),
        pytest.param(_entry() + "surprise: 1\n", "unknown key `surprise`", id="unknown_top_key"),
    ],
)
def test_broken_faq_files_are_reported(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path, body)
    problems = validate_faq(path)
    assert any(message in p.message for p in problems), [str(p) for p in problems]
    with pytest.raises(ContentError):
        load_faq(path)


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    one = _entry().split("entries:\n")[1]
    path = _write(tmp_path, "version: 1\nentries:\n" + one + one)
    assert [p.message for p in validate_faq(path)] == ["duplicate id"]


def test_word_lists_load_and_a_bad_pattern_is_reported(tmp_path: Path) -> None:
    assert "redness" in load_synonyms().groups
    assert load_scope()
    bad = tmp_path / "scope.yaml"
    bad.write_text("topics:\n  - topic: broken\n    patterns: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ContentError, match="bad pattern"):
        load_scope(bad)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("can I go in the sun?", "sun"),
        ("does it help sun damage?", None),
        ("are you open on sunday", "opening hours, booking and getting there"),
        ("does it help open pores", None),
        ("how much is it", "prices and payment"),
        ("how much downtime is there", None),
        ("does it help stretch marks after pregnancy", None),
        ("I'm pregnant, will it help my stretch marks", "pregnancy"),
        ("do i need to clean my derma roller", None),
        ("when can I clean my face", "keeping the skin clean"),
        ("will the redness be gone by the weekend", None),
        ("are you open at the weekend", "opening hours, booking and getting there"),
        ("it looks like a bad sunburn", None),
        ("what age can you have it", "age limits"),
        ("can I have laser hair removal after", "other treatments"),
        ("my olive skin scars with lasers, can I have this", None),
        ("is it safer than laser for darker skin", None),
    ],
)
def test_out_of_scope_topics_and_their_exceptions(question: str, topic: str | None) -> None:
    assert out_of_scope(question) == topic


def test_validate_lexicon_reports_problems_without_raising(tmp_path: Path) -> None:
    assert validate_lexicon() == []
    synonyms = tmp_path / "synonyms.yaml"
    synonyms.write_text("groups:\n  Bad Concept: [x]\nfiller: [a]\n", encoding="utf-8")
    scope = tmp_path / "scope.yaml"
    scope.write_text("topics:\n  - topic: t\n    patterns: ['(']\n    extra: 1\n", encoding="utf-8")
    messages = [p.message for p in validate_lexicon(synonyms, scope)]
    assert any("one lower-case word" in m for m in messages)
    assert any("keys are topic, patterns, unless" in m for m in messages)


def test_chat_spellings_must_map_words_to_words(tmp_path: Path) -> None:
    assert load_synonyms().respell["hw"] == "how"
    synonyms = tmp_path / "synonyms.yaml"
    synonyms.write_text("groups: {}\nfiller: []\nrespell:\n  hw: How?\n", encoding="utf-8")
    messages = [p.message for p in validate_lexicon(synonyms, SCOPE_PATH)]
    assert any("'hw': 'How?' is not lower-case words" in m for m in messages)
