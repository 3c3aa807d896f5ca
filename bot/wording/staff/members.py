"""A clinic's team: /staff (list, invite, remove), /leave, and the admin-only refusal."""

USAGE = (
    "Usage: /staff lists your clinic's team; /staff invite (or /staff invite admin) makes a "
    "link for a new member; /staff remove <number> takes someone off the team."
)
REMOVE_USAGE = (
    "Usage: /staff remove <number>, the number /staff shows, for example /staff remove 3."
)
INVITE_USAGE = "Usage: /staff invite for a member of staff, /staff invite admin for an admin."
NOBODY = "Nobody is on the team."

LAST_ADMIN = (
    "That is the clinic's only admin, so they stay: invite another admin first "
    "(/staff invite admin)."
)
LAST_ADMIN_LEAVE = (
    "You are your clinic's only admin, so you can't leave yet: invite another admin first "
    "(/staff invite admin), then /leave."
)
LEAVE_BUTTON = "Leave the team"
STAY_BUTTON = "Stay"
STAYED = "Okay, you are still on the team."


def admin_only(clinic_name: str) -> str:
    """A member of staff tried what only an admin may do."""
    return f"Sorry, only an admin of {clinic_name} can do that. /staff shows who the admins are."


def heading(clinic_name: str) -> str:
    return f"{clinic_name}'s team (number · name · role · joined):"


def line(number: int, name: str, role: str, joined: str, chat_id: int, you: bool) -> str:
    """One member; without a name, the chat's id stands in."""
    who = name or f"chat {chat_id}"
    return f"#{number} · {who} · {role} · {joined}" + (" (you)" if you else "")


def no_such_member(typed: str) -> str:
    return f"There is no member “{typed}” on your team. /staff shows the numbers."


def invited(role: str, link: str, expires: str) -> str:
    """An invite made in Telegram: `role` admin or staff, `expires` in clinic time."""
    return (
        f"Invite for one new {role} member (valid until {expires}, clinic time). Send them "
        f"this link; it works once:\n{link}"
    )


def removed(number: int, name: str, clinic_name: str) -> str:
    who = name or f"member #{number}"
    return (
        f"{who} is no longer on {clinic_name}'s team: they get no more alerts and no staff "
        "commands."
    )


def confirm_leave(clinic_name: str) -> str:
    return (
        f"Leave {clinic_name}'s team? You will get no more alerts or staff commands from this "
        "bot. An admin can invite you again."
    )


def left(clinic_name: str) -> str:
    return f"You have left {clinic_name}'s team. Thank you for looking after its patients."
