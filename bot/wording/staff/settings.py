"""A clinic's settings, for its admins: /settings (and `aftercare clinic set|show`)."""

NOT_GIVEN = "not given"


def heading(clinic_name: str) -> str:
    return f"{clinic_name}'s settings:"


def setting_line(key: str, value: str, note: str = "") -> str:
    """One setting as `/settings <key> <value>` would set it; `note` says what it does."""
    return f"• {key}: {value or NOT_GIVEN}" + (f" ({note})" if note else "")


NOTES = {
    "window": "aftercare messages go out in this window, every day of the week",
    "hours": "when staff answer; an urgent message outside them hears that you are closed",
    "interval": "days between sessions of a series",
    "outofhours": "given to urgent messages while you are closed",
    "emergency": "the local emergency line, for breathing or swelling of lips and throat",
    "raise": "an urgent message no one answers is sent to the team again after this many "
    "minutes, three times, then the patient is told to phone",
}

USAGE = (
    "Change one with /settings <field> <value>, for example:\n"
    "/settings phone +44 20 7946 0001\n"
    "/settings hours Mon-Fri 09:00-18:00, Sat 10:00-13:00\n"
    "/settings outofhours +44 7700 900123 (none clears it)"
)
CHANGES_HEADING = "Recent changes:"


def change_line(when: str, field: str, old: str, new: str, author: str) -> str:
    return f"{when} · {field}: {old or NOT_GIVEN} → {new or NOT_GIVEN} · by {author}"


def unknown_field(typed: str, keys: list[str]) -> str:
    return f"There is no setting “{typed[:30]}”. Settings: {', '.join(keys)}."


def missing_value(key: str, example: str) -> str:
    return f"Give the new value after the field, for example /settings {key} {example}."


def not_changed(problems: list[str]) -> str:
    listed = "\n".join(f"• {problem}" for problem in problems)
    return f"Nothing was changed:\n{listed}"


SAME = "That is already the setting; nothing changed."


def changed(lines: list[str], moved: int, replans: bool) -> str:
    """`lines`: each change as "field: old → new"; `moved`: waiting messages re-planned."""
    text = "Changed:\n" + "\n".join(f"• {line}" for line in lines)
    if replans:
        text += f"\n{moved} message(s) not yet sent now go out at the new times."
    else:
        text += "\nThe next messages use it."
    return text


def change_text(field: str, old: str, new: str) -> str:
    return f"{field}: {old or NOT_GIVEN} → {new or NOT_GIVEN}"
