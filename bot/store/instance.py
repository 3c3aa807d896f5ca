"""One bot per database: a lock file beside it (`<db>.lock`), held while the bot runs.

The bot takes its `InstanceLock` before it opens the store (`InstanceLock.take`); a second
`aftercare run` on the same database is refused with a one-line `InstanceRunning` and exits
2. `running_instance` is the one question other commands ask (`aftercare restore` refuses,
`aftercare doctor` tells). The lock is an exclusive `flock`: the kernel drops it when its
process ends, however it ends (kill -9 included), so a crash never leaves a stale "running"
and the lease needs no heartbeat (a lock row would, and a heartbeat cannot be written while
the disk is full).

The holder's `owner` id is stamped on every outbox row it claims, so a claim of a process
that is gone is told apart from this process's own (`Deliveries.recover_sending`).

On PostgreSQL several bots share one database: the lock is a session advisory lock taken in
shared mode (`instance_postgres`), so every running bot holds it and `running_instance` still
names one, while each has its own owner id and `exclusive` is False: an instance takes back
only claims whose lease lapsed (the others' live claims stay theirs). One poller among them:
`bot.store.leadership`.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.store.dialect import is_postgres
from bot.store.timefmt import iso


@dataclass(frozen=True)
class RunningInstance:
    """The process holding the database: its pid and start time (ISO UTC), its host and the
    owner id on its claims, when it wrote them."""

    pid: int | None
    started_at: str | None
    host: str | None = None
    owner: str | None = None

    def describe(self) -> str:
        """ "pid 123 on host, since 2026-...": as much as the holder wrote."""
        where = f" on {self.host}" if self.host else ""
        since = f", since {self.started_at}" if self.started_at else ""
        return f"pid {self.pid}{where}{since}" if self.pid else "pid unknown"


class InstanceRunning(RuntimeError):
    """Another bot runs on this database; the message says which, on one line."""

    def __init__(self, db_path: str | Path, holder: RunningInstance | None) -> None:
        who = f" ({holder.describe()})" if holder else ""
        super().__init__(f"another aftercare run{who} is already using {db_path}")
        self.holder = holder


def lock_path(db_path: str | Path) -> Path:
    """The lock file of the database at `db_path`: the same name plus `.lock`."""
    return Path(f"{db_path}.lock")


class InstanceLock:
    """This process runs the bot on the database; `release` (or process exit) ends that.

    `owner` is the id this holder stamps on the outbox rows it claims. `exclusive`: this is
    the only bot on the database (SQLite), so every claim not its own is a dead process's;
    False on PostgreSQL, where other instances' claims are theirs until their lease lapses.
    """

    def __init__(
        self, fd: int, owner: str = "", session: Any = None, *, exclusive: bool = True
    ) -> None:
        self._fd: int | None = fd
        self.owner = owner or _new_owner()
        self._session = session  # PostgreSQL: the connection holding the advisory lock
        self.exclusive = exclusive

    @classmethod
    def acquire(cls, db_path: str | Path, now: datetime) -> InstanceLock | None:
        """Take the lock, or None when another holder (another process, or another lock in
        this one) has it. An in-memory database has nothing to lock: always granted. On
        PostgreSQL the lock is a shared session advisory lock (`instance_postgres`): granted
        beside other bots, not exclusive (their claims carry leases)."""
        if str(db_path) == ":memory:":
            return cls(-1)
        if is_postgres(db_path):
            from bot.store import instance_postgres

            owner = _new_owner()
            session = instance_postgres.take(str(db_path), owner)
            return None if session is None else cls(-1, owner, session, exclusive=False)
        fd = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        owner = _new_owner()
        holder = {"pid": os.getpid(), "started_at": iso(now), "host": _host(), "owner": owner}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode(), 0)
        return cls(fd, owner)

    @classmethod
    def take(cls, db_path: str | Path, now: datetime) -> InstanceLock:
        """Take the lock for a bot; raises InstanceRunning naming the holder when it is held."""
        lock = cls.acquire(db_path, now)
        if lock is None:
            raise InstanceRunning(db_path, running_instance(db_path))
        return lock

    def release(self) -> None:
        """Give the lock up; releasing twice does nothing."""
        if self._session is not None:
            self._session.close()
            self._session = None
        if self._fd is None:
            return
        if self._fd >= 0:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
        self._fd = None


def running_instance(db_path: str | Path) -> RunningInstance | None:
    """The bot running on the database at `db_path`, or None when none is."""
    if is_postgres(db_path):
        from bot.store import instance_postgres

        held = instance_postgres.holder(str(db_path))
        if held is None:
            return None
        owner, started_at = held
        host, _, rest = owner.partition(":")
        pid = rest.partition(":")[0]
        return RunningInstance(int(pid) if pid.isdigit() else None, started_at, host, owner)
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
    return RunningInstance(
        pid if isinstance(pid, int) else None,
        data.get("started_at"),
        data.get("host"),
        data.get("owner"),
    )


def _host() -> str:
    return socket.gethostname()


def _new_owner() -> str:
    return f"{_host()}:{os.getpid()}:{secrets.token_hex(4)}"
