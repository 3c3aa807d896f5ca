"""The documents' index (content/documents.yaml): every seed document has a title for people,
checked against the documents themselves; seeds/ stays unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from content.check import check_content
from content.documents import DOCUMENTS_FILE, cited, load_index, title, validate_documents
from content.seeds import SEEDS_DIR, load_documents
from content.timeline import CONTENT_DIR

SHIPPED = CONTENT_DIR / DOCUMENTS_FILE


def test_the_shipped_index_names_every_document_and_passes_its_checks():
    assert validate_documents() == []
    index = load_index()
    assert set(index) == set(load_documents())
    assert all(doc.title and "_" not in doc.title for doc in index.values())
    assert title("003_6a4980428cc968b7") == "How Microneedling Affects Your Skin"
    assert cited("000_58c67111cd651ce2") == (
        "Microneedling and the absorption of skincare products "
        "(https://drkasia.co.uk/treatments/micro-needling)"
    )
    assert cited("999_unknown") == "999_unknown"  # never worse than the file name


def _index(tmp_path: Path, replace: tuple[str, str] | None = None, drop: str = "") -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    if replace:
        text = text.replace(*replace)
    if drop:
        lines = text.splitlines()
        start = lines.index(f"  {drop}:")
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  0")), None)
        text = "\n".join(lines[:start] + (lines[end:] if end else []))
    path = tmp_path / DOCUMENTS_FILE
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "change, says",
    [
        pytest.param(dict(drop="001_2f22d41356e5ddf7"), "document missing from the index",
                     id="missing_document"),
        pytest.param(dict(replace=("003_6a4980428cc968b7:", "005_nothere:")),
                     "no document '005_nothere'", id="unknown_document"),
        pytest.param(dict(replace=("title: How Microneedling Affects Your Skin",
                                   "title: How Microneedling Cures Everything")),
                     "said to be the document's own but no line of it reads so",
                     id="invented_own_title"),
        pytest.param(dict(replace=("https://drkasia.co.uk/treatments/micro-needling",
                                   "https://example.com/elsewhere")),
                     "is not an https address the document names", id="address_not_named"),
        pytest.param(dict(replace=("titled: described", "titled: guessed")),
                     "titled: must be one of document, described", id="bad_titled"),
        pytest.param(dict(replace=("title: Understanding the Science Behind Microneedling",
                                   "title: ''")),
                     "title: give one of 1 to 200 characters", id="empty_title"),
    ],
)  # fmt: skip
def test_a_bad_index_is_named_document_by_document(tmp_path, change, says):
    problems = validate_documents(_index(tmp_path, **change))
    assert any(says in str(problem) for problem in problems), problems


def test_content_check_includes_the_index(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    assert check_content(content, SEEDS_DIR) == []
    _index(content, drop="004_f59c8c46db378ab5")
    problems = check_content(content, SEEDS_DIR)
    assert [str(p) for p in problems] == [
        "documents.yaml: 004_f59c8c46db378ab5: document missing from the index: give it a title"
    ]
