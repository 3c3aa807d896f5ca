"""/enroll: a patient's single-use link and QR code, or the next session of a patient who
already agreed; and what is wrong with the input (the same refusals name bad CSV rows)."""

USAGE = (
    "Usage: /enroll <first name> [YYYY-MM-DD HH:MM] [k/n]\n"
    "For example: /enroll Amira 2026-03-02 14:30 1/3 (clinic time; defaults to now).\n"
    "A patient's next session: /enroll #<number from /patients> [YYYY-MM-DD HH:MM] [k/n]."
)


def enrolled(first_name: str, session_text: str, series_text: str, link: str, expires: str):
    """The caption under the QR code; times are already written on the clinic's clock."""
    return (
        f"Link for {first_name} ({session_text}{series_text}). Works once, until {expires}:\n"
        f"{link}\n\nShow the QR code or send the link; the patient taps it and agrees."
    )


def session(number: int, series_length: int | None, at: str) -> str:
    """One session of a patient: "session 2/3 on 02 Mar 14:30" (`at` on the clinic's clock)."""
    series = f"/{series_length}" if series_length else ""
    return f"session {number}{series} on {at}"


def next_session_enrolled(first_name: str, number: int, session_text: str, planned: int) -> str:
    return (
        f"Next session enrolled for {first_name} (#{number}), {session_text}. "
        f"{planned} aftercare messages are planned and any reminders to book it are cleared; "
        "no new link is needed."
    )


NEXT_SESSION_NOT_LATER = "That time is not after the patient's last session. Please check the date."


def next_session_needs_link(number: int, status: str) -> str:
    return (
        f"Patient #{number} is {status}, so they have not agreed to messages for a next "
        "session. Enroll them with a new link instead: /enroll <first name>."
    )


def next_session_beyond_series(number: int, length: int) -> str:
    return (
        f"That would be session {number} of a series of {length}. "
        "Add k/n to say which session it is, for example 1/3 for a new series."
    )


# --- What is wrong with the input -----------------------------------------------------------

NAME_MISSING = "Please give the patient's first name."


def name_too_long(limit: int) -> str:
    return f"That name is too long: at most {limit} characters."


NAME_CHARACTERS = (
    "A first name can only contain letters, spaces, hyphens and apostrophes "
    "(no emoji, digits, symbols or formatting)."
)


def time_format(typed: str) -> str:
    """`typed`: what staff wrote instead of a session time, already shortened."""
    return f"Write the session time as YYYY-MM-DD HH:MM (clinic time), not {typed!r}."


def no_such_time(typed: str) -> str:
    return f"There is no such date or time: {typed}."


def time_skipped(local: str, timezone: str) -> str:
    """A wall-clock time the clocks skip in `timezone` (the spring change)."""
    return f"{local} does not exist in {timezone} (the clocks change then). Please check the time."


def session_too_old(days: int) -> str:
    return (
        f"That session was more than {days} days ago, so its aftercare messages would all be "
        "out of date. Please check the date."
    )


SESSION_AHEAD = "That session is more than a day ahead. Please enroll patients after their session."
SERIES_NOT_NUMBERS = "Session number and series length must be whole numbers."


def series_range(limit: int) -> str:
    return f"Session k of n needs 1 <= k <= n <= {limit} (for example 2/3)."


ENROLL_FORMAT = (
    "Write it as /enroll <first name> [YYYY-MM-DD HH:MM] [k/n], "
    "for example /enroll Amira 2026-03-02 14:30 1/3."
)
PATIENT_NUMBER_MISSING = "Give the patient's number as /patients shows it, for example /enroll #12."
NEXT_SESSION_FORMAT = (
    "Write it as /enroll #<patient number> [YYYY-MM-DD HH:MM] [k/n], "
    "for example /enroll #12 2026-03-30 14:30 2/3."
)
SESSION_AT_EMPTY = "session_at is empty (use YYYY-MM-DD HH:MM)."


def link_preview(first_name: str, patient_number: int, expires: str, consent_text: str) -> str:
    """A staff member opened a patient's link: `consent_text` is what the patient will read."""
    return (
        f"This is the link for {first_name} (patient #{patient_number}), valid until {expires}. "
        "Opening it here changed nothing: it still works for the patient, and is bound to "
        "them only when they agree. They will read:\n\n" + consent_text
    )


OTHER_CLINIC_LINK = (
    "This is a patient link of another clinic. Opening it here changed nothing: it still "
    "works for the patient."
)


def ref_too_long(limit: int) -> str:
    return f"ref (the clinic's booking reference) is longer than {limit} characters."
