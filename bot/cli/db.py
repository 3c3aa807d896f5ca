"""`aftercare db copy`: moving a clinic's data from its SQLite file to PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli import cli
from bot.cli.services import fail


@cli.group("db")
def db_group() -> None:
    """The database itself: moving it to PostgreSQL."""


@db_group.command("copy")
@click.argument("sqlite_file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("url")
def copy_command(sqlite_file: Path, url: str) -> None:
    """Copy every table of SQLITE_FILE into the PostgreSQL database at URL.

    Stop the bot first: the copy is refused while a bot runs on SQLITE_FILE. URL must name an
    empty database (it is migrated first); ids are kept. At the end every table's rows are
    counted on both sides; the command exits 1 when a count differs. Then point
    AFTERCARE_DB at URL and start the bot. Needs the postgres extra
    (pip install 'aftercare-bot[postgres]').

    \b
    Example:
        systemctl stop aftercare
        aftercare db copy /var/lib/aftercare/aftercare.db postgresql://aftercare@db/aftercare
    """
    from datetime import UTC, datetime

    from bot.store.dbcopy import CopyError, copy_to_postgres

    try:
        counts = copy_to_postgres(sqlite_file, url, datetime.now(UTC))
    except CopyError as error:
        fail(f"not copied: {error}", 1)
    width = max(len(count.table) for count in counts)
    click.echo(f"{'table':<{width}}  {'sqlite':>9}  {'postgres':>9}")
    for count in counts:
        mark = "" if count.matches else "  DIFFERS"
        click.echo(f"{count.table:<{width}}  {count.source:>9}  {count.target:>9}{mark}")
    differ = [count.table for count in counts if not count.matches]
    if differ:
        fail(f"row counts differ in {', '.join(differ)}: do not switch to this copy", 1)
    rows = sum(count.target for count in counts)
    click.echo(f"Copied {rows} rows in {len(counts)} tables; every count matches.")
