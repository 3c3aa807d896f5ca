"""Seed cleaning against the real documents: debris gone, guidance kept, quotes still found."""

import pytest

from content.seeds import load_passages, quote_in_document

DEBRIS = [
    "learn more here",
    "http",
    "explore the content",
    "Get updated with",
    "Woman performing microneedling",
    # The article title of 002: a question, useless as an answer.
    "What Are The Key Benefits For Individuals Looking",
    # A lead-in that only announces a list.
    "Now, let’s unravel the myriad benefits",
]


@pytest.mark.parametrize("fragment", DEBRIS)
def test_debris_is_not_in_any_passage(fragment):
    assert not [p.id for p in load_passages() if fragment in p.text]


def test_guidance_is_kept_with_its_heading():
    redness = [p for p in load_passages() if "redness and mild swelling" in p.text]
    assert len(redness) == 1
    assert redness[0].heading == "Minimal Downtime and Quick Recovery"


def test_heading_numbering_is_dropped():
    headings = {p.heading for p in load_passages() if p.doc.startswith("000_")}
    assert "Reducing Product Waste" in headings
    assert not [h for h in headings if h[:1].isdigit()]


def test_passage_ids_count_from_one_per_document():
    for doc in {p.doc for p in load_passages()}:
        positions = [p.position for p in load_passages() if p.doc == doc]
        assert positions == list(range(1, len(positions) + 1))


def test_quote_spanning_removed_debris_is_found():
    quote = "microneedling can also enhance absorption of skincare products"
    assert quote_in_document(quote, "004_f59c8c46db378ab5")
    assert not quote_in_document(quote.replace("enhance", "double"), "004_f59c8c46db378ab5")


def test_quote_matching_folds_typography_and_whitespace():
    quote = 'Immediately after the procedure,\n  the skin is more "receptive"'.replace('"', "")
    assert quote_in_document(quote, "002_4b1ae83a6685b41f")
    assert quote_in_document("skin's surface", "004_f59c8c46db378ab5")
    assert not quote_in_document("anything", "no_such_doc")
