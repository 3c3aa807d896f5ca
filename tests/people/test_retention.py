"""Retention: words older than the period are blanked, everything else stays. A manual clock
moves the days; real SQLite."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.delivery import rules
from bot.people import retention
from bot.people.retention import Pruned, prune
from bot.store.escalations import Escalation
from tests.conftest import NOW, add_clinic
from tests.delivery_fixtures import FakeRenderer, Step, enroll

DAYS = 90
DAY = timedelta(days=1)


def sent_rows(store, clinic, chat: int, when: list, clock: ManualClock) -> list[int]:
    """A patient whose steps went out at `when` (through the outbox's own recording, with real
    text and events); returns the delivery ids."""
    enroll(store, clinic, chat, [Step(f"s{i}", t) for i, t in enumerate(when)])
    renderer, ids = FakeRenderer(), []
    for at in when:
        clock.set(at)
        [row] = store.deliveries.claim_due(at, 1)
        rules.sent(store, row, at, message_id=row.id, message=renderer(row))
        ids.append(row.id)
    return ids


def escalation_at(store, clinic, chat: int, at) -> Escalation:
    patient_id = store.patients.by_chat(chat).id
    made = store.escalations.add(
        clinic_id=clinic.id,
        patient_id=patient_id,
        kind="urgent",
        category="infection",
        question="my cheek is oozing",
        photo_file_id="AgADphoto",
        now=at,
    )
    store.escalations.mark_replied(made.id, by=2001, now=at, answer="Come in today, please.")
    store.escalations.close(made.id, by=2001, note="seen at the clinic", now=at)
    return made


def words(store, table: str, column: str, row_id: int):
    return store.db.execute(f"SELECT {column} FROM {table} WHERE id = ?", [row_id]).fetchone()[0]


def everything_but_words(store) -> list[tuple]:
    """Every row with the columns retention must not touch."""
    return [
        *store.db.execute(
            "SELECT id, status, sent_at, message_id, content_version, attempts FROM deliveries"
        ).fetchall(),
        *store.db.execute(
            "SELECT id, kind, category, status, created_at, replied_at, closed_at FROM escalations"
        ).fetchall(),
        *store.db.execute("SELECT * FROM events").fetchall(),
    ]


async def test_words_past_the_period_are_blanked_and_nothing_else_changes(store, db):
    clock = ManualClock(NOW - 100 * DAY)
    clinic = add_clinic(store, now=clock.now())
    old, recent = sent_rows(store, clinic, 101, [NOW - 100 * DAY, NOW - 10 * DAY], clock)
    old_case = escalation_at(store, clinic, 101, NOW - 95 * DAY)
    recent_case = escalation_at(store, clinic, 101, NOW - 5 * DAY)
    kept = everything_but_words(store)

    pruned = await prune(db, NOW, DAYS)

    assert pruned == Pruned(texts=1, escalations=1)
    assert words(store, "deliveries", "rendered_text", old) is None
    assert words(store, "deliveries", "rendered_text", recent) is not None
    gone = store.escalations.get(old_case.id)
    assert (gone.question, gone.photo_file_id, gone.answer, gone.close_note) == (None,) * 4
    assert store.escalations.get(recent_case.id).question == "my cheek is oozing"
    assert everything_but_words(store) == kept  # outcomes, times, ids and events stay


async def test_as_the_days_pass_each_text_goes_when_its_period_ends(store, db):
    clock = ManualClock(NOW - 10 * DAY)
    clinic = add_clinic(store, now=clock.now())
    [recent] = sent_rows(store, clinic, 101, [NOW - 10 * DAY], clock)

    clock.set(NOW + 79 * DAY)  # 89 days after it was sent
    assert await prune(db, clock.now(), DAYS) == Pruned()
    clock.set(NOW + 80 * DAY + timedelta(seconds=1))
    assert await prune(db, clock.now(), DAYS) == Pruned(texts=1)
    assert words(store, "deliveries", "rendered_text", recent) is None


async def test_a_pass_works_in_batches_until_a_batch_comes_back_short(store, db):
    clock = ManualClock(NOW - 200 * DAY)
    clinic = add_clinic(store, now=clock.now())
    times = [NOW - (200 - i) * DAY for i in range(7)]
    sent_rows(store, clinic, 101, times, clock)

    first = retention.prune_batch(store, NOW, DAYS, limit=3)
    assert first == Pruned(texts=3) and not retention.done(first, 3)
    assert await prune(db, NOW, DAYS, limit=3) == Pruned(texts=4)
    assert store.db.execute(
        "SELECT count(*) FROM deliveries WHERE rendered_text IS NOT NULL"
    ).fetchone() == (0,)


async def test_a_period_under_a_day_is_refused_and_changes_nothing(store, db):
    clock = ManualClock(NOW - 100 * DAY)
    clinic = add_clinic(store, now=clock.now())
    [old] = sent_rows(store, clinic, 101, [NOW - 100 * DAY], clock)
    with pytest.raises(ValueError, match="at least 1 day, not 0"):
        await prune(db, NOW, 0)
    assert words(store, "deliveries", "rendered_text", old) is not None
