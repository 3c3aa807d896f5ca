"""One bot per database: the lease is held while a bot runs, refused to a second one, seen by
other commands through `running`, and gone the moment its process dies, however it dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.store import lease

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_holder_is_refused_with_who_holds_it(tmp_path):
    db = tmp_path / "bot.db"
    with lease.acquire(db) as first:
        with pytest.raises(lease.LeaseHeld) as refused:
            lease.acquire(db)
        message = str(refused.value)
        assert message == (
            f"another aftercare run (pid {os.getpid()} on {first.holder.host}, "
            f"since {first.holder.since}) is already using {db}"
        )
        assert "\n" not in message
    lease.acquire(db).release()  # free again once released


def test_running_says_who_holds_the_database_and_never_takes_it(tmp_path):
    db = tmp_path / "bot.db"
    assert lease.running(db) is None  # no lease file yet
    held = lease.acquire(db)
    holder = lease.running(db)
    assert holder is not None and (holder.pid, holder.owner) == (os.getpid(), held.owner)
    held.release()
    assert lease.running(db) is None
    lease.acquire(db).release()  # asking did not take it


def test_each_holder_gets_its_own_claim_owner(tmp_path):
    first = lease.acquire(tmp_path / "a.db")
    second = lease.acquire(tmp_path / "b.db")
    assert first.owner != second.owner and str(os.getpid()) in first.owner
    first.release()
    second.release()


def test_a_killed_holder_leaves_no_lease_behind(tmp_path):
    db = tmp_path / "bot.db"
    code = (
        "import sys, time\nfrom bot.store import lease\n"
        f"lease.acquire({str(db)!r})\nprint('held', flush=True)\ntime.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "held"
        assert lease.running(db).pid == child.pid
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    deadline = time.monotonic() + 5
    while lease.running(db) is not None:  # the kernel drops the lock with the process
        assert time.monotonic() < deadline
        time.sleep(0.01)
    lease.acquire(db).release()


def test_an_in_memory_database_is_never_shared(tmp_path):
    with lease.acquire(":memory:"), lease.acquire(":memory:"):
        assert lease.running(":memory:") is None
