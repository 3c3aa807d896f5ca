"""Fairness: one patient with 40 messages due among 300 patients with one each, against the
stand-in with Telegram's limits enforced strictly. The same 300 patients run twice on the real
bot, with and without that patient; the figure is when the 300 had all their messages.

The 40 rows are one person's backlog (all due at the opening, as after a long downtime). The
bot claims one row per person and spaces the rest of a backlog AFTERCARE_BACKLOG_SPACING_MINUTES
apart (default 10), so the 40 never stand in front of the 300.

    python bench/bench_fair.py [--patients 300] [--backlog 40] [--json fair.json]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import seed

from bot.clock import ScaledClock
from bot.standin.botapi import BotAPIStandIn
from bot.store import Store
from bot.telegram.ratelimit import build_rate_limiter
from tests.delivery_fixtures import Step, enroll

OPENING = seed.EPOCH + timedelta(days=1)  # Tuesday 3 March 2026, 09:00 London
LEAD = 2.0  # real seconds from the start to the opening
HEAVY = 9_000_000  # the chat of the patient with the backlog


def prepare(db_path: Path, patients: int, backlog: int) -> list[int]:
    """`patients` with one message due at the opening (and, with `backlog`, one patient with
    that many); returns the chats of the `patients`."""
    store = Store.open(db_path)
    clinic = seed.add_clinic(store, booking_url="https://clinic.example/book")
    due, expires = OPENING, OPENING + timedelta(hours=8)
    chats = list(range(seed.FIRST_CHAT, seed.FIRST_CHAT + patients))
    for chat in chats:
        enroll(store, clinic, chat, [Step("day1", due, expires)], now=seed.EPOCH)
    if backlog:
        steps = [Step(f"step{i}", due - timedelta(minutes=i), expires) for i in range(backlog)]
        enroll(store, clinic, HEAVY, steps, now=seed.EPOCH)
    store.close()
    return chats


async def run(db_path: Path, chats: list[int]) -> dict[str, float]:
    """The real bot from two seconds before the opening until the `chats` had their message."""
    from bot.standin.harness import running_bot

    standin = BotAPIStandIn(flood_limits=True)
    await standin.start()
    clock = ScaledClock(1.0, time.time(), OPENING - timedelta(seconds=LEAD))
    opening = time.monotonic() + LEAD
    wanted = set(chats)
    try:
        async with running_bot(
            db_path, clock=clock, standin=standin, rate_limiter=build_rate_limiter()
        ):
            deadline = opening + 120
            while time.monotonic() < deadline:
                if wanted <= {m.chat_id for m in standin.messages()}:
                    break
                await asyncio.sleep(0.05)  # waiting for real sends, not for scheduled time
    finally:
        await standin.stop()
    mine = [m.at for m in standin.messages() if m.chat_id in wanted]
    return {
        "all_300_done_s": max(mine) - opening,
        "delivered_to_the_300": len({m.chat_id for m in standin.messages()} & wanted),
        "to_the_backlog_patient": len(standin.messages(HEAVY)),
        "429s": standin.stats.too_many_requests,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=300)
    parser.add_argument("--backlog", type=int, default=40)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result: dict = {"machine": seed.machine(), "load": seed.load_average()}
    for name, backlog in (("without", 0), ("with", args.backlog)):
        with tempfile.TemporaryDirectory(prefix="bench-fair-") as folder:
            db_path = Path(folder) / "fair.db"
            chats = prepare(db_path, args.patients, backlog)
            result[name] = asyncio.run(run(db_path, chats))
        print(f"{name} the backlog patient: {result[name]}", flush=True)
    result["ratio_with_to_without"] = (
        result["with"]["all_300_done_s"] / result["without"]["all_300_done_s"]
    )
    seed.report(result, args.json)


if __name__ == "__main__":
    main()
