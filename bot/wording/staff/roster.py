"""A clinic's patients and their messages, for staff: /patients, /cancel, /queue and /stats.

Patients are named by number and first name only; times arrive already written on the
clinic's clock.
"""

# --- /patients -------------------------------------------------------------------------------

NO_PATIENTS = "No patients yet. Enroll one with /enroll <first name>."


def heading(clinic_name: str) -> str:
    return f"{clinic_name}: patients, newest first"


def patient_line(number: int, first_name: str | None, status: str, session: str = "") -> str:
    """`session`: their latest session as `enrolling.session` writes it, or empty."""
    when = f" – {session}" if session else ""
    return f"#{number} {first_name}{when} – {status}"


def older(count: int) -> str:
    return f"…and {count} older."


FOOTER = "\n/cancel <number> stops a patient's messages."

# --- /cancel ---------------------------------------------------------------------------------

CANCEL_USAGE = "Usage: /cancel <patient number or first name> (see /patients)."
PATIENT_NOT_FOUND = "No patient like that at your clinic. /patients lists them with numbers."


def patient_ambiguous(name: str) -> str:
    return f"Several patients are called {name}: use their number from /patients."


def patient_cancelled(first_name: str, number: int) -> str:
    return f"Cancelled #{number} {first_name}: no more messages will be sent."


def patient_already_closed(number: int, status: str) -> str:
    return f"Patient #{number} is already {status}."


# --- /queue ----------------------------------------------------------------------------------

QUEUE_USAGE = "Usage: /queue or /queue PATIENT_ID, for example /queue 42"
NO_SUCH_PATIENT = "No patient with that id at your clinic."


def nothing_planned(patient_id: int) -> str:
    return f"Patient {patient_id}: no messages planned."


def patient_queue(patient_id: int, status: str, lines: list[str]) -> str:
    """One patient's messages, every status; `status` is the patient's own."""
    return f"Patient {patient_id} ({status}):\n" + "\n".join(lines)


def clinic_queue(upcoming: list[str], failed: list[str]) -> str:
    """The clinic's messages waiting to go out and those that failed, one line each."""
    parts = ["Upcoming:", *(upcoming or ["(none)"]), "", "Failed:", *(failed or ["(none)"])]
    return "\n".join([*parts, "", "Send /queue PATIENT_ID for one patient."])


def queue_line(
    row_id: int,
    patient_id: int,
    step_id: str,
    when: str,
    *,
    retry: int = 0,
    status: str = "",
    error: str = "",
) -> str:
    """One outbox row: `retry` attempts so far (0: none shown), `status` and `error` if given."""
    text = f"#{row_id} patient {patient_id} · {step_id} · {when}"
    if retry:
        text += f" · retry {retry}"
    if status:
        text += f" · {status}"
    if error:
        text += f" ({error})"
    return text


# --- /stats ----------------------------------------------------------------------------------

# The label of each counter /stats shows, by event name.
FIGURE_LABELS = {
    "enrolled": "Enrolled",
    "consented": "Consented",
    "delivered": "Messages delivered",
    "failed": "Messages failed",
    "unreachable": "Unreachable",
    "rebooked": "Rebooked",
    "question": "Questions",
    "escalated": "Escalations",
}


def figures(clinic_name: str, counts: list[tuple[str, int]]) -> str:
    """`counts`: (label, count) pairs in the order shown."""
    lines = [f"{clinic_name}: all-time figures"]
    lines += [f"{label}: {count}" for label, count in counts]
    return "\n".join(lines)
