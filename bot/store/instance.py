"""Whether a bot is running on a database: a lock file beside it, held while the bot runs.

`running_instance` is the one question other commands ask (`aftercare restore` refuses,
`aftercare doctor` tells); the bot holds an `InstanceLock` from start-up to shutdown. The
kernel drops the lock when its process ends, however it ends, so a crash never leaves a stale
"running". A single-instance lease kept in the database may replace the file behind these
same two names.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.store.timefmt import iso


@dataclass(frozen=True)
class RunningInstance:
    """The process holding the database: its pid and start time (ISO UTC), when it wrote them."""

    pid: int | None
    started_at: str | None


def lock_path(db_path: str | Path) -> Path:
    """The lock file of the database at `db_path`: the same name plus `.lock`."""
    return Path(f"{db_path}.lock")


class InstanceLock:
    """This process runs the bot on the database; `release` (or process exit) ends that."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, db_path: str | Path, now: datetime) -> InstanceLock | None:
        """Take the lock, or None when another holder (another process, or another lock in
        this one) has it. An in-memory database has nothing to lock: always granted."""
        if str(db_path) == ":memory:":
            return cls(-1)
        fd = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "started_at": iso(now)}).encode(), 0)
        return cls(fd)

    def release(self) -> None:
        """Give the lock up; releasing twice does nothing."""
        if self._fd is None:
            return
        if self._fd >= 0:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
        self._fd = None


def running_instance(db_path: str | Path) -> RunningInstance | None:
    """The bot running on the database at `db_path`, or None when none is."""
    try:
        fd = os.open(lock_path(db_path), os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _holder(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _holder(fd: int) -> RunningInstance:
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"{}")
    except ValueError:
        data = {}
    pid = data.get("pid")
    return RunningInstance(pid if isinstance(pid, int) else None, data.get("started_at"))
