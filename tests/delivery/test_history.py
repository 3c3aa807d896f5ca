"""The history of a clinic's wording (bot.delivery.history): short diffs, and going back to a
version only when its words still pass the checks a new text gets."""

from __future__ import annotations

import pytest

from bot.delivery import history
from bot.wording.staff import history as words
from content.timeline import load_timeline
from tests.enroll_helpers import NOW, add_clinic

REDNESS = (
    "> Most individuals experience redness and mild swelling post-treatment for a day or two, "
    "with any potential discomfort easily managed with over-the-counter pain relievers."
)


@pytest.fixture(scope="module")
def timeline():
    return load_timeline()


@pytest.mark.parametrize(
    "old, new, shown",
    [
        pytest.param("a\nb\nc", "a\nB\nc", ["  - b", "  + B"], id="one_line_changed"),
        pytest.param("a", "a\nb", ["  + b"], id="line_added"),
        pytest.param("a\nb", "b", ["  - a"], id="line_removed"),
        pytest.param("same", "same", [], id="no_change"),
        pytest.param("1\n2\n3", "4\n5\n6",
                     ["  - 1", "  - 2", "  - 3", "  + 4", words.more_lines(2)],
                     id="cut_after_four"),
        pytest.param("x", "y" * 200, ["  - x", "  + " + "y" * 89 + "…"], id="long_line_cut"),
    ],
)  # fmt: skip
def test_short_diff(old, new, shown):
    assert history.short_diff(old, new) == shown


def test_a_version_that_no_longer_passes_the_checks_is_not_restored(store, timeline):
    glow = add_clinic(store)
    # Saved before a document changed (written straight to the store, as an old row would be).
    store.content.save(
        glow.id, "day1_redness", "Hi {first_name}.\n> Microneedling cures all.", 7, NOW
    )
    store.content.save(glow.id, "day1_redness", "Hi {first_name}.\n" + REDNESS, 7, NOW)
    text = history.revert(store, timeline, glow, "day1_redness", "1", staff_chat=7, now=NOW)
    assert text.startswith("Not restored: version 1 no longer passes the checks.")
    assert "is not word for word" in text
    assert len(store.content.versions(glow.id, "day1_redness")) == 2


def test_revert_with_0_or_default_is_the_default_wording(store, timeline):
    glow = add_clinic(store)
    store.content.save(glow.id, "day1_redness", "Hi {first_name}.\n" + REDNESS, 7, NOW)
    text = history.revert(store, timeline, glow, "day1_redness", "default", staff_chat=7, now=NOW)
    assert text.startswith("day1_redness is back to the default wording")
    assert store.content.active(glow.id, "day1_redness") is None


def test_only_the_newest_versions_are_listed(store, timeline):
    glow = add_clinic(store)
    for n in range(12):
        store.content.save(
            glow.id, "day1_redness", f"Hi {{first_name}}, take {n}.\n{REDNESS}", 7, NOW
        )
    text = history.history(store, timeline, glow, "day1_redness", viewer_chat_id=7)
    assert "v12 · by you · 02 Mar 2026 14:00 · in use" in text
    assert "v3 · by you" in text and "v2 · by you" not in text
    assert words.older_versions(2) in text
