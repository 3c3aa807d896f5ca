"""Marketing sentences: tagged in marketing.yaml, checked against the documents, never quoted
by a curated answer; and curated quotes that point back must follow their sentence."""

from __future__ import annotations

import shutil

import pytest
import yaml

from content.check import check_content
from content.marketing import load_marketing
from content.timeline import CONTENT_DIR

FEATHER = "Another feather in microneedling's cap is its versatility across different skin types and tones."  # noqa: E501


@pytest.fixture
def content_dir(tmp_path):
    for path in CONTENT_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _edit(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _messages(directory) -> list[str]:
    return [str(p) for p in check_content(directory)]


def test_shipped_tags_are_loaded_and_match() -> None:
    marketing = load_marketing()
    assert marketing.tags("002_4b1ae83a6685b41f", FEATHER)
    assert not marketing.tags("002_4b1ae83a6685b41f", "Most individuals experience redness.")


def test_a_tag_that_matches_no_passage_is_a_problem(content_dir) -> None:
    def change(data):
        data["marketing"].append({"doc": "002_4b1ae83a6685b41f", "quote": "Best clinic ever."})
        data["marketing"].append({"doc": "nope", "quote": "x"})

    _edit(content_dir / "marketing.yaml", change)
    messages = _messages(content_dir)
    assert (
        "marketing.yaml: marketing 42: matches no passage of 002_4b1ae83a6685b41f: "
        "'Best clinic ever.'" in messages
    )
    assert "marketing.yaml: marketing 43: unknown document 'nope'" in messages


def test_a_curated_answer_may_not_quote_marketing(content_dir) -> None:
    def change(data):
        entry = next(e for e in data["entries"] if e["id"] == "skin-types")
        entry["answer"].insert(0, {"doc": "002_4b1ae83a6685b41f", "quote": FEATHER})

    _edit(content_dir / "faq.yaml", change)
    assert _messages(content_dir) == [
        "faq.yaml: skin-types answer 1: quotes a marketing sentence (marketing.yaml)"
    ]


def test_a_quote_pointing_back_needs_its_sentence_before_it(content_dir) -> None:
    def change(data):
        entry = next(e for e in data["entries"] if e["id"] == "wrinkles")
        del entry["answer"][1]  # "Microneedling addresses this issue ..."

    _edit(content_dir / "faq.yaml", change)
    assert _messages(content_dir) == [
        "faq.yaml: wrinkles answer 2: starts by pointing back (“This …”) without the sentence "
        "before it just above"
    ]
