"""What `/patients` shows staff: their clinic's patients, newest first, with session and status."""

from __future__ import annotations

from bot import texts
from bot.store import Store
from bot.store.clinics import Clinic

SHOWN = 30


def roster_text(store: Store, clinic: Clinic) -> str:
    lines = store.patients.roster(clinic.id, limit=SHOWN)
    if not lines:
        return texts.NO_PATIENTS
    out = [f"{clinic.name}: patients, newest first"]
    for line in lines:
        patient, session = line.patient, line.session
        when = ""
        if session is not None:
            series = f"/{session.series_length}" if session.series_length else ""
            local = session.session_at.astimezone(clinic.zone)
            when = f" – session {session.session_number}{series} on {local:%d %b %H:%M}"
        out.append(f"#{patient.id} {patient.first_name}{when} – {patient.status}")
    total = store.patients.count(clinic.id)
    if total > SHOWN:
        out.append(f"…and {total - SHOWN} older.")
    out.append("\n/cancel <number> stops a patient's messages.")
    return "\n".join(out)
