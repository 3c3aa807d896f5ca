"""Doctor's look at the clinics (settings, staff) and the content (its own check)."""

from __future__ import annotations

import zoneinfo
from pathlib import Path

from bot.ops.findings import Findings
from bot.people import registration
from bot.store import Store

# No command edits a clinic yet: the fix is one UPDATE, with the bot stopped.
_EDIT = (
    "correct it with the bot stopped: "
    "sqlite3 {db} \"UPDATE clinics SET {column} = '…' WHERE id = {id}\""
)


def check_clinics(store: Store, db_path: str, found: Findings) -> None:
    """Each clinic's settings as `aftercare clinic add` checks them, its send window, and that
    someone on its staff will receive its alerts."""
    if not zoneinfo.available_timezones():
        found.problem(
            "clinics",
            "this machine has no time zone database, so no clinic's hours can be computed",
            "install it: apt-get install tzdata (or pip install tzdata)",
        )
        return
    clinics = store.clinics.all()
    if not clinics:
        no_clinics(found)
        return
    for clinic in clinics:
        checks = (
            ("name", registration.check_name(clinic.name)),
            ("timezone", registration.check_timezone(clinic.timezone)),
            ("phone", registration.check_phone(clinic.phone)),
            ("booking_url", registration.check_booking_url(clinic.booking_url)),
            ("series_interval_days", registration.check_interval(clinic.series_interval_days)),
        )
        where = f"clinic {clinic.id}"
        for column, problem in checks:
            if problem:
                fix = _EDIT.format(db=db_path, column=column, id=clinic.id)
                found.problem(where, problem, fix)
        if clinic.window_start >= clinic.window_end:
            window = f"{clinic.window_start:%H:%M}-{clinic.window_end:%H:%M}"
            fix = _EDIT.format(db=db_path, column="window_start", id=clinic.id)
            found.problem(where, f"the send window {window} is empty", fix)
        if store.staff.count(clinic.id) == 0:
            found.problem(
                where,
                "no staff member has joined: red flags and questions would reach nobody",
                f"aftercare staff invite --clinic {clinic.id}, and open the link in Telegram",
            )
    found.good.append(f"{len(clinics)} clinic(s)")


def no_clinics(found: Findings) -> None:
    found.problem(
        "clinics",
        "no clinic has been added yet",
        'aftercare clinic add --name "…" --timezone Europe/London --phone "…"',
    )


def check_content(found: Findings, content_dir: Path | None, seeds_dir: Path | None) -> None:
    """The content's own check (`aftercare content check`), one problem each."""
    from content.check import check_content as run_check
    from content.seeds import SEEDS_DIR
    from content.timeline import CONTENT_DIR

    problems = run_check(content_dir or CONTENT_DIR, seeds_dir or SEEDS_DIR)
    for problem in problems:
        found.problem("content", str(problem), "fix the file, then run aftercare content check")
    if not problems:
        found.good.append("content checked against the source documents")
