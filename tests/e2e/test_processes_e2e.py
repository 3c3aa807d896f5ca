"""Real `aftercare run` processes: a second one on the same database refuses to start, and a
SIGTERM with a backlog stops the sending at once, exits well inside a container's 10 s, and
loses nothing.

The stand-in runs in this process; the test waits only for I/O (what the stand-in receives,
a process's exit), with deadlines.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections import Counter
from pathlib import Path

from bot.standin.botapi import BotAPIStandIn
from bot.store import Store
from content.timeline import load_timeline
from tests.delivery_fixtures import MONDAY_9AM, Step, add_clinic, enroll
from tests.e2e.processes import DB, anchor, logs, start_bot

PATIENTS, STEPS = 12, 5  # a backlog of 60 messages, all due; one a second per chat


def seed(tmp_path: Path) -> dict[int, int]:
    """PATIENTS patients with STEPS messages each, all due now; returns chat -> patient id."""
    store = Store.open(tmp_path / DB)
    ids = [step.id for step in load_timeline().steps][:STEPS]  # real steps, a real renderer
    steps = [Step(step_id, MONDAY_9AM, immediate=True) for step_id in ids]
    try:
        clinic = add_clinic(store)
        chats = range(7000, 7000 + PATIENTS)
        patients = {chat: enroll(store, clinic, chat, steps)[0] for chat in chats}
        anchor(store, 1)
        return patients
    finally:
        store.close()


async def wait_for_exit(process, timeout: float) -> int:
    return await asyncio.wait_for(process.wait(), timeout)


async def test_a_second_bot_is_refused_and_sigterm_with_a_backlog_stops_sending_at_once(
    tmp_path,
):
    patients = seed(tmp_path)
    backlog = PATIENTS * STEPS
    async with BotAPIStandIn() as standin:
        first = await start_bot(tmp_path, standin.url, "first.log", speed=1)
        await standin.wait_for_messages(None, 10, timeout=15)

        # An overlapping deploy: the second process refuses, saying which one runs.
        second = await start_bot(tmp_path, standin.url, "second.log", speed=1)
        assert await wait_for_exit(second, 15) == 2, logs(tmp_path, "second.log")
        [line] = (tmp_path / "second.log").read_text().strip().splitlines()
        assert line.startswith(f"error: another aftercare run (pid {first.pid} on ")
        assert line.endswith(f"is already using {tmp_path / DB}")

        first.send_signal(signal.SIGTERM)
        at_signal, signalled = len(standin.messages()), time.monotonic()
        assert await wait_for_exit(first, 10) == 0, logs(tmp_path, "first.log")
        took = time.monotonic() - signalled
        after_signal = len(standin.messages()) - at_signal
        store = Store.open(tmp_path / DB)
        left = store.deliveries.counts()
        store.close()
        # Only what was already in flight went out; the rest waits, none of it `sending`.
        assert took < 5 and after_signal <= 5, (took, after_signal)
        assert 0 < left.get("pending", 0) == backlog - len(standin.messages())
        assert "sending" not in left

        restarted = await start_bot(tmp_path, standin.url, "restarted.log", speed=1)
        try:
            await standin.wait_for_messages(None, backlog, timeout=20)
        finally:
            restarted.send_signal(signal.SIGTERM)
            assert await wait_for_exit(restarted, 10) == 0
        received = Counter(m.chat_id for m in standin.messages())
    # Nothing lost, nothing twice, although two processes started on the database.
    assert received == Counter(dict.fromkeys(patients, STEPS))
