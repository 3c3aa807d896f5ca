"""Several `aftercare run` processes on one PostgreSQL database, against the stand-in in this
process:

- burst: bench_burst's 2,000 patients (its seeding and figures) sent by 1 (the baseline),
  2 and 3 instances against the strict stand-in (30 in any second, 1 a second per chat):
  together they must stay at about 30/s with no 429, nothing lost, nothing twice;
- kills: kill -9 of one of two instances, `--kills` times, during a busy timeline (an
  orchestrator starts a replacement at once): nothing lost, at most the sends in flight
  repeated, and the dead one's claims taken back by the others within its lease.

Needs a PostgreSQL server whose role may create databases: AFTERCARE_TEST_POSTGRES (as the
tests; `.ci/postgres.sh` starts one). Each run gets a new database, dropped after.

    python bench/bench_instances.py [--only burst,kills] [--patients 2000] [--kills 20] [--write]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import signal
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_burst
import faultkit

from bot.clock import ClockAnchor
from bot.standin.botapi import BotAPIStandIn
from bot.store import Store
from bot.store.postgres import close_pool

TITLE = "Instances: several bots on one PostgreSQL"
TOKEN = "7000000001:bench-instances-token"
LEASE = 20  # AFTERCARE_LEASE_SECONDS here (the least 4 x the 5 s send timeout allows)
STEPS = 6  # messages to each of the kill run's 300 patients, all due (the timeline has 6)
START_IN = 8.0  # real seconds from starting the processes to the window opening


def server() -> str:
    url = os.environ.get("AFTERCARE_TEST_POSTGRES", "").strip()
    if not url:
        sys.exit("AFTERCARE_TEST_POSTGRES must name a PostgreSQL server (see .ci/postgres.sh)")
    return url


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(server(), autocommit=True) as conn:
        conn.execute(sql)


def new_database() -> str:
    name = f"bench_{secrets.token_hex(4)}"
    _admin(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(server())._replace(path=f"/{name}"))


def drop(url: str) -> None:
    close_pool(url)
    _admin(f"DROP DATABASE IF EXISTS {urlsplit(url).path.lstrip('/')} WITH (FORCE)")


async def start_bot(url: str, api: str, folder: Path, log: str) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api,
        "AFTERCARE_DB": url,
        "AFTERCARE_HEALTH_PORT": "off",
        "AFTERCARE_LEASE_SECONDS": str(LEASE),
        "AFTERCARE_BACKLOG_SPACING_MINUTES": str(bench_burst.SPACING_MINUTES),
        "PYTHONPATH": str(faultkit.ROOT),
    }
    out = open(folder / log, "ab")  # noqa: SIM115 - the child process owns it
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=folder, env=env, stdout=out, stderr=out
    )


async def stop_all(processes: list[asyncio.subprocess.Process]) -> None:
    for process in processes:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        await process.wait()


async def burst(instances: int, patients: int, folder: Path) -> dict:
    url = new_database()
    try:
        started = time.monotonic()
        due = bench_burst.prepare(url, patients, share=1)
        seeded_in = time.monotonic() - started
        store = Store.open(url)
        opening_at = time.time() + START_IN
        simulated = bench_burst.OPENING - timedelta(seconds=START_IN)
        store.meta.set_clock_anchor(ClockAnchor(1.0, opening_at - START_IN, simulated))
        opening = time.monotonic() + (opening_at - time.time())
        standin = BotAPIStandIn(flood_limits=True)
        await standin.start()
        try:
            bots = [
                await start_bot(url, standin.url, folder, f"burst{instances}-{n}.log")
                for n in range(instances)
            ]
            try:
                await all_arrived(standin, due, deadline=opening + 400)
                await asyncio.sleep(2.0)  # stragglers, and any duplicate, arrive
            finally:
                await stop_all(bots)
        finally:
            await standin.stop()
            store.close()
        spacing = bench_burst.SPACING_MINUTES * 60
        figures = bench_burst.figures({"standin": standin, "opening": opening}, due, spacing)
        return {"instances": instances, "seeded_in": seeded_in, **figures}
    finally:
        drop(url)


async def all_arrived(standin: BotAPIStandIn, due: dict[int, int], *, deadline: float) -> None:
    """Until every message due at the opening reached its chat (the patients' later steps
    stay planned for the weeks after: waiting for no row pending would wait for those)."""
    expected = sum(due.values())
    while time.monotonic() < deadline:
        if sum(1 for m in standin.messages() if m.chat_id in due) >= expected:
            return
        await asyncio.sleep(0.25)


def owners_claims(url: str, pid: int) -> set[int]:
    """The rows process `pid` holds `sending` (its owner id is host:pid:token)."""
    store = Store.open(url)
    try:
        return {
            row_id
            for (row_id,) in store.db.execute(
                "SELECT id FROM deliveries WHERE status = 'sending' AND lease_owner LIKE ?",
                [f"%:{pid}:%"],
            )
        }
    finally:
        store.close()


async def taken_back(url: str, pid: int, rows: set[int], killed: float) -> float:
    """Seconds from the kill until none of `rows` is still the dead process's claim."""
    while owners_claims(url, pid) & rows:
        await asyncio.sleep(0.25)
    return time.monotonic() - killed


