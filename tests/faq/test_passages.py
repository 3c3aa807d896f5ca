"""A clinic switching passages off: the store's versions, the domain outcome, what the FAQ
quotes for that clinic (and no other), and timeline steps that still quote the passage."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.faq import passages
from bot.faq.engine import Faq
from bot.store import Store
from tests.conftest import NOW, add_clinic

VITAMIN_C = "004#3"  # "Moreover, ... Therefore, after undergoing a session ... vitamin C ..."
RETINOL = "000#9"  # "When combined with topical products like retinol or peptides, ..."


def test_switching_off_is_versioned_with_author_and_time(store: Store) -> None:
    clinic = add_clinic(store)
    off = passages.switch_off(store, clinic.id, VITAMIN_C, "cli", NOW)
    assert (off.ok, off.changed, off.passage_id) == (True, True, "004_f59c8c46db378ab5#3")
    assert "Switched off: 004#3 “Moreover, microneedling can also" in off.message
    again = passages.switch_off(store, clinic.id, VITAMIN_C, "cli", NOW)
    assert (again.ok, again.changed) == (True, False)
    back = passages.switch_on(store, clinic.id, off.passage_id, "staff:42", NOW + timedelta(1))
    assert (back.ok, back.changed) == (True, True)
    history = store.passage_switches.history(clinic.id, off.passage_id)
    assert [(s.state, s.version, s.author) for s in history] == [
        ("off", 1, "cli"),
        ("on", 2, "staff:42"),
    ]
    assert history[1].created_at == NOW + timedelta(1)
    assert store.passage_switches.off_for_clinic(clinic.id) == frozenset()


@pytest.mark.parametrize(
    ("clinic_id", "ref", "says"),
    [
        pytest.param(999, VITAMIN_C, "No clinic with id 999", id="unknown_clinic"),
        pytest.param(None, "004#99", "No passage '004#99'", id="unknown_passage"),
        pytest.param(None, "retinol", "No passage 'retinol'", id="not_an_id"),
    ],
)
def test_bad_input_changes_nothing(store: Store, clinic_id, ref: str, says: str) -> None:
    clinic = add_clinic(store)
    outcome = passages.switch_off(store, clinic_id or clinic.id, ref, "cli", NOW)
    assert (outcome.ok, outcome.changed) == (False, False)
    assert says in outcome.message
    assert list(store.db.query("SELECT * FROM passage_switches")) == []


def test_a_switched_off_passage_is_never_quoted_to_that_clinic(store: Store, engine: Faq) -> None:
    glow, other = add_clinic(store), add_clinic(store, "Other Clinic")
    question = "can u use retinol w microneedling?"
    before = engine.for_clinic(store, glow).answer(question)
    assert before.kind == "answer" and "retinol or peptides" in before.text
    passages.switch_off(store, glow.id, RETINOL, "cli", NOW)
    after = engine.for_clinic(store, glow).answer(question)
    assert "retinol or peptides" not in after.text
    assert all("retinol or peptides" not in s.quote for s in after.sources)
    # Another clinic still gets it.
    assert "retinol or peptides" in engine.for_clinic(store, other).answer(question).text


def test_curated_entries_quoting_it_are_skipped(store: Store, engine: Faq) -> None:
    glow = add_clinic(store)
    question = "what serum should I use after?"
    assert engine.for_clinic(store, glow).answer(question).matched == "serums-after"
    passages.switch_off(store, glow.id, VITAMIN_C, "cli", NOW)
    answer = engine.for_clinic(store, glow).answer(question)
    assert answer.matched != "serums-after"
    assert all("vitamin C for maximum benefits" not in s.quote for s in answer.sources)


def test_a_step_quoting_it_is_reported_until_the_clinic_rewords_it(store: Store) -> None:
    glow = add_clinic(store)
    assert passages.step_problems(store, glow.id) == []
    passages.switch_off(store, glow.id, VITAMIN_C, "cli", NOW)
    [problem] = passages.step_problems(store, glow.id)
    assert problem.where == "step serum_now"
    assert "004#3" in problem.message and "/edit serum_now" in problem.message
    reworded = (
        "Hi {first_name}, thank you for your session at {clinic_name} today.\n\n"
        "> “Immediately after the procedure, the skin is more receptive to serums, "
        "moisturizers, and other skincare products.”"
    )
    store.content.save(glow.id, "serum_now", reworded, 42, NOW)
    assert passages.step_problems(store, glow.id) == []


def test_listing_names_passages_for_people(store: Store) -> None:
    glow = add_clinic(store)
    passages.switch_off(store, glow.id, VITAMIN_C, "Dr Lee", NOW)
    rows = passages.listing(store, glow.id)
    assert len(rows) > 40 and {r.state for r in rows} == {"on", "off"}
    [off] = passages.listing(store, glow.id, only_off=True)
    assert (off.short_id, off.state, off.author) == ("004#3", "off", "Dr Lee")
    assert off.label.startswith("004#3 “Moreover, microneedling can also enhance")
    # The document by its title in content/documents.yaml, not the start of its text.
    assert off.label.endswith("(Microneedling for healthier skin, its effects and its risks)")


def test_the_chat_listing_fits_telegram_and_says_who_switched(store: Store) -> None:
    from bot.faq.passage_listing import MESSAGE_BUDGET, chat_listing
    from content.seeds import load_passages

    glow = add_clinic(store)
    passages.switch_off(store, glow.id, VITAMIN_C, "staff:42", NOW)
    passages.switch_off(store, glow.id, RETINOL, "Dr Lee", NOW)
    messages = chat_listing(store, glow, viewer_chat_id=42)
    assert len(messages) > 1 and all(len(m) <= MESSAGE_BUDGET for m in messages)
    lines = "\n".join(messages).splitlines()
    assert len([line for line in lines if line.startswith("• ")]) == len(load_passages())
    start = "“Moreover, microneedling can also enhance absorption of skincare…”"
    assert f"• 004#3 · OFF · {start} (by you, 02 Mar 2026 14:00)" in lines
    assert any(line.startswith("• 000#9 · OFF · ") and "(by Dr Lee, " in line for line in lines)
    other_viewer = "\n".join(chat_listing(store, glow, viewer_chat_id=7))
    assert "(by staff chat 42, 02 Mar 2026 14:00)" in other_viewer
