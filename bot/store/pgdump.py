"""Copies of a PostgreSQL database: `pg_dump` in its custom format, `pg_restore` back.

`pg_dump` reads one consistent snapshot (a repeatable-read transaction) while the bots keep
writing. A dump is checked (`pg_restore --list`: it is a custom-format dump holding this
bot's tables) before it replaces the backup file, and before a restore. A restore runs in one
transaction (`--single-transaction --clean`): a failure leaves the old contents. The tools
are found on PATH, else in Debian's /usr/lib/postgresql/<version>/bin; a URL's password goes
to them in PGPASSWORD, never on a command line other users can read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from glob import glob
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bot.store.dialect import redact

TABLES = ("clinics", "deliveries", "schema_migrations")  # what makes a dump this bot's
TIMEOUT = 3600  # seconds a dump or restore may take
INSTALLED = "/usr/lib/postgresql/*/bin"  # where Debian puts each version's tools


class DumpError(Exception):
    """pg_dump or pg_restore is missing or failed; the message is one line for the operator."""


def tool(name: str) -> str:
    """The path of `name` (pg_dump, pg_restore): on PATH, else the newest Debian install.
    Raises DumpError saying what to install."""
    found = shutil.which(name) or next(
        reversed(sorted(glob(f"{INSTALLED}/{name}"), key=_version)), None
    )
    if not found:
        raise DumpError(
            f"{name} is not installed: install PostgreSQL's client tools"
            " (Debian: apt-get install postgresql-client) or put them on PATH"
        )
    return found


def dump(url: str, target: Path) -> None:
    """Write a custom-format dump of the database at `url` to `target`. Raises DumpError."""
    _run([tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}"], url)


def restore(source: Path, url: str) -> None:
    """Replace the contents of the database at `url` with the dump `source`, in one
    transaction. Raises DumpError."""
    _run(
        [
            tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(source),
        ],
        url,
    )


def check_dump(path: Path) -> str | None:
    """None when `path` is a custom-format dump of this bot's database, else what is wrong."""
    if not path.is_file():
        return f"there is no file {path}"
    listed = subprocess.run(
        [tool("pg_restore"), "--list", str(path)], capture_output=True, text=True, check=False
    )
    if listed.returncode:
        return f"{path} is not a PostgreSQL dump in custom format ({_last_line(listed.stderr)})"
    tables = {line.split()[-2] for line in listed.stdout.splitlines() if " TABLE DATA " in line}
    if not set(TABLES) <= tables:
        return f"{path} is a PostgreSQL dump, but not of this bot's database"
    return None


def _run(command: list[str], url: str) -> None:
    parts, shown = urlsplit(url), redact(url)
    env = dict(os.environ)
    if parts.password:
        env["PGPASSWORD"] = parts.password
        url = urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", "@")))
    try:
        done = subprocess.run(
            [*command, f"--dbname={url}"],
            capture_output=True,
            text=True,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DumpError(f"{Path(command[0]).name} could not run: {error}") from None
    if done.returncode:
        why = _last_line(done.stderr).replace(url, shown)
        raise DumpError(f"{Path(command[0]).name} failed on {shown}: {why}")


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no message"


def _version(path: str) -> tuple[int, ...]:
    digits = Path(path).parent.parent.name
    return tuple(int(part) for part in digits.split(".") if part.isdigit())


def other_sessions(url: str) -> int:
    """How many other client sessions are connected to the database at `url` (a running bot
    holds at least one). Raises DumpError when the server cannot be reached."""
    from bot.store.postgres import PostgresDatabase, connect_errors

    try:
        db = PostgresDatabase.read_only(url, timeout=10.0)
        try:
            return db.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            ).fetchone()[0]
        finally:
            db.close()
    except connect_errors() as error:
        raise DumpError(
            f"cannot use the database {redact(url)}: {_last_line(str(error))}"
        ) from None
