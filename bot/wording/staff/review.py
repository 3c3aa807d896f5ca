"""The go-live review, for a clinic's admins: /review (and `aftercare clinic review`)."""

APPROVE_BUTTON = "Approve: patients may get these"


def not_live(clinic_name: str) -> str:
    """/enroll before the go-live review is approved."""
    return (
        f"{clinic_name} is not live yet, so no patient can be enrolled. Before the first "
        "patient, an admin reads the aftercare messages and the guide's passages the bot may "
        "quote, and approves them: send /review."
    )


def not_live_cli(clinic_id: int, clinic_name: str) -> str:
    return (
        f"clinic {clinic_id} ({clinic_name}) has not passed its go-live review, so no patient "
        f"can be enrolled: read `aftercare clinic review {clinic_id}`, then approve with "
        f"`aftercare clinic review {clinic_id} --approve` (or an admin sends /review in Telegram)"
    )


def intro(clinic_name: str, steps: int, when: str, first_name: str) -> str:
    """The first message of the review; `when` is the sample session's time."""
    return (
        f"Go-live review for {clinic_name}.\n\n"
        f"1. The {steps} aftercare messages a patient gets, as they will read them (for a "
        f"session on {when}, with the sample name {first_name}).\n"
        "2. The guide's passages the bot may quote when patients ask questions.\n\n"
        "The bot does not judge the documents' advice: your clinic does. Reword a message with "
        "/edit <step>; switch off a passage you do not want quoted with /passage off <id>. Then "
        "approve at the end."
    )


def step_heading(step_id: str, when: str) -> str:
    return f"{step_id} · {when}"


def sources(cited: list[str]) -> str:
    return "Source: " + "; ".join(cited)


def buttons(labels: list[str]) -> str:
    return "Buttons: " + ", ".join(labels)


def closing(clinic_name: str) -> str:
    return (
        f"When {clinic_name} is content that patients get these messages and may be quoted "
        "these passages, tap Approve. Until then no patient can be enrolled."
    )


def approved_on(clinic_name: str, when: str) -> str:
    return f"{clinic_name} approved its go-live review on {when}; patients can be enrolled."


def approved(clinic_name: str) -> str:
    return f"Approved: {clinic_name} is live. Staff can now /enroll patients."


def already_approved(clinic_name: str) -> str:
    return f"{clinic_name} has already approved its go-live review; nothing changed."
