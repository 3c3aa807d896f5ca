"""One bot per database: `aftercare run` holds the database's lease for as long as it runs.

The lease is an exclusive OS lock (`flock`) on a file beside the database, `<db>.lease`,
which also says who holds it. The kernel drops the lock when the process ends, however it
ends (kill -9 included), so a lease never outlives its process and needs no heartbeat; a
lock row would need one, and a heartbeat cannot be written while the disk is full.

Other commands ask `running(path)` before touching a database a bot may be using (backup,
restore, doctor). Outbox rows carry the holder's `owner` id on their claims, so rows
claimed by a process that is gone are told apart from this process's own (see
`Deliveries.recover_lapsed`). With PostgreSQL several bots could share one database on
per-row leases; that change stays inside this module and the outbox's claims.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SUFFIX = ".lease"


@dataclass(frozen=True)
class Holder:
    """Who holds a database's lease: process id, host, when it took it (ISO UTC), claim id."""

    pid: int
    host: str
    since: str
    owner: str

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}, since {self.since}"


class LeaseHeld(RuntimeError):
    """Another process runs a bot on this database; the message says which, on one line."""

    def __init__(self, db_path: str | Path, holder: Holder | None) -> None:
        who = f" ({holder.describe()})" if holder else ""
        super().__init__(f"another aftercare run{who} is already using {db_path}")
        self.holder = holder


class Lease:
    """A held lease; `owner` is the id this process stamps on the outbox rows it claims."""

    def __init__(self, path: Path, fd: int, holder: Holder) -> None:
        self.path = path
        self.holder = holder
        self.owner = holder.owner
        self._fd: int | None = fd

    def release(self) -> None:
        """Give the lease up (the file stays; it means nothing unlocked). Idempotent."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def lease_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}{SUFFIX}")


def acquire(db_path: str | Path) -> Lease:
    """Take the database's lease, or raise LeaseHeld at once when a bot already holds it.

    ":memory:" databases are private to their process: the lease is then only this object.
    """
    holder = Holder(
        pid=os.getpid(),
        host=socket.gethostname(),
        since=datetime.now(UTC).isoformat(timespec="seconds"),
        owner=f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}",
    )
    path = lease_path(db_path)
    if str(db_path) == ":memory:":
        return Lease(path, os.open(os.devnull, os.O_RDONLY), holder)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise LeaseHeld(db_path, _read_holder(path)) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(holder.__dict__).encode(), 0)
    os.fsync(fd)
    return Lease(path, fd, holder)


def running(db_path: str | Path) -> Holder | None:
    """Who runs a bot on this database right now, or None when nobody does.

    Never blocks and never takes the lease: it only tries the lock and lets it go. The answer
    can be stale a moment later; a command that must keep bots out while it works (restore)
    should `acquire` the lease itself.
    """
    path = lease_path(db_path)
    if str(db_path) == ":memory:" or not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_holder(path) or Holder(0, "unknown", "unknown", "")
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _read_holder(path: Path) -> Holder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "null")
        return Holder(**data) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError):
        return None
