"""`aftercare doctor`'s database checks when AFTERCARE_DB is a postgresql:// URL: the driver
installed, the server reached (read-only, nothing changed), the schema migrated, and how many
other sessions (running bots) are connected."""

from __future__ import annotations

from bot.ops.findings import Findings
from bot.store.dialect import redact

_EXTRA = "pip install 'aftercare-bot[postgres]'"
_SERVER = "check that the server runs and AFTERCARE_DB's host, port, user, password and database"


def check_server(url: str, found: Findings) -> bool:
    """True when the database at `url` is reachable and migrated enough to read its clinics."""
    where = redact(url)
    try:
        from bot.store.pgdump import DumpError, other_sessions
        from bot.store.postgres import connect_errors
        from bot.store.schema import schema_state
    except ImportError:
        found.problem("database", f"{where} is PostgreSQL but psycopg is not installed", _EXTRA)
        return False
    try:
        state = schema_state(url)
        sessions = other_sessions(url)
    except (*connect_errors(), DumpError) as error:
        why = (str(error).strip().splitlines() or [type(error).__name__])[0]
        found.problem("database", f"cannot use {where}: {why}", _SERVER)
        return False
    if state.unknown:
        found.problem(
            "database",
            f"{where} was migrated by a newer version of the bot ({', '.join(state.unknown)})",
            "run that newer version, or restore a dump this version made",
        )
        return False
    if sessions:
        found.note("database", f"{sessions} other session(s) are connected (running bots?)")
    if state.pending:
        what = (
            "is empty: the bot creates its tables"
            if state.pending[0] == "m001_initial"
            else (f"has {len(state.pending)} migration(s) to apply:")
        )
        found.note("database", f"{where} {what} at the next start (back up first)")
        return False
    found.good.append(f"database {where} ready")
    return True
