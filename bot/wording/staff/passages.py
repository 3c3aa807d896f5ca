"""Switching passages of the guide off and on for one clinic (`aftercare passage ...`)."""


def unknown_clinic(clinic_id: int) -> str:
    return f"No clinic with id {clinic_id} (see `aftercare clinic list`)."


def unknown_passage(ref: str) -> str:
    return (
        f"No passage {ref!r}. Passages are named like 002#12 (document, then number); "
        "`aftercare passage list --clinic ID` shows them."
    )


def switched(label: str, state: str) -> str:
    """`state`: "off" (never quoted to this clinic's patients) or "on" (quoted again)."""
    if state == "off":
        return f"Switched off: {label}. The bot will not quote it to this clinic's patients."
    return f"Switched on: {label}. The bot may quote it again."


def already(label: str, state: str) -> str:
    return f"Already {state}: {label}. Nothing changed."


def step_quotes_off(step_id: str, label: str) -> str:
    """A timeline step whose wording (default or the clinic's) quotes a switched-off passage."""
    return (
        f"quotes {label}, which this clinic switched off; reword the step (/edit {step_id}) "
        "or switch the passage back on"
    )


# --- From a staff chat: /passages and /passage off|on <id> -----------------------------------

PASSAGE_USAGE = (
    "Usage: /passage off <id> or /passage on <id>, with an id from /passages, "
    "for example /passage off 004#3."
)


def unknown_passage_in_chat(ref: str) -> str:
    """A staff member named a passage that does not exist: what to send instead."""
    return (
        f"There is no passage “{ref[:40]}”. Passages are named like 004#3 (document, then "
        "number): send /passages to see them, then /passage off <id> or /passage on <id>."
    )


def listing_heading(clinic_name: str) -> str:
    return (
        f"Passages of the aftercare guide the bot may quote to {clinic_name}'s patients "
        "(id · on or OFF · how it starts):"
    )


def document_heading(number: str, title: str) -> str:
    """One source document in /passages: its number (the part of an id before #) and title."""
    return f"Document {number}: {title}"


def passage_line(short_id: str, state: str, start: str, changed: str = "") -> str:
    """`state` "on" or "off" (shown as OFF so it stands out); `changed`: who switched it
    and when, e.g. "by you, 02 Mar 2026 14:00"."""
    shown = "OFF" if state == "off" else "on"
    return f"• {short_id} · {shown} · “{start}”" + (f" ({changed})" if changed else "")


def changed_by(author: str, when: str) -> str:
    return f"by {author}, {when}"


LISTING_FOOTER = (
    "/passage off <id> stops the bot quoting a passage to your patients (answers and curated "
    "entries that quote it are skipped); /passage on <id> quotes it again."
)


def step_still_quotes(step_id: str) -> str:
    """After switching a passage off from a chat: an aftercare message that still quotes it."""
    return (
        f"Your aftercare message {step_id} still quotes it: reword it with /edit {step_id}, "
        "or switch the passage back on."
    )
