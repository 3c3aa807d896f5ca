"""Load: 1,000 patients write at once (20 of them red flags) while 300 scheduled messages are
due, against the stand-in with Telegram's limits enforced strictly.

Two designs in one run, on the same data (the real bot, `running_bot`, both times):
- bot: this bot (updates from different chats side by side, red flags first; its throttle:
  urgent, then replies, then the outbox);
- stock: python-telegram-bot's defaults, one update at a time and the stock
  `AIORateLimiter()` (which does not retry a 429: such a reply is lost).

Measures, from the stand-in's record of what reached it:
- red-flag replies: seconds from the patient's message to the urgent reply reaching the
  stand-in, p50 / p95 / max (target p95 <= 2 s); and the staff alerts';
- ordinary replies: seconds to the reply, and whether they went out in the order the
  questions came (inversions between consecutive questions);
- scheduled messages that reached Telegram while a question asked earlier had no reply yet;
  for the bot also from its rate limiter's own record of each send (asked, let go,
  answered): let go while a reply waited with its chat free to take it;
- the overall rate over the time any message waited to go, as a share of 30 a second.

    python bench/bench_load.py [--questions 1000] [--red-flags 20] [--scheduled 300]
                               [--only bot,stock] [--json load.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

import baselines
import measure
import seed

from bot.clock import ScaledClock
from bot.faq.engine import default_engine
from bot.faq.questions import handle_message
from bot.standin.botapi import BotAPIStandIn
from bot.store import Store
from bot.telegram.ratelimit import build_rate_limiter
from bot.telegram.throttle import Priority
from content.timeline import load_timeline

START = seed.EPOCH + timedelta(days=1)  # Tuesday 3 March 2026, 09:00 London: day 1 due
QUESTIONS = seed.ROOT.parent / "shared" / "faq"
STAFF_CHAT = 42


def question_texts() -> tuple[list[str], list[str]]:
    """(questions the FAQ answers in one message with nothing for staff, red flags), from the
    shared development sets, checked on a scratch database before the run (not timed)."""
    store = Store.open(":memory:")
    clinic = seed.add_clinic(store, booking_url="https://clinic.example/book")
    [(_, _, chat)] = seed.add_patients(store, clinic, 1, lambda i: seed.EPOCH)
    faq = default_engine()
    answered, urgent = [], []
    for path in sorted(QUESTIONS.glob("dev_questions*.jsonl")):
        for line in path.read_text().splitlines():
            text = json.loads(line)["q"]
            outcome = handle_message(store, lambda: faq, chat, text, START)
            if outcome.kind == "answer" and outcome.escalate is None and len(outcome.first) == 1:
                answered.append(text)
            elif outcome.kind == "urgent":
                urgent.append(text)
    store.close()
    return answered, urgent


def prepare(db_path: Path, questions: int, scheduled: int) -> list[int]:
    """A clinic with one staff chat; `questions` patients whose messages are all sent; and
    `scheduled` patients whose day-1 message falls due at START. Returns the asking chats."""
    store = Store.open(db_path)
    clinic = seed.add_clinic(store, booking_url="https://clinic.example/book")
    store.staff.add(clinic_id=clinic.id, chat_id=STAFF_CHAT, now=seed.EPOCH)
    timeline = load_timeline()
    asking = seed.add_patients(store, clinic, questions, lambda i: seed.EPOCH - timedelta(days=30))
    sunday = seed.EPOCH - timedelta(hours=13)  # Sunday 20:00: day 1 waits for the opening
    due = seed.add_patients(store, clinic, scheduled, lambda i: sunday)
    for ids in due:
        seed.plan_patient(store, clinic, timeline, ids, sunday, START - timedelta(seconds=1))
    store.close()
    return [chat for _, _, chat in asking]


async def run(
    db_path: Path, chats: list[int], texts: list[str], urgent: set[int], *, design: str
) -> dict:
    """Inject every question at once (the bot's clock at START), and wait until every patient
    has a reply and every scheduled message is sent. `design`: "bot" or "stock"."""
    from bot.standin.harness import running_bot

    trace: list[tuple[int, Any, float, float, float]] = []

    def observe(ticket, asked, let_go, ended):
        trace.append((ticket.priority, ticket.chat, asked, let_go, ended))

    standin = BotAPIStandIn(flood_limits=True)
    await standin.start()
    clock = ScaledClock(1.0, time.time(), START)
    try:
        stock = design == "stock"
        limiter = baselines.stock_limiter() if stock else build_rate_limiter(observer=observe)
        async with running_bot(
            db_path,
            clock=clock,
            standin=standin,
            rate_limiter=limiter,
            one_update_at_a_time=stock,
        ) as bot:
            started = time.monotonic()  # the scheduled messages are due from here
            await asyncio.sleep(0.5)  # the bot is polling
            asked_at = {}
            for chat, text in zip(chats, texts, strict=True):
                standin.inject_message(chat, text, first_name="Pat")
                asked_at[chat] = time.monotonic()
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline:
                replied = {m.chat_id for m in standin.messages() if m.chat_id in asked_at}
                next_due = bot.store.deliveries.next_due()  # later steps stay pending
                if len(replied) == len(chats) and (next_due is None or next_due > clock.now()):
                    break
                await asyncio.sleep(0.25)
            await asyncio.sleep(2.0)
    finally:
        await standin.stop()
    return {"standin": standin, "asked_at": asked_at, "trace": trace, "started": started}


def figures(result: dict, chats: list[int], urgent: set[int]) -> dict[str, Any]:
    standin, asked_at, trace = result["standin"], result["asked_at"], result["trace"]
    first: dict[int, float] = {}
    for m in sorted(standin.messages(), key=lambda m: m.at):
        first.setdefault(m.chat_id, m.at)
    waits = {chat: first[chat] - asked_at[chat] for chat in chats if chat in first}
    red = [waits[c] for c in chats if c in urgent and c in waits]
    ordinary_order = [c for c in chats if c not in urgent and c in first]
    inversions = sum(1 for a, b in itertools.pairwise(ordinary_order) if first[b] < first[a])
    alerts = [m.at for m in standin.messages(STAFF_CHAT)]
    ordinary = [waits[c] for c in ordinary_order]
    asking = set(asked_at)
    scheduled_at = [m.at for m in standin.messages() if m.chat_id not in asking | {STAFF_CHAT}]
    answered_at = sorted((asked_at[c], first[c]) for c in waits)
    first_red = min((asked_at[c] for c in urgent), default=result["started"])
    sent, eligible = [], []
    for m in standin.messages():
        sent.append(m.at)
        if m.chat_id == STAFF_CHAT:
            eligible.append(first_red)
        else:
            eligible.append(asked_at.get(m.chat_id, result["started"]))
    rate, share = measure.rate_while_waiting(sent, eligible)
    return {
        "questions": len(chats),
        "red_flags": len(urgent),
        "replied": len(waits),
        "red_flag_reply_p50_s": measure.percentile(red, 50),
        "red_flag_reply_p95_s": measure.percentile(red, 95),
        "red_flag_reply_max_s": max(red, default=0.0),
        "staff_alerts": len(alerts),
        "last_staff_alert_s": (max(alerts) - min(asked_at.values())) if alerts else 0.0,
        "ordinary_reply_p50_s": measure.percentile(ordinary, 50),
        "ordinary_reply_p95_s": measure.percentile(ordinary, 95),
        "ordinary_reply_max_s": max(ordinary, default=0.0),
        "ordinary_replies_out_of_order": inversions,
        "scheduled_sent": len(scheduled_at),
        "scheduled_while_a_question_waited": sum(
            1 for t in scheduled_at if any(asked < t < replied for asked, replied in answered_at)
        ),
        "rate_while_waiting": rate,
        "share_of_limit": share,
        "429s": standin.stats.too_many_requests,
        **(throttle_figures(trace, ordinary_order) if trace else {}),
    }


def throttle_figures(trace: list[tuple[int, Any, float, float, float]], ordinary_order) -> dict:
    """The bot's own record (its rate limiter's observer): the order replies were let go in,
    and scheduled sends let go while a reply waited with its chat free."""
    let_go: dict[int, float] = {}
    for _, chat, _, go, _ in sorted(trace, key=lambda t: t[3]):
        let_go.setdefault(chat, go)
    by_bot = [c for c in ordinary_order if c in let_go]
    return {
        "ordinary_replies_let_go_out_of_order": sum(
            1 for a, b in itertools.pairwise(by_bot) if let_go[b] < let_go[a]
        ),
        "scheduled_let_go_before_a_waiting_reply": overtakes(trace),
    }


def overtakes(trace: list[tuple[int, Any, float, float, float]]) -> int:
    """Scheduled sends let go while a reply (or alert) that had asked earlier still waited
    with its chat free: no send to that chat in flight or answered less than a second before."""
    by_chat: dict[Any, list[tuple[float, float]]] = {}
    for _, chat, _, let_go, ended in trace:
        by_chat.setdefault(chat, []).append((let_go, ended))

    def chat_free(chat, at: float) -> bool:
        return all(not (go <= at < end + 1.0) for go, end in by_chat[chat])

    replies = [t for t in trace if t[0] < Priority.SCHEDULED]
    count = 0
    for priority, _, _, let_go, _ in trace:
        if priority != Priority.SCHEDULED:
            continue
        if any(r[2] < let_go < r[3] and chat_free(r[1], let_go) for r in replies):
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--red-flags", type=int, default=20)
    parser.add_argument("--scheduled", type=int, default=300)
    parser.add_argument("--only", default="bot,stock", help="comma-separated designs")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    answered, red_flags = question_texts()
    out: dict[str, Any] = {"machine": seed.machine(), "load": seed.load_average()}
    for design in args.only.split(","):
        out[design] = one_run(args, answered, red_flags, design)
        print(f"{design}: {out[design]}", flush=True)
    seed.report(out, args.json)


def one_run(args, answered: list[str], red_flags: list[str], design: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
        db_path = Path(folder) / "load.db"
        chats = prepare(db_path, args.questions, args.scheduled)
        step = max(1, args.questions // args.red_flags)
        urgent = {chats[i] for i in range(step // 2, args.questions, step)}
        texts, a, r = [], 0, 0
        for chat in chats:
            if chat in urgent:
                texts.append(red_flags[r % len(red_flags)])
                r += 1
            else:
                texts.append(answered[a % len(answered)])
                a += 1
        result = asyncio.run(run(db_path, chats, texts, urgent, design=design))
    return figures(result, chats, urgent)


if __name__ == "__main__":
    main()
