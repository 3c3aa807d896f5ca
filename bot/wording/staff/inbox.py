"""The escalation inbox's life in a staff chat: who took an alert, who answered and closed it,
alerts raised again, and /inbox and /close. Times arrive written on the clinic's clock
("14:02"); people arrive as the names the team knows them by."""

TAKE_BUTTON = "I'll take it"
SOMEONE = "a member of staff"  # one whose row is gone (never expected)


def member_number(number: int) -> str:
    """A member of staff with no first name, by the number /staff shows."""
    return f"staff #{number}"


CLOSE_BUTTON = "Close"


def taken(who: str, at: str) -> str:
    return f"Taken by {who} {at}"


def answered(who: str, at: str) -> str:
    return f"Answered by {who} {at}"


def closed(who: str, at: str, note: str = "") -> str:
    return f"Closed by {who} {at}" + (f": {note}" if note else "")


def raised_again(times: int, of: int) -> str:
    """The heading of an urgent alert nobody answered, sent again (`times` of at most `of`)."""
    return f"STILL UNANSWERED – raised again ({times} of {of})"


def raised_after(minutes: int, let_go: str) -> str:
    """Under a raised alert: how long it waited; `let_go` names who had taken it, or is ""."""
    had = (
        f" {let_go} had taken it but has not answered, so anyone may take it now." if let_go else ""
    )
    return f"No one has answered this in {minutes} minutes.{had}"


def patient_told(at: str) -> str:
    """Under an urgent alert nobody answered after it was raised again the last time."""
    return (
        f"No one answered in time: at {at} the patient was told to phone the clinic (or the "
        "out-of-hours or emergency line) instead of waiting here."
    )


def out_of_hours(number: str) -> str:
    """Under an urgent alert that came while the clinic was closed."""
    return (
        f"Out of hours: the patient was given the out-of-hours number, {number}, so this is not "
        "raised again tonight."
    )


def taken_by_other(who: str, at: str) -> str:
    return f"{who} took this one at {at}, so it is theirs to answer."


def took_it() -> str:
    return "It's yours. Tap Reply to answer."


ALREADY_CLOSED = "That escalation is already closed."
YOU_HAVE_IT = "You have already taken it."

# --- /inbox ----------------------------------------------------------------------------------

INBOX_EMPTY = "Nothing waiting: every escalation is closed."


def inbox_heading(clinic_name: str, count: int) -> str:
    return f"{clinic_name}: {count} escalation{'s' if count != 1 else ''} not closed"


def inbox_line(number: int, urgent: bool, about: str, patient: str, opened: str, state: str) -> str:
    """One escalation: `about` its red flag's kind or "", `patient` "Amira (#3)", `opened`
    when it came, `state` who has it ("open", "taken by Sam 14:02", "answered by …")."""
    heading = "URGENT" if urgent else "Question"
    kind = f" ({about.replace('_', ' ')})" if about else ""
    return f"#{number} {heading}{kind} · {patient} · {opened} · {state}"


def inbox_more(count: int) -> str:
    return f"…and {count} more."


INBOX_FOOTER = "Tap I'll take it or Reply under an alert; /close <number> [note] when it is done."
OPEN = "open, nobody has it"

# --- /close ----------------------------------------------------------------------------------

CLOSE_USAGE = (
    "Usage: /close <number> [note], for example /close 12 phoned her, all fine. "
    "/inbox lists the numbers."
)
CLOSE_NOTE_TOO_LONG = "That note is too long: keep it under 500 characters."


def close_not_found(ref: str) -> str:
    return f"No escalation #{ref} at your clinic. /inbox lists the open ones."


def close_done(number: int) -> str:
    return f"Closed #{number}."
