"""A patient's aftercare messages: /next, /booked, STOP (at once, with Undo) and /resume.

Plain wording about scheduling only. Times arrive already written on the clinic's clock.
"""

NOT_A_PATIENT = (
    "I don't have aftercare messages for you. To receive them, open the link your clinic "
    "gave you after your session."
)
# A patient typing the staff command /cancel most likely wants their messages to stop.
CANCEL_NOT_STAFF = "To stop your messages, send /stop."

PAUSED = "Your aftercare messages are paused. Send /resume to start them again."
NOTHING_AHEAD = "You have no more aftercare messages scheduled."


def upcoming(times: list[str], more: int) -> str:
    """/next: `times` of the next messages (clinic time, already formatted), `more` not shown."""
    lines = "\n".join(f"• {time}" for time in times)
    rest = f"\n…and {more} more." if more > 0 else ""
    return (
        "Your next aftercare messages:\n"
        + lines
        + rest
        + "\n\nTimes are your clinic's local time. Send /stop to pause them."
    )


BOOKED = "Thank you for booking! I won't send you any more reminders to book."
NO_SESSION = "I couldn't find your session. Please contact your clinic to book."

UNDO_BUTTON = "Undo"


def _together(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def stopped(clinic_names: list[str]) -> str:
    """STOP took effect at once, for every clinic of the chat; the Undo button is UNDO_BUTTON."""
    return (
        f"Done: you won't get any more aftercare messages from {_together(clinic_names)}. "
        "Tap Undo or send /resume to start them again. "
        "If something worries you, contact your clinic directly."
    )


ALREADY_STOPPED = (
    "Your aftercare messages are already stopped. Tap Undo or send /resume to start them again."
)


def stop_unclear(contacts: str) -> str:
    """CANCEL, END or QUIT alone: stop the messages, or something else (an appointment)?
    `contacts`: the clinics to call, as `answers.any_of` writes them."""
    return (
        "Do you want me to stop all your aftercare messages? "
        f"To cancel or move an appointment, please contact {contacts}."
    )


STOP_YES, STOP_NO = "Stop my messages", "No, keep them"


def not_stopped(contacts: str) -> str:
    return (
        "OK, your aftercare messages carry on. "
        f"To cancel or change an appointment, please contact {contacts}."
    )


ALREADY_ON = "Your aftercare messages are already on. Send /next to see what's coming."


def resumed(restored: int) -> str:
    """/resume: `restored` messages are still ahead; those that fell due meanwhile are dropped."""
    ahead = "1 message" if restored == 1 else f"{restored} messages"
    return (
        f"Welcome back: your aftercare messages are on again ({ahead} ahead). "
        "Messages that fell due while they were paused are not sent."
    )
