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
