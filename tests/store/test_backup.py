"""Backups through SQLite's online backup API: consistent while writes go on; restores check
the file first and land whole."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from bot.store import Store
from bot.store.backup import BackupError, backup, check_file, restore


def _pairs_are_whole(path) -> tuple[int, int]:
    """(pairs, orphans) among the writer's rows in the database at `path`."""
    with sqlite3.connect(path) as conn:
        keys = {row[0] for row in conn.execute("SELECT key FROM meta WHERE key LIKE 'w%'")}
    firsts = {k[:-2] for k in keys if k.endswith("-a")}
    seconds = {k[:-2] for k in keys if k.endswith("-b")}
    return len(firsts & seconds), len(firsts ^ seconds)


def test_a_backup_taken_while_another_process_writes_is_one_consistent_moment(tmp_path):
    live, copy = tmp_path / "live.db", tmp_path / "copy.db"
    store = Store.open(live)
    # Some bulk, so the copy takes long enough for writes to land while it runs.
    store.db.conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [(f"pad{i}", "x" * 2000) for i in range(6000)],
    )
    store.close()
    stop, written = threading.Event(), []

    def writer() -> None:
        # Another connection, as the running bot is: each pair of rows is one transaction.
        conn = sqlite3.connect(live, isolation_level=None, timeout=5)
        n = 0
        while not stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO meta VALUES (?, '1')", [f"w{n}-a"])
            conn.execute("INSERT INTO meta VALUES (?, '2')", [f"w{n}-b"])
            conn.execute("COMMIT")
            n += 1
            written.append(n)
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 50:  # the writer is under way before the backup starts
            threading.Event().wait(0.001)
        before = len(written)
        copied = backup(live, copy)
        during = len(written) - before
    finally:
        stop.set()
        thread.join()
    assert during > 0, "no write landed while the backup ran; the test proves nothing"
    assert copied.size == copy.stat().st_size > 0
    assert check_file(copy) is None
    pairs, orphans = _pairs_are_whole(copy)
    assert orphans == 0  # never half a transaction
    assert before <= pairs < len(written)  # a moment inside the run, not the end state


def test_restore_puts_the_copy_back_and_the_bot_opens_it(tmp_path):
    live, copy = tmp_path / "live.db", tmp_path / "copy.db"
    store = Store.open(live)
    store.meta.set(kept="before")
    backup(live, copy)
    store.meta.set(kept="after", extra="1")
    store.close()
    restore(copy, live)
    store = Store.open(live)
    try:
        assert store.meta.get("kept") == "before"
        assert store.meta.get("extra") is None
    finally:
        store.close()


def _not_sqlite(path):
    path.write_text("clinic,name\n1,Glow\n")


def _foreign_sqlite(path):
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (text)")


def _damaged(path):
    store = Store.open(path)
    store.db.conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)", [(f"k{i}", "v" * 500) for i in range(200)]
    )
    store.close()
    data = bytearray(path.read_bytes())
    data[8192:16384] = b"\x55" * 8192  # pages 3-4 overwritten
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make", "says"),
    [
        pytest.param(lambda p: None, "there is no file", id="missing"),
        pytest.param(_not_sqlite, "is not an SQLite database", id="csv_file"),
        pytest.param(_foreign_sqlite, "not this bot's", id="another_apps_database"),
        pytest.param(_damaged, "is damaged", id="corrupt"),
    ],
)
def test_a_bad_file_is_refused_and_the_database_is_unchanged(tmp_path, make, says):
    live, bad = tmp_path / "live.db", tmp_path / "bad.db"
    store = Store.open(live)
    store.meta.set(kept="yes")
    store.close()
    make(bad)
    with pytest.raises(BackupError, match=says) as refused:
        restore(bad, live)
    assert "\n" not in str(refused.value)
    store = Store.open(live)
    try:
        assert store.meta.get("kept") == "yes"
    finally:
        store.close()


@pytest.mark.parametrize(
    ("source", "target", "says"),
    [
        pytest.param("absent.db", "copy.db", "there is no database", id="no_database"),
        pytest.param("live.db", "live.db", "the database itself", id="onto_itself"),
        pytest.param("live.db", "nowhere/copy.db", "does not exist", id="no_folder"),
    ],
)
def test_backup_refuses_with_one_line(tmp_path, source, target, says):
    Store.open(tmp_path / "live.db").close()
    with pytest.raises(BackupError, match=says):
        backup(tmp_path / source, tmp_path / target)
    assert not list(tmp_path.glob(".*partial*"))
