"""Burst: 2,000 patients whose next message falls due at the same window opening, against the
stand-in with Telegram's limits enforced strictly (30 in any second, 1 a second per chat).

Sessions ran on Sunday evening after the clinic closed, so every "day 1" message waits for
Tuesday's 09:00 opening. One patient in ten is also a patient of a second clinic, whose week-1
message falls due at the same opening: two messages for one chat, so "never two messages to
one chat within a second" can fail. Three senders in one run, on the same data:

- bot: the real bot (`running_bot`, the composition root of `aftercare run`);
- stock: the same bot with python-telegram-bot's stock `AIORateLimiter()` as its limiter;
- naive: one APScheduler job per message (`naive_jobs.py`), given the bot's limiter.

Real time: the clock runs at speed 1 from two seconds before the opening.

    python bench/bench_burst.py [--patients 2000] [--only bot,stock,naive] [--json burst.json]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baselines
import measure
import seed

from bot.clock import ScaledClock
from bot.standin.botapi import BotAPIStandIn
from bot.store import Store
from bot.telegram.ratelimit import build_rate_limiter
from content.timeline import load_timeline

OPENING = seed.EPOCH + timedelta(days=1)  # Tuesday 3 March 2026, 09:00 London
LEAD = 2.0  # real seconds from the start to the opening
SPACING_MINUTES = 1  # the bot's backlog spacing here (default 10): the run stays short


def prepare(db_path: Path, patients: int, share: int) -> dict[int, int]:
    """Plan every patient's timeline; returns, per chat, how many messages fall due at the
    opening (`share` of every 10 chats also get a second clinic's week-1 message)."""
    store = Store.open(db_path)
    timeline = load_timeline()
    first = seed.add_clinic(store, booking_url="https://clinic.example/book")
    second = seed.add_clinic(store, booking_url="https://second.example/book", name="Second")
    sunday_evening = seed.EPOCH - timedelta(hours=13)  # Sunday 1 March, 20:00
    monday_before = sunday_evening - timedelta(days=6)  # Monday 23 February, 20:00
    now = OPENING - timedelta(seconds=LEAD)
    due: Counter[int] = Counter()

    def plan(clinic, evening, count, chats=None):
        def session_at(i: int) -> datetime:
            return evening + timedelta(seconds=7200 * i / patients)

        for i, ids in enumerate(seed.add_patients(store, clinic, count, session_at, chats)):
            steps, _ = seed.plan_patient(store, clinic, timeline, ids, session_at(i), now)
            due[ids[2]] += sum(1 for step in steps if now < step.due_at <= OPENING)

    plan(first, sunday_evening, patients)
    shared = [seed.FIRST_CHAT + n for n in range(1, patients + 1) if n % 10 < share]
    plan(second, monday_before, len(shared), shared)
    store.close()
    return {chat: n for chat, n in due.items() if n}


async def run_bot(db_path: Path, *, stock: bool, expected: int) -> dict[str, Any]:
    """The real bot from two seconds before the opening until the `expected` messages due at
    the opening went out (later steps of the timeline stay pending)."""
    from bot.standin.harness import running_bot

    standin = BotAPIStandIn(flood_limits=True)
    await standin.start()
    clock = ScaledClock(1.0, time.time(), OPENING - timedelta(seconds=LEAD))
    opening = time.monotonic() + LEAD
    limiter = baselines.stock_limiter() if stock else build_rate_limiter()
    try:
        async with running_bot(
            db_path,
            clock=clock,
            standin=standin,
            rate_limiter=limiter,
            backlog_spacing_minutes=SPACING_MINUTES,
        ) as bot:
            await wait_until_sent(bot.store, expected, deadline=opening + 300)
            await asyncio.sleep(2.0)  # stragglers, and any duplicate, arrive
    finally:
        await standin.stop()
    return {"standin": standin, "opening": opening}


async def wait_until_sent(store: Store, expected: int, *, deadline: float) -> None:
    """Until `expected` rows are sent and none is sending (real sends, not scheduled time)."""
    while time.monotonic() < deadline:
        counts = store.deliveries.counts()
        if counts.get("sent", 0) >= expected and not counts.get("sending"):
            return
        await asyncio.sleep(0.25)


def figures(run: dict[str, Any], due: dict[int, int], spacing: float | None) -> dict[str, Any]:
    """The burst's figures from the stand-in's record; `spacing` (seconds) when a chat's second
    message may only go that long after its first (the bot's backlog spacing)."""
    standin, opening = run["standin"], run["opening"]
    messages = [m for m in standin.messages() if m.chat_id in due]
    sent, eligible, seen = [], [], {}
    for m in sorted(messages, key=lambda m: m.at):
        first = seen.setdefault(m.chat_id, m.at)
        became_due = opening if first == m.at or spacing is None else first + spacing
        sent.append(m.at)
        eligible.append(max(opening, became_due))
    expected = Counter({chat: n for chat, n in due.items()})
    delivered = Counter((m.chat_id, m.text) for m in messages)
    distinct = Counter(chat for chat, _ in delivered)
    lost = sum(max(0, n - distinct[chat]) for chat, n in expected.items())
    duplicated = sum(n - 1 for n in delivered.values())
    per_chat, gap = measure.tightest_per_chat((m.chat_id, m.at) for m in messages)
    rate, share = measure.rate_while_waiting(sent, eligible)
    return {
        "due": sum(due.values()),
        "chats_with_two": sum(1 for n in due.values() if n > 1),
        "delivered": len(messages),
        "rate": rate,
        "share_of_limit": share,
        "first_to_last_s": (max(sent) - min(sent)) if sent else 0.0,
        "429s": standin.stats.too_many_requests,
        "lost": lost,
        "duplicated": duplicated,
        "most_to_one_chat_in_1s": per_chat,
        "smallest_gap_one_chat_s": gap,
        "most_overall_in_1s": measure.most_in_any_second(sent),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--only", default="bot,stock,naive", help="comma-separated senders")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    results: dict[str, Any] = {"machine": seed.machine(), "load": seed.load_average()}
    for sender in args.only.split(","):
        with tempfile.TemporaryDirectory(prefix="bench-burst-") as folder:
            db_path = Path(folder) / "burst.db"
            due = prepare(db_path, args.patients, share=1)
            if sender == "naive":
                run = asyncio.run(
                    baselines.run_naive(db_path, Path(folder), due, lead=LEAD, until=OPENING)
                )
                spacing = None
            else:
                run = asyncio.run(
                    run_bot(db_path, stock=sender == "stock", expected=sum(due.values()))
                )
                spacing = SPACING_MINUTES * 60
            results[sender] = figures(run, due, spacing)
        print(f"{sender}: {results[sender]}", flush=True)
    seed.report(results, args.json)


if __name__ == "__main__":
    main()