async def ready(log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while b"bot_ready" not in (log.read_bytes() if log.exists() else b""):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{log.name}: the bot never got ready")
        await asyncio.sleep(0.1)


async def kills(count: int, latency: float, folder: Path) -> dict:
    rng = random.Random(18)
    url = new_database()
    try:
        seeded = faultkit.seed_timeline(url, 300, STEPS, lambda i, k: 0, speed=1)
        async with BotAPIStandIn() as standin:
            # Every sendMessage reaches the chat at once and is answered `latency` s later.
            standin.add_fault("timeout", probability=1.0, times=None, delivered=True, hold=latency)
            bots = [await start_bot(url, standin.url, folder, f"kills-{n}.log") for n in "ab"]
            await standin.wait_for_messages(None, 1, timeout=30)
            pickups, cut = [], []
            for n in range(count):
                await asyncio.sleep(rng.uniform(0.5, 2.0))
                victim = bots[n % 2]
                victim.send_signal(signal.SIGKILL)
                await victim.wait()
                killed = time.monotonic()
                rows = owners_claims(url, victim.pid)
                cut.append(len(rows))
                if rows:
                    pickups.append(asyncio.create_task(taken_back(url, victim.pid, rows, killed)))
                bots[n % 2] = await start_bot(url, standin.url, folder, f"kills-{n}.log")
                await ready(folder / f"kills-{n}.log")  # the next victim is a working one
            waited = await asyncio.wait_for(asyncio.gather(*pickups), timeout=LEASE * 4)
            deadline = time.monotonic() + 180
            while _counts(url).get("sent", 0) < seeded.rows and time.monotonic() < deadline:
                await asyncio.sleep(0.5)
            await stop_all(bots)
            messages = standin.messages()
        tally = faultkit.tally(url, messages, seeded)
        return {
            "rows": seeded.rows,
            "kills": count,
            "latency": latency,
            "claims_at_kills": cut,
            "taken_back_s": sorted(waited),
            "tally": tally,
        }
    finally:
        drop(url)


def _counts(url: str) -> dict[str, int]:
    store = Store.open(url)
    try:
        return store.deliveries.counts()
    finally:
        store.close()


def report(results: dict) -> str:
    text = f"""{faultkit.header(TITLE, "bench/bench_instances.py")}
Real `aftercare run` processes on one PostgreSQL server (a throwaway cluster on this machine,
`.ci/postgres.sh`), talking to the stand-in in the benchmark's process over loopback. The
flood limit is shared through the database (`bot.store.flood_slots`); long polling is done by
one instance (nothing to poll here).
"""
    if "burst" in results:
        runs = results["burst"]
        head = " | ".join(
            f"{r['instances']} instance{'s' if r['instances'] > 1 else ''}" for r in runs
        )
        rows = [
            ("messages due at the opening", "due", "{:,}", ""),
            ("delivered", "delivered", "{:,}", "all"),
            ("first to last (s)", "first_to_last_s", "{:.1f}", ""),
            ("rate while messages waited (/s)", "rate", "{:.2f}", ""),
            ("share of the strict 30/s window", "share_of_limit", "{:.3f}", "≥ 0.95"),
            ("429s received", "429s", "{}", "0"),
            ("lost", "lost", "{}", "0"),
            ("duplicated", "duplicated", "{}", "0"),
            ("most to one chat within 1 s", "most_to_one_chat_in_1s", "{}", "≤ 1"),
            ("most overall within 1 s", "most_overall_in_1s", "{}", "≤ 30"),
        ]
        table = "\n".join(
            f"| {label} | " + " | ".join(fmt.format(r[key]) for r in runs) + f" | {target} |"
            for label, key, fmt, target in rows
        )
        text += f"""
**Burst**: `bench_burst.py`'s 2,000 patients ({runs[0]["chats_with_two"]} of them with a second
clinic's message too, sent {bench_burst.SPACING_MINUTES} min after the first), every message due
at one window opening, against the stand-in with Telegram's limits enforced strictly. One
instance is the baseline of the same run.

| figure | {head} | target |
| --- | {" | ".join("---" for _ in runs)} | --- |
{table}
"""
    if "kills" in results:
        k = results["kills"]
        tally, waited = k["tally"], k["taken_back_s"]
        per_kill = tally.duplicated / k["kills"]
        claims = k["claims_at_kills"]
        median, slowest = waited[len(waited) // 2], waited[-1]
        text += f"""
**kill -9 of one of two instances, {k["kills"]} times** (0.5-2 s apart, the victims taking
turns, the next kill once the replacement is running) over {k["rows"]:,} messages (300
patients × {STEPS}, all due);
Telegram answers each send {k["latency"]} s after it reached the chat. AFTERCARE_LEASE_SECONDS
is {LEASE}.

| figure | value | target |
| --- | --- | --- |
| lost | {tally.lost} | 0 |
| duplicated (extra copies) / per kill | {tally.duplicated} / {per_kill:.2f} | ≤ 1 per kill |
| most copies of one message | {tally.most_copies} | ≤ 2 |
| claims the victim held at the kill: total / most | {sum(claims)} / {max(claims)} | |
| taken back by the others after the kill: median / slowest | \
{median:.1f} s / {slowest:.1f} s | ≤ lease + a quarter lease ({LEASE * 1.25:.0f} s) |
| rows left `sending` at the end | {tally.left_sending} | 0 |
"""
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="burst,kills")
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--instances", default="1,2,3", help="burst runs, comma-separated")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds, in kills")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-instances-") as name:
        folder = Path(name)
        if "burst" in wanted:
            results["burst"] = []
            for n in map(int, args.instances.split(",")):
                results["burst"].append(asyncio.run(burst(n, args.patients, folder)))
                print("burst:", results["burst"][-1], flush=True)
        if "kills" in wanted:
            results["kills"] = asyncio.run(kills(args.kills, args.latency, folder))
            print("kills:", results["kills"], flush=True)
    text = report(results)
    print(text)
    if args.write:
        faultkit.write_section(TITLE, text)


if __name__ == "__main__":
    main()
