"""The history of a clinic's wording of a step, for staff: /content history and /revert to a
version (and `aftercare content history|revert`)."""

HISTORY_USAGE = (
    "Usage: /content history <step>, for example /content history day1_redness. /content lists "
    "the steps."
)


def heading(step_id: str, clinic_name: str) -> str:
    return f"Wording of {step_id} at {clinic_name}, newest first:"


def no_versions(step_id: str) -> str:
    return f"{step_id} has always used the default wording; there is no history yet."


def version_line(
    version: int, author: str, when: str, *, restored: int | None, active: bool
) -> str:
    """One version: who wrote it and when, the version it brought back, whether it is in use."""
    back = f" · back to v{restored}" if restored else ""
    used = " · in use" if active else ""
    return f"v{version} · by {author} · {when}{back}{used}"


def reverted_line(when: str) -> str:
    return f"  then back to the default wording on {when}"


DEFAULT_IN_USE = "The default wording is in use now."
FROM_DEFAULT = "  (changed from the default wording)"
NO_CHANGE = "  (the same words as before)"


def more_lines(count: int) -> str:
    return f"  … and {count} more changed line(s)"


def older_versions(count: int) -> str:
    return f"… and {count} older version(s)."


FOOTER = "/revert <step> <version> brings a version back; /revert <step> goes back to the default."


def no_such_version(typed: str, step_id: str, newest: int) -> str:
    if newest == 0:
        return f"{step_id} has no versions of your own yet; /revert {step_id} keeps the default."
    return (
        f"There is no version “{typed}” of {step_id}: versions run from 1 to {newest} "
        f"(/content history {step_id})."
    )


def already_version(step_id: str, version: int) -> str:
    return f"{step_id} already uses the words of version {version}; nothing changed."


def restored(step_id: str, version: int, saved_as: int) -> str:
    return (
        f"{step_id} uses the words of version {version} again (saved as version {saved_as}). "
        "Every message not yet sent will use them."
    )


def no_longer_valid(version: int, problems: list[str]) -> str:
    listed = "\n".join(f"• {problem}" for problem in problems)
    return (
        f"Not restored: version {version} no longer passes the checks.\n\n{listed}\n\n"
        "Write a corrected text with /edit instead."
    )
