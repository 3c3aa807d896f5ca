"""The running bot's retention job: scheduled at start-up, and a pass on the bot's manual
clock blanks what is past AFTERCARE_RETENTION_DAYS (the job itself is run by hand: the test
never waits for its time)."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from bot.delivery import rules
from bot.people.retention import Pruned
from bot.standin.harness import running_bot
from bot.store import Store
from tests.conftest import NOW, add_clinic
from tests.delivery_fixtures import FakeRenderer, Step, enroll


def sent_at(store: Store, chat: int, at) -> int:
    clinic = add_clinic(store, f"Clinic {chat}", now=at)
    enroll(store, clinic, chat, [Step("day1", at)])
    [row] = store.deliveries.claim_due(at, 1)
    rules.sent(store, row, at, message_id=1, message=FakeRenderer()(row))
    return row.id


async def test_the_bot_schedules_retention_and_a_pass_blanks_only_old_texts(tmp_path):
    path = tmp_path / "bot.db"
    store = Store.open(path)
    old, recent = sent_at(store, 101, NOW - timedelta(days=91)), sent_at(store, 102, NOW)
    store.close()
    clock = ManualClock(NOW)

    async with running_bot(path, clock=clock) as bot:
        jobs = bot.app.bot_data["retention_jobs"]
        scheduled = [job.name for job in bot.app.job_queue.jobs()]
        first = await jobs.run_once()
        clock.advance(timedelta(days=90, seconds=1))
        second = await jobs.run_once()
        texts = dict(bot.store.db.execute("SELECT id, rendered_text FROM deliveries").fetchall())

    assert "retention" in scheduled
    assert first == Pruned(texts=1) and second == Pruned(texts=1)
    assert texts == {old: None, recent: None}
