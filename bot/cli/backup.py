"""`aftercare backup` and `aftercare restore`: copies of the database, safe while the bot runs."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli import cli
from bot.cli.services import fail

_FILE = click.Path(dir_okay=False, path_type=Path)


def _db_path() -> str:
    from bot.settings import Settings, SettingsError

    try:
        settings = Settings.load()
    except SettingsError as error:
        fail(str(error))
    from bot.store.dialect import is_postgres

    if is_postgres(settings.db_path):
        fail(
            "AFTERCARE_DB is a PostgreSQL database: back it up and restore it with the "
            "server's own tools (pg_dump, pg_restore, or the managed service's backups)"
        )
    return settings.db_path


@cli.command("backup")
@click.argument("file", type=_FILE)
def backup_command(file: Path) -> None:
    """Copy the database (AFTERCARE_DB) to FILE, safely while the bot runs.

    Uses SQLite's online backup API: the copy is one consistent moment of the database, and
    the bot keeps sending while it is made. The copy is checked before it replaces FILE.

    \b
    Example:
        aftercare backup /var/backups/aftercare-$(date +%F).db
    """
    from bot.store.backup import BackupError, backup

    try:
        copied = backup(_db_path(), file)
    except BackupError as error:
        fail(str(error), 1)
    click.echo(f"Backed up to {copied.path} ({copied.size} bytes, integrity checked).")


@cli.command("restore")
@click.argument("file", type=_FILE)
def restore_command(file: Path) -> None:
    """Replace the database (AFTERCARE_DB) with the backup in FILE. Stop the bot first.

    Refused while a bot runs on the database, and refused (changing nothing) when FILE is not
    a sound copy of this bot's database. The database it replaces is kept beside it as
    <name>.before-restore-<time>.

    \b
    Example:
        systemctl stop aftercare
        aftercare restore /var/backups/aftercare-2026-11-30.db
        systemctl start aftercare
    """
    from datetime import UTC, datetime

    from bot.store.backup import BackupError, backup, check_file, restore
    from bot.store.instance import InstanceLock, running_instance

    db_path = _db_path()
    problem = check_file(file)
    if problem:
        fail(f"not restored: {problem}", 1)
    now = datetime.now(UTC)
    lock = InstanceLock.acquire(db_path, now)
    if lock is None:
        running = running_instance(db_path)
        pid = f" (pid {running.pid})" if running and running.pid else ""
        fail(f"not restored: a bot is running on {db_path}{pid}; stop it first", 1)
    try:
        kept = None
        if Path(db_path).is_file():
            kept = backup(db_path, f"{db_path}.before-restore-{now:%Y%m%dT%H%M%SZ}")
        restored = restore(file, db_path)
    except BackupError as error:
        fail(str(error), 1)
    finally:
        lock.release()
    click.echo(f"Restored {restored.path} from {file} ({restored.size} bytes).")
    if kept is not None:
        click.echo(f"The database it replaced is kept as {kept.path}.")
