"""What `/patients` shows staff: their clinic's patients, newest first, with session and status."""

from __future__ import annotations

from bot.store import Store
from bot.store.clinics import Clinic
from bot.wording.staff import enrolling, roster

SHOWN = 30


def roster_text(store: Store, clinic: Clinic) -> str:
    lines = store.patients.roster(clinic.id, limit=SHOWN)
    if not lines:
        return roster.NO_PATIENTS
    out = [roster.heading(clinic.name)]
    for line in lines:
        patient, session = line.patient, line.session
        when = ""
        if session is not None:
            local = session.session_at.astimezone(clinic.zone)
            when = enrolling.session(
                session.session_number, session.series_length, f"{local:%d %b %H:%M}"
            )
        out.append(roster.patient_line(patient.id, patient.first_name, patient.status, when))
    total = store.patients.count(clinic.id)
    if total > SHOWN:
        out.append(roster.older(total - SHOWN))
    out.append(roster.FOOTER)
    return "\n".join(out)
