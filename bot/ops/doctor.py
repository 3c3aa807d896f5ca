"""`aftercare doctor`: check a configuration before going live, one problem at a time.

In order: the token's form, Telegram (getMe, and the webhook Telegram holds), the database
(there, writable, sound, migrated, whether a bot runs on it), the clinics and the content.
Nothing is changed: the database is only opened read-only.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from bot.ops.clinic_checks import check_clinics, check_content, no_clinics, usable_timeline
from bot.ops.findings import Findings
from bot.settings import Settings
from bot.store import Store
from bot.store.backup import check_file
from bot.store.connection import database_errors
from bot.store.dialect import is_postgres, redact
from bot.store.instance import running_instance
from bot.store.schema import read_only, schema_state

# What @BotFather hands out: the bot's id, a colon, 35 letters, digits, _ or -.
TOKEN_FORM = re.compile(r"[0-9]{5,20}:[A-Za-z0-9_-]{30,64}")
_BOTFATHER = "copy the token again from @BotFather (/mybots, API Token) into TELEGRAM_BOT_TOKEN"


async def diagnose(
    settings: Settings, *, content_dir: Path | None = None, seeds_dir: Path | None = None
) -> Findings:
    """Every check; the answer lists problems (each with its fix), notes and what was good."""
    found = Findings()
    if _check_token(settings, found):
        await _check_telegram(settings, found)
    if _check_database(settings, found):
        db = read_only(settings.db_path)
        try:
            timeline = usable_timeline(content_dir, seeds_dir)
            check_clinics(Store(db), found, timeline)
        finally:
            db.close()
    elif not Path(settings.db_path).exists():
        no_clinics(found)
    check_content(found, content_dir, seeds_dir)
    return found


def _check_token(settings: Settings, found: Findings) -> bool:
    if not settings.token:
        found.problem(
            "token",
            "TELEGRAM_BOT_TOKEN is not set",
            "get one from @BotFather (/newbot) and set TELEGRAM_BOT_TOKEN in .env",
        )
        return False
    if not TOKEN_FORM.fullmatch(settings.token):
        found.problem("token", "TELEGRAM_BOT_TOKEN does not look like a bot token", _BOTFATHER)
        return False
    return True


async def _check_telegram(settings: Settings, found: Findings) -> None:
    from bot.telegram.probe import NotReached, probe

    answer = await probe(settings)
    if isinstance(answer, NotReached):
        if answer.refused:
            what = f"{answer.error}: it was revoked or mistyped"
            found.problem("telegram", what, _BOTFATHER)
        else:
            fix = "check the network (or proxy) to it, or TELEGRAM_API_BASE_URL"
            found.problem("telegram", answer.error, fix)
        return
    found.good.append(f"Telegram knows the bot as @{answer.username}")
    if settings.bot_username and settings.bot_username.lower() != answer.username.lower():
        found.problem(
            "telegram",
            f"TELEGRAM_BOT_USERNAME is {settings.bot_username}, "
            f"but the token is @{answer.username}'s",
            f"set TELEGRAM_BOT_USERNAME={answer.username} (links would open another bot)",
        )
    if answer.webhook_url and answer.webhook_error:
        found.problem(
            "webhook",
            f"Telegram cannot deliver to {answer.webhook_url}: {answer.webhook_error}",
            "check that the reverse proxy forwards that path to AFTERCARE_WEBHOOK_LISTEN:"
            "AFTERCARE_WEBHOOK_PORT and that the bot runs with --webhook",
        )
    if answer.webhook_url and not settings.webhook_url:
        found.note("webhook", "a webhook is set at Telegram; `aftercare run` (polling) removes it")


def _check_database(settings: Settings, found: Findings) -> bool:
    """True when the database is there and sound enough to read its clinics."""
    if is_postgres(settings.db_path):
        return _check_schema(found, settings.db_path, redact(settings.db_path))
    path = Path(settings.db_path)
    folder = path.parent.resolve()
    if not folder.is_dir():
        found.problem(
            "database",
            f"the folder {folder} of AFTERCARE_DB does not exist",
            f"create it (mkdir -p {folder}) or set AFTERCARE_DB to a file in an existing one",
        )
        return False
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        found.problem(
            "database",
            f"{path} is not writable by this user (SQLite also writes beside it, in {folder})",
            "run as the bot's own user, or give that user the folder (chown -R)",
        )
    if not path.exists():
        found.note("database", f"{path} does not exist yet: the bot creates it when it starts")
        return False
    problem = check_file(path)
    if problem:
        found.problem("database", problem, "restore the last good backup: aftercare restore FILE")
        return False
    return _check_schema(found, path, str(path))


def _check_schema(found: Findings, path: str | Path, shown: str) -> bool:
    """The migrations part of `_check_database`, for a file or a PostgreSQL URL (`shown`
    without its password)."""
    try:
        state = schema_state(path)
    except database_errors() as error:
        why = (str(error).strip().splitlines() or [type(error).__name__])[0]
        fix = "check the server, its role and AFTERCARE_DB" if is_postgres(path) else ""
        found.problem("database", f"{shown} cannot be read: {why}", fix or "check the file's owner")
        return False
    if state.unknown:
        found.problem(
            "database",
            f"{shown} was migrated by a newer version of the bot ({', '.join(state.unknown)})",
            "run that newer version, or restore a backup this version made",
        )
        return False
    running = running_instance(path)
    if running is not None:
        since = f"pid {running.pid}, since {running.started_at}"
        found.note("database", f"a bot is running on it ({since})")
    if state.pending:
        found.note(
            "database",
            f"{len(state.pending)} migration(s) are applied at the next start "
            "(back up first: aftercare backup FILE)",
        )
        return False
    found.good.append(f"database {shown} ready")
    return True
