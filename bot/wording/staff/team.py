"""Staff in general: joining a clinic's team, /help and the command menu, the staff-only
refusal, and what a draft (/edit, /faq add) shows whatever it edits."""

_PATIENTS = (
    "/enroll <first name> [YYYY-MM-DD HH:MM] [k/n] – a one-time link and QR code for a "
    "patient (session time defaults to now, k/n is session k of a series of n)\n"
    "/enroll #<number> [YYYY-MM-DD HH:MM] [k/n] – the next session of a patient who already "
    "agreed: no new link, their booking reminders stop\n"
    "/patients – your clinic's patients\n"
    "/cancel <number or first name> – stop a patient's messages\n"
    "/queue [number] – messages waiting to go out and those that failed\n"
    "/stats [7d|30d|all] – figures for your clinic (default the last 7 days)\n"
    "/inbox – escalations not closed yet, urgent first\n"
    "/close <number> [note] – close an escalation you have dealt with\n"
)
_REPLY = (
    "When a patient's message arrives here, tap I'll take it so the team knows it is yours, "
    "then Reply (or reply to it) to answer them. An urgent one nobody answers is raised again "
    "every 10 minutes, three times, then the patient is told to phone."
)

# What every member may do; an admin's /help adds the wording, answers, settings and team.
STAFF_HELP = (
    "Staff commands:\n"
    + _PATIENTS
    + "/content – the aftercare messages and your clinic's wording\n"
    "/content history <step> – every version of a message's wording\n"
    "/faq – your clinic's own answers\n"
    "/passages – the guide's passages the bot may quote, with their ids\n"
    "/staff – your clinic's team\n"
    "/leave – leave the team\n"
    "/help – this message\n\n"
    "Changing the wording, answers, passages and settings is for your clinic's admins.\n\n" + _REPLY
)

HELP = (
    "Staff commands:\n"
    + _PATIENTS
    + "/content – the aftercare messages and your clinic's wording\n"
    "/edit <step> – write your clinic's own wording of a message\n"
    "/revert <step> – go back to the default wording\n"
    "/faq – your clinic's own answers (/faq add, /faq delete <number>)\n"
    "/passages – the guide's passages the bot may quote, with their ids\n"
    "/passage off <id> (or on <id>) – stop (or start again) quoting a passage to your "
    "patients\n"
    "/help – this message\n\n"
    "As an admin:\n"
    "/content history <step> – every version, who wrote it and what changed\n"
    "/revert <step> <version> – go back to an earlier version of your wording\n"
    "/settings – the clinic's settings (/settings <field> <value> changes one)\n"
    "/review – the go-live review: the messages and passages before the first patient\n"
    "/staff – the team (/staff invite [admin], /staff remove <number>)\n"
    "/leave – leave the team\n"
    "Make it an FAQ entry (under an answer to a question the guide doesn't cover) – your "
    "clinic's own answer for the next patient who asks\n\n" + _REPLY
)

# The command menu of a staff chat: (command, description).
COMMANDS = [
    ("enroll", "Link and QR code for a patient"),
    ("patients", "Your clinic's patients"),
    ("cancel", "Stop a patient's messages"),
    ("queue", "Messages waiting and failed"),
    ("stats", "Figures for your clinic"),
    ("inbox", "Escalations not closed yet"),
    ("close", "Close an escalation"),
    ("content", "Aftercare messages and your wording"),
    ("faq", "Your clinic's own answers"),
    ("passages", "Guide passages the bot may quote"),
    ("staff", "Your clinic's team"),
    ("leave", "Leave the team"),
    ("help", "Staff commands"),
]

# An admin's menu: everything staff have, with what only admins do beside it.
_ADMIN_ONLY = {
    "content": [
        ("edit", "Write your own wording of a message"),
        ("revert", "Back to the default or an earlier wording"),
    ],
    "passages": [("passage", "Switch a passage off or on")],
    "faq": [
        ("settings", "The clinic's settings"),
        ("review", "Go-live review before the first patient"),
    ],
}
ADMIN_COMMANDS = [
    command for entry in COMMANDS for command in (entry, *_ADMIN_ONLY.get(entry[0], []))
]


def joined(clinic_name: str, *, admin: bool = True) -> str:
    """A staff invite opened: this chat is now staff at the clinic (an admin or staff)."""
    return (
        f"Welcome: this chat is now staff at {clinic_name}. Patients' urgent messages and "
        f"questions the guide can't answer will arrive here. {_ROLE[admin]}\n\n"
        + (HELP if admin else STAFF_HELP)
    )


_ROLE = {
    True: "You are one of its admins: you can also change its wording, answers, passages and "
    "settings, and invite or remove staff.",
    False: "You are on its team as staff; its admins change the wording, answers, passages and "
    "settings.",
}


def already_staff(clinic_name: str) -> str:
    return f"This chat is already staff at {clinic_name}. Send /help for the staff commands."


OTHER_CLINIC = (
    "This chat is already staff at another clinic. Use a different Telegram account for a "
    "second clinic."
)

# Told once to a group that had joined a clinic's staff before the private-chats-only rule.
GROUP_STAFF_REVOKED = (
    "I now work only in private chats, so this group is no longer clinic staff: patients' "
    "alerts won't arrive here any more and replies from here won't reach patients. Each "
    "member of the team can join in a private chat with me, with their own staff invite "
    "(`aftercare staff invite`)."
)

STAFF_ONLY = "Sorry, that command is for clinic staff."


def author(chat_id: int | None, viewer_chat_id: int) -> str:
    """Who wrote a clinic's wording or answer, as the staff chat `viewer_chat_id` reads it:
    "you", "staff chat 42", or "unknown" when no chat was recorded."""
    if chat_id is None:
        return "unknown"
    return "you" if chat_id == viewer_chat_id else f"staff chat {chat_id}"


# --- Drafts: /edit and /faq add ----------------------------------------------------------

CANCEL_BUTTON = "Cancel"
SAVE_BUTTON = "Save"
DRAFT_CANCELLED = "Okay, nothing was changed."
DRAFT_STALE = "That preview is no longer open, so nothing was saved. Start again with the command."
