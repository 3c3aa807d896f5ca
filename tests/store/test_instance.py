"""One bot per database: the instance lock is held while a bot runs, refused to a second one
with a one-line reason, seen by other commands through `running_instance`, and gone the
moment its process dies, however it dies."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.store.instance import InstanceLock, InstanceRunning, running_instance

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_second_bot_is_refused_naming_the_first(tmp_path):
    db = tmp_path / "bot.db"
    first = InstanceLock.take(db, NOW)
    with pytest.raises(InstanceRunning) as refused:
        InstanceLock.take(db, NOW)
    assert str(refused.value) == (
        f"another aftercare run (pid {os.getpid()} on {socket.gethostname()}, "
        f"since 2026-03-02T09:00:00.000000+00:00) is already using {db}"
    )
    first.release()
    InstanceLock.take(db, NOW).release()  # free again once released


def test_running_instance_names_the_holder_and_its_claim_owner_and_never_takes_it(tmp_path):
    db = tmp_path / "bot.db"
    assert running_instance(db) is None  # no lock file yet
    held = InstanceLock.take(db, NOW)
    holder = running_instance(db)
    assert (holder.pid, holder.host, holder.owner) == (
        os.getpid(),
        socket.gethostname(),
        held.owner,
    )
    held.release()
    assert running_instance(db) is None
    InstanceLock.take(db, NOW).release()  # asking did not take it


def test_each_holder_stamps_its_claims_with_its_own_owner(tmp_path):
    first = InstanceLock.take(tmp_path / "a.db", NOW)
    second = InstanceLock.take(tmp_path / "b.db", NOW)
    assert first.owner != second.owner and f":{os.getpid()}:" in first.owner
    first.release()
    second.release()


def test_a_killed_bot_leaves_no_lock_behind(tmp_path):
    db = tmp_path / "bot.db"
    code = (
        "import sys, time\nfrom datetime import UTC, datetime\n"
        "from bot.store.instance import InstanceLock\n"
        f"InstanceLock.take({str(db)!r}, datetime.now(UTC))\n"
        "print('held', flush=True)\ntime.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "held"
        assert running_instance(db).pid == child.pid
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    deadline = time.monotonic() + 5
    while running_instance(db) is not None:  # the kernel drops the lock with the process
        assert time.monotonic() < deadline
        time.sleep(0.01)
    InstanceLock.take(db, NOW).release()
