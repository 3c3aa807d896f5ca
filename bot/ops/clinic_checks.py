"""Doctor's look at the clinics (settings, staff) and the content (its own check)."""

from __future__ import annotations

import zoneinfo
from pathlib import Path
from typing import TYPE_CHECKING

from bot.ops.findings import Findings
from bot.people import clinic_settings, golive
from bot.people.setting_fields import FIELDS
from bot.store import Store
from bot.store.clinics import Clinic

if TYPE_CHECKING:
    from content.timeline import Timeline


def check_clinics(store: Store, found: Findings, timeline: Timeline | None = None) -> None:
    """Each clinic's settings as `/settings` and `aftercare clinic set` check them (the series
    interval against `timeline` when given; each fix is that command), that its go-live review
    is approved, that someone on its staff will receive its alerts, and that its team has an
    admin."""
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
        where = f"clinic {clinic.id}"
        for field in FIELDS:
            value = clinic_settings.shown(clinic, field.key)
            problem = clinic_settings.problem(field.key, value, timeline)
            if problem:
                fix = f'aftercare clinic set {clinic.id} {field.option} "{field.example}"'
                found.problem(where, problem, fix)
        _check_team(store, clinic, where, found)
    found.good.append(f"{len(clinics)} clinic(s)")


def _check_team(store: Store, clinic: Clinic, where: str, found: Findings) -> None:
    members = store.staff.count(clinic.id)
    if members == 0:
        found.problem(
            where,
            "no staff member has joined: red flags and questions would reach nobody",
            f"aftercare staff invite --clinic {clinic.id}, and open the link in Telegram",
        )
    elif store.staff.admin_count(clinic.id) == 0:
        found.problem(
            where,
            "its team has no admin: nobody can change its wording, answers or settings",
            f"aftercare staff invite --clinic {clinic.id} --admin, and open it in Telegram",
        )
    missing = golive.missing_for_cli(clinic)
    if missing:
        found.problem(where, missing, f"aftercare clinic review {clinic.id}")


def no_clinics(found: Findings) -> None:
    found.problem(
        "clinics",
        "no clinic has been added yet",
        'aftercare clinic add --name "…" --timezone Europe/London --phone "…"',
    )


def usable_timeline(content_dir: Path | None, seeds_dir: Path | None) -> Timeline | None:
    """The timeline the bot would serve, or None when it fails its checks (reported apart)."""
    from content.problem import ContentError
    from content.seeds import SEEDS_DIR
    from content.timeline import CONTENT_DIR, TIMELINE_FILE, load_timeline

    try:
        return load_timeline((content_dir or CONTENT_DIR) / TIMELINE_FILE, seeds_dir or SEEDS_DIR)
    except ContentError:
        return None


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
