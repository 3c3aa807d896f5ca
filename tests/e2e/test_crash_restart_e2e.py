"""kill -9 mid-timeline and restart: nothing is lost, and only a message that was being sent
at the moment of death may arrive twice.

A real `aftercare run` subprocess talks HTTP to the stand-in in this process. Simulated time
runs 3,600 times faster (AFTERCARE_CLOCK_SPEED), anchored in the database so the restarted
process continues the same day. The test only waits for I/O: it polls what the stand-in has
received, with a deadline.
"""

from __future__ import annotations

import contextlib
import signal
import time
from datetime import time as wall
from datetime import timedelta
from pathlib import Path

from bot.standin.botapi import BotAPIStandIn
from bot.standin.records import StandInTimeout
from bot.store import Store
from bot.store.deliveries import SENDING
from content.timeline import load_timeline
from tests.delivery_fixtures import MONDAY_9AM, Step, add_clinic, enroll
from tests.e2e.processes import anchor, logs, start_bot

SPEED = 3600  # one simulated hour per real second
PATIENTS = range(401, 421)


def timeline_for(index: int) -> list[Step]:
    """Five steps 90 simulated minutes apart, each patient two minutes after the previous."""
    start = MONDAY_9AM + timedelta(minutes=2 * index)
    ids = [step.id for step in load_timeline().steps][:5]  # real ids, for a real renderer
    return [
        Step(step_id, start + k * timedelta(minutes=90), start + timedelta(days=2))
        for k, step_id in enumerate(ids)
    ]


def seed(db_path: Path) -> dict[int, int]:
    store = Store.open(db_path)
    try:
        clinic = add_clinic(store, window=(wall(7, 0), wall(23, 0)))
        patients = {
            chat: enroll(store, clinic, chat, timeline_for(i))[0] for i, chat in enumerate(PATIENTS)
        }
        anchor(store, SPEED)
        return patients
    finally:
        store.close()


async def test_sigkill_mid_timeline_loses_nothing(tmp_path):
    patients = seed(tmp_path / "bot.db")
    total = 5 * len(PATIENTS)
    async with BotAPIStandIn() as standin:
        first = await start_bot(tmp_path, standin.url, "first.log", speed=SPEED)
        try:
            await standin.wait_for_messages(None, total * 2 // 5, timeout=15)
        finally:
            first.send_signal(signal.SIGKILL)
            await first.wait()
        before = len(standin.messages())

        store = Store.open(tmp_path / "bot.db")
        in_flight = {
            r.id
            for p in patients.values()
            for r in store.deliveries.for_patient(p)
            if r.status == SENDING
        }
        waiting = store.deliveries.counts().get("pending", 0)
        store.close()
        assert waiting > 0, "the kill should land mid-timeline"

        second = await start_bot(tmp_path, standin.url, "second.log", speed=SPEED)
        try:
            store = Store.open(tmp_path / "bot.db")
            deadline = time.monotonic() + 20
            while set(store.deliveries.counts()) != {"sent"}:
                assert time.monotonic() < deadline, (
                    store.deliveries.counts(),
                    logs(tmp_path, "first.log", "second.log"),
                )
                with contextlib.suppress(StandInTimeout):
                    await standin.wait_for_messages(None, len(standin.messages()) + 1, timeout=1)
        finally:
            second.send_signal(signal.SIGTERM)
            await second.wait()

        repeated = []
        for chat, patient_id in patients.items():
            rows = store.deliveries.for_patient(patient_id)
            messages = {m.message_id: m for m in standin.messages(chat)}
            # None lost: every row is sent and its message reached the chat.
            assert all(r.message_id in messages for r in rows), chat
            recorded = {r.message_id: r for r in rows}
            for message in messages.values():
                if message.message_id in recorded:
                    continue
                # An extra copy: the same words as a row that was mid-send at the kill.
                [row] = [r for r in rows if messages[r.message_id].text == message.text]
                assert row.id in in_flight, (chat, row.step_id)
                repeated.append(row.id)
        store.close()
        assert len(repeated) == len(set(repeated)) <= len(in_flight)
        assert len(standin.messages()) == total + len(repeated)
        assert before < total
