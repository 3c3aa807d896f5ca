"""`aftercare content check` held against the clinics: does each series interval still fit?

A timeline edit can make an existing clinic's interval too short (a new day-10 care step with
a clinic booking every 12 days would ask for the next booking first). The clinics are read
from AFTERCARE_DB without creating, migrating or changing it; with no database there is no
clinic to check.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.services import MISSING_HINT, fail

if TYPE_CHECKING:
    from content.problem import Problem
    from content.timeline import Timeline


def interval_problems(
    timeline: Timeline, timeline_file: Path, clinic_id: int | None
) -> list[Problem]:
    """One problem per clinic (only `clinic_id` when given) whose series interval does not fit
    `timeline`. Exits 2 with the reason when the settings are bad, the database cannot be
    read, or the named clinic (or any database) is not there."""
    from bot.settings import Settings, SettingsError
    from bot.store.clinics import Clinics
    from bot.store.schema import read_only
    from content.problem import Problem
    from content.timeline import interval_problem

    try:
        path = Path(Settings.load().db_path).resolve()
    except SettingsError as error:
        fail(str(error))
    if not path.is_file():
        if clinic_id is not None:
            fail(f"AFTERCARE_DB: no database at {path}{MISSING_HINT}")
        return []
    try:
        db = read_only(path)
        try:
            clinics = Clinics(db).all()
        finally:
            db.close()
    except sqlite3.Error as error:
        fail(f"cannot read the clinics in {path}: {error}")
    if clinic_id is not None:
        clinics = [clinic for clinic in clinics if clinic.id == clinic_id]
        if not clinics:
            fail(f"no clinic {clinic_id} in {path} (see `aftercare clinic list`)")
    return [
        Problem(str(timeline_file), "", f"clinic {clinic.id} ({clinic.name}): {problem}")
        for clinic in clinics
        if (problem := interval_problem(timeline, clinic.series_interval_days))
    ]
