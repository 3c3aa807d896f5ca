"""The clinic's own wording of timeline steps, for staff: /content, /edit and /revert.

The steps' default texts are `content/timeline.yaml`; the marker under a clinic's own wording
is `content.message.written_by`, quoted here so staff are told exactly what patients see.
"""

from content.message import written_by

EDIT_USAGE = "Usage: /edit <step>, for example /edit day1_redness. /content lists the steps."
REVERT_USAGE = (
    "Usage: /revert <step> goes back to the default wording; /revert <step> <version> to an "
    "earlier version of yours, for example /revert day1_redness 2."
)


def unknown_step(name: str, step_ids: list[str]) -> str:
    return f"There is no step called “{name[:40]}”. Steps: {', '.join(step_ids)}."


# --- /content --------------------------------------------------------------------------------


def heading(clinic_name: str) -> str:
    return f"Aftercare messages for {clinic_name} (time after the session · wording):"


def step_line(step_id: str, when: str, wording: str) -> str:
    return f"• {step_id} · {when} · {wording}"


def when_sent(after: str | None, series: str | None = None) -> str:
    """When a step goes out: `after` the session ("1d", "23d 4h"; None at the session), and
    `series`, for a step tied to the series interval, its offset from it ("", " - 5d")."""
    when = "at the session" if after is None else f"+{after}"
    return when if series is None else f"{when} (series interval{series})"


DEFAULT_WORDING = "default wording"


def own_wording(version: int, author: str, when: str) -> str:
    return f"your clinic's wording v{version}, by {author}, {when}"


FOOTER = (
    "/edit <step> writes your clinic's own wording of a message; /revert <step> goes back to "
    "the default. Edits reach every message not yet sent."
)

# --- /edit -----------------------------------------------------------------------------------


def edit_instructions(step_id: str, clinic_name: str, fields: str) -> str:
    """`fields`: the merge fields a text may use, written out ("{first_name}, {clinic_name}")."""
    return (
        f"Send the new wording of {step_id} as your next message.\n\n"
        '• Lines starting with "> " are quotes: copy them word for word from the aftercare '
        "documents.\n"
        f"• Everything else is shown to patients as {clinic_name}'s own words, with "
        f"“{written_by(clinic_name)}” underneath.\n"
        f"• You can use {fields}.\n"
        "• The message's buttons stay as they are.\n\n"
        "Its current wording follows, to copy and change. Tap Cancel to stop."
    )


def draft_problems(problems: list[str]) -> str:
    listed = "\n".join(f"• {problem}" for problem in problems)
    return (
        f"Not saved: that text has {len(problems)} problem(s).\n\n{listed}\n\n"
        "Send a corrected text, or tap Cancel."
    )


def preview_heading(step_id: str, clinic_name: str, first_name: str, buttons: str) -> str:
    """`buttons`: the step's button labels, comma-separated, or empty."""
    kept = f" Its buttons stay: {buttons}." if buttons else ""
    return (
        f"Preview of {step_id} as a patient at {clinic_name} would get it (with the sample name "
        f"{first_name}).{kept} Tap Save to use it, or send a corrected text."
    )


def saved(step_id: str, clinic_name: str, version: int) -> str:
    return (
        f"Saved: {clinic_name} now uses its own wording of {step_id} (version {version}). "
        f"Every {step_id} message not yet sent will use it. /revert {step_id} goes back to the "
        "default."
    )


# --- /revert ---------------------------------------------------------------------------------


def reverted(step_id: str, clinic_name: str) -> str:
    return (
        f"{step_id} is back to the default wording for {clinic_name}; messages not yet sent "
        "will use it. Your earlier versions are kept in the history."
    )


def already_default(step_id: str) -> str:
    return f"{step_id} already uses the default wording; nothing changed."
