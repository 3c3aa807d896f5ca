"""A clinic's patients and their messages, for staff: /patients, /cancel, /queue and /stats.

Patients are named by number and first name only, the same number in every command and list;
times arrive already written on the clinic's clock.
"""

# --- /patients -------------------------------------------------------------------------------

NO_PATIENTS = "No patients yet. Enroll one with /enroll <first name>."


def heading(clinic_name: str) -> str:
    return f"{clinic_name}: patients, newest first"


def patient_line(number: int, first_name: str | None, status: str, session: str = "") -> str:
    """`session`: their latest session as `enrolling.session` writes it, or empty."""
    when = f" – {session}" if session else ""
    return f"{patient_label(number, first_name)}{when} – {status}"


def older(count: int) -> str:
    return f"…and {count} older."


FOOTER = (
    "\n/queue <number> shows a patient's messages; /cancel <number> stops them; "
    "/enroll #<number> adds their next session."
)

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

QUEUE_USAGE = (
    "Usage: /queue for your clinic, or /queue <patient number> for one patient, with the "
    "number /patients shows, for example /queue 42"
)
NO_SUCH_PATIENT = "No patient with that number at your clinic. /patients lists them."


def patient_label(number: int, first_name: str | None) -> str:
    """A patient as staff see them everywhere: "#5 Amira" (the number /patients shows)."""
    return f"#{number} {first_name or '(name deleted)'}"


def nothing_planned(patient: str) -> str:
    """`patient`: `patient_label`."""
    return f"{patient}: no messages planned."


def patient_queue(patient: str, status: str, lines: list[str]) -> str:
    """One patient's messages, every status; `status` is the patient's own."""
    return f"{patient} ({status}):\n" + "\n".join(lines)


def clinic_queue(upcoming: list[str], failed: list[str]) -> str:
    """The clinic's messages waiting to go out and those that failed, one line each."""
    parts = ["Upcoming:", *(upcoming or ["(none)"]), "", "Failed:", *(failed or ["(none)"])]
    footer = "/queue <patient number> shows one patient's messages (numbers as in /patients)."
    return "\n".join([*parts, "", footer])


def queue_line(
    patient: str, step: str, when: str, *, retry: int = 0, status: str = "", error: str = ""
) -> str:
    """One message: `patient` (`patient_label`, or "" in one patient's list), the step's
    title, when; `retry` attempts so far (0: none shown), `status` and `error` if given."""
    text = " · ".join(part for part in (patient, step, when) if part)
    if retry:
        text += f" · retry {retry}"
    if status:
        text += f" · {status}"
    if error:
        text += f" ({error})"
    return text if patient else f"• {text}"


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
