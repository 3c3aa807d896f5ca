"""Shared by the fault benchmarks: a busy timeline to seed, counts of what was lost or sent
twice, the machine, and writing a section of RESULTS.md.

Messages are the real timeline's steps (rendered by the real renderer); within one chat each
step's text is different, so a message at the stand-in is matched to its row by (chat, text).
"""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as wall
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import seed

from bot.clock import ClockAnchor
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.delivery_rows import NewDelivery
from bot.store.timefmt import iso
from content.timeline import load_timeline

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
EPOCH = seed.EPOCH
STAFF_CHAT = 900
RED_FLAG = "my face is oozing pus and I feel hot"


def machine() -> str:
    uname = subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout.strip()
    return (
        f"nproc {os.cpu_count()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, `{uname}`"
    )


def step_ids(count: int) -> list[str]:
    return [step.id for step in load_timeline().steps][:count]


@dataclass(frozen=True)
class Seeded:
    chats: dict[int, int]  # chat -> patient id
    rows: int


def seed_timeline(
    db_path: Path, patients: int, steps: int, offsets, *, speed: float | None = None
) -> Seeded:
    """A clinic open all day with a staff chat, and `patients` consented patients with `steps`
    immediate messages each, the k-th of patient i due `offsets(i, k)` seconds after EPOCH.

    With `speed`, the simulated clock is anchored in the database (for `aftercare run`
    processes): EPOCH now, running `speed` times faster.
    """
    store = Store.open(db_path)
    try:
        clinic = _clinic(store)
        ids = step_ids(steps)
        added = seed.add_patients(store, clinic, patients, lambda i: EPOCH)
        rows = [
            NewDelivery(
                patient_id=patient_id,
                session_id=session_id,
                clinic_id=clinic.id,
                step_id=step_id,
                group="care",
                due_at=EPOCH + timedelta(seconds=offsets(i, k)),
                expires_at=None,
                immediate=True,
            )
            for i, (patient_id, session_id, _) in enumerate(added)
            for k, step_id in enumerate(ids)
        ]
        store.deliveries.insert(rows)
        if speed is not None:
            store.meta.set_clock_anchor(ClockAnchor(speed, _now(), EPOCH))
        return Seeded({chat: patient_id for patient_id, _, chat in added}, len(rows))
    finally:
        store.close()


def _clinic(store: Store) -> Clinic:
    clinic = seed.add_clinic(store, window=(wall(0, 0), wall(23, 59)))  # open all day
    store.db.table("staff").insert(
        {"clinic_id": clinic.id, "chat_id": STAFF_CHAT, "joined_at": iso(EPOCH)}
    )
    return clinic


def _now() -> float:
    return datetime.now(UTC).timestamp()


@dataclass
class Tally:
    """What arrived against what was planned."""

    lost: int  # rows never delivered
    duplicated: int  # extra copies, over all rows
    most_copies: int  # the most copies of one row
    left_sending: int  # rows still `sending` at the end
    statuses: dict[str, int]


def tally(db_path: Path, messages, seeded: Seeded) -> Tally:
    """Match the stand-in's messages (to patient chats) to the planned rows."""
    store = Store.open(db_path)
    try:
        counts = store.deliveries.counts()
        texts = texts_by_step(store, messages)
        received = Counter((m.chat_id, m.text) for m in messages if m.chat_id in seeded.chats)
        copies = []
        for chat, patient_id in seeded.chats.items():
            for row in store.deliveries.for_patient(patient_id):
                copies.append(received.get((chat, texts.get(row.step_id)), 0))
    finally:
        store.close()
    return Tally(
        lost=sum(1 for n in copies if n == 0),
        duplicated=sum(n - 1 for n in copies if n > 1),
        most_copies=max(copies, default=0),
        left_sending=counts.get("sending", 0),
        statuses=counts,
    )


def texts_by_step(store: Store, messages) -> dict[str, str]:
    """Each step's text, learned from rows recorded as sent (every patient is "Pat")."""
    by_id = {m.message_id: m.text for m in messages}
    texts = {}
    for row in store.db.query(
        "SELECT step_id, min(message_id) AS message_id FROM deliveries WHERE status = 'sent'"
        " GROUP BY step_id"
    ):
        texts[row["step_id"]] = by_id.get(row["message_id"])
    return texts


def write_section(title: str, text: str) -> None:
    """Replace (or add) the section `## {title}` of RESULTS.md with `text`."""
    current = RESULTS.read_text(encoding="utf-8")
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text.rstrip("\n") + "\n\n", current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(updated.rstrip("\n") + "\n", encoding="utf-8")


def header(title: str, script: str) -> str:
    when = date.today().isoformat()
    return f"## {title}\n\nDate: {when} · machine: {machine()} · script: `{script}`\n"
