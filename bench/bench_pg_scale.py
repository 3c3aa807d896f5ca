"""Scale on both databases, side by side in one run: due lookup p50/p99 and restart to first
send, with the same patients on SQLite and on PostgreSQL.

1. Seed SQLite as `bench_scale.py` does (every patient planned with the shipped timeline, one
   in twenty with an answered question, sessions over the 60 days before now, everything due
   in those days sent at one-hour ticks).
2. `aftercare db copy` that file into a new PostgreSQL database (timed: the move itself).
3. On each database in turn, the same measured day at one-minute ticks (expire + claim, then
   `next_due`), then `aftercare run` as a new process after the hour's downtime against the
   strict stand-in: seconds to its first message, the backlog drained, 429s.

Needs a PostgreSQL server whose role may create databases:
    AFTERCARE_TEST_POSTGRES=postgresql://... python bench/bench_pg_scale.py [--patients 100000]
(`.ci/postgres.sh run python bench/bench_pg_scale.py` starts a throwaway one.)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_scale
import seed

from bot.delivery.journey import make_renderer
from bot.store import Store
from bot.store.dbcopy import copy_to_postgres
from bot.store.postgres import close_pool
from content.timeline import load_timeline


def new_database(server: str) -> str:
    """A new empty database on `server`; returns its URL."""
    import psycopg

    name = f"aftercare_bench_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


def drop_database(server: str, url: str) -> None:
    import psycopg

    close_pool(url)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {urlsplit(url).path[1:]} WITH (FORCE)")


def measure(target: Path | str, when: dict, folder: Path) -> dict[str, float]:
    """The measured day's lookups, then a restart, on one database."""
    store = Store.open(target)
    timeline = load_timeline()
    day = bench_scale.walk(store, make_renderer(store, lambda: timeline), *_day(when))
    store.close()
    if isinstance(target, str):
        close_pool(target)  # the restarted bot is another process: no idle connections left
    after = asyncio.run(bench_scale.restart(target, cwd=folder))
    return {
        "sent_in_walk": day["sent"],
        **seed.lookup_figures(day),
        "restart_to_first_send_s": after["first_send"],
        "restart_backlog": after["backlog"],
        "restart_backlog_drain_s": after["drain"],
        "restart_delivered": after["delivered"],
        "restart_429s": after["429s"],
    }


def _day(when: dict) -> tuple[datetime, datetime]:
    return when["walk_start"], when["walk_end"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    server = os.environ.get("AFTERCARE_TEST_POSTGRES", "")
    if not server:
        sys.exit("set AFTERCARE_TEST_POSTGRES to a PostgreSQL server (see .ci/postgres.sh)")
    n = args.patients
    when = bench_scale.layout(datetime.now(UTC).replace(microsecond=0))
    result: dict = {"machine": seed.machine(), "load": seed.load_average(), "patients": n}
    with tempfile.TemporaryDirectory(prefix="bench-pg-scale-") as folder:
        db_path = Path(folder) / "scale.db"
        store = Store.open(db_path)
        plan_seconds, rows = bench_scale.plan_all(store, n, when["epoch"])
        timeline = load_timeline()
        render = make_renderer(store, lambda: timeline)
        sent = bench_scale.history(store, render, when["epoch"], when["walk_start"])
        store.close()
        result.update({"rows": rows, "plan_s": plan_seconds, "sent_before_walk": sent})
        url = new_database(server)
        try:
            started = time.perf_counter()
            counts = copy_to_postgres(db_path, url, datetime.now(UTC))
            result["db_copy_s"] = time.perf_counter() - started
            result["db_copy_rows"] = sum(count.target for count in counts)
            assert all(count.matches for count in counts)
            # Both start from the same rows; each then walks the same day and restarts.
            for name, target in (("sqlite", db_path), ("postgres", url)):
                for key, value in measure(target, when, Path(folder)).items():
                    result[f"{name}_{key}"] = value
        finally:
            drop_database(server, url)
    seed.report(result, args.json)


if __name__ == "__main__":
    main()
