"""Changing a clinic's settings after `clinic add`: one table of fields, checked like
`clinic add` checks them, stored with an audit row each (who, when, old -> new).

`aftercare clinic set` and an admin's `/settings` both come here. Bad input changes nothing
and names the field. A change of time zone, send window or series interval moves the clinic's
messages not yet sent (the caller passes the delivery area's re-planning as `replan`); a new
phone, name or booking link needs nothing moved, since messages are rendered when sent.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time
from typing import TYPE_CHECKING

from bot.people import registration
from bot.people.registration import ClinicInputError
from bot.people.setting_fields import BY_KEY, Field
from bot.store import Store
from bot.store.clinics import Clinic
from content import opening_hours

if TYPE_CHECKING:
    from content.timeline import Timeline

log = logging.getLogger(__name__)

# Moves the clinic's waiting messages to the times its new settings give: clinic id -> how
# many moved.
Replanner = Callable[[int], int]

CLEAR_WORDS = ("none", "-", "off")
_WINDOW = re.compile(r"([0-9]{1,2}):([0-9]{2})\s*[-–]\s*([0-9]{1,2}):([0-9]{2})")
_SHORT_NUMBER = re.compile(r"\+?[0-9 ()-]+")


# Other ways people write a field's name, after lower-casing and dropping "-", "_" and spaces.
_ALIASES = {
    "bookinglink": "booking",
    "bookingurl": "booking",
    "zone": "timezone",
    "sendwindow": "window",
    "openinghours": "hours",
    "seriesinterval": "interval",
    "seriesintervaldays": "interval",
    "outofhoursphone": "outofhours",
    "outofhoursnumber": "outofhours",
    "emergencynumber": "emergency",
    "raiseafter": "raise",
    "raiseafterminutes": "raise",
}


def field_key(typed: str) -> str | None:
    """The field a typed name means ("out-of-hours" -> "outofhours"), or None."""
    squashed = "".join(char for char in typed.lower() if char not in "-_ ")
    key = _ALIASES.get(squashed, squashed)
    return key if key in BY_KEY else None


@dataclass(frozen=True)
class SettingChange:
    key: str  # the field's key in FIELDS
    field: str  # the field's label, for people
    old: str
    new: str


@dataclass(frozen=True)
class SettingsChanged:
    """What a change did: the clinic as it is now, each field that changed, and how many
    messages not yet sent moved."""

    clinic: Clinic
    changes: tuple[SettingChange, ...]
    moved: int = 0


def shown(clinic: Clinic, key: str) -> str:
    """A setting's value as staff read it ("" for an optional one not given)."""
    values = {
        "name": clinic.name,
        "phone": clinic.phone,
        "booking": clinic.booking_url,
        "timezone": clinic.timezone,
        "window": f"{clinic.window_start:%H:%M}-{clinic.window_end:%H:%M}",
        "hours": clinic.opening_hours,
        "interval": str(clinic.series_interval_days),
        "outofhours": clinic.out_of_hours_phone,
        "emergency": clinic.emergency_number,
        "raise": str(clinic.raise_after_minutes),
    }
    return values[key]


def change(
    store: Store,
    clinic_id: int,
    values: dict[str, str],
    *,
    author: str,
    now: datetime,
    replan: Replanner,
    timeline: Timeline | None = None,
) -> SettingsChanged:
    """Check every value (keys from FIELDS, texts as typed; the series interval against
    `timeline`, as `clinic add` does), then store those that differ in one transaction with
    their audit rows and move waiting messages when a field that times them changed.
    ClinicInputError lists every problem, each naming its field, and nothing is stored;
    KeyError for an unknown key, LookupError when the clinic is gone."""
    clinic = store.clinics.get(clinic_id)
    if clinic is None:
        raise LookupError(f"no clinic {clinic_id}")
    columns, problems = {}, []
    for key, text in values.items():
        field = BY_KEY[key]
        parsed = _parse(field, text.strip(), timeline)
        if isinstance(parsed, str):
            problems.append(f"{field.label}: {parsed}")
        else:
            columns.update(parsed)
    if problems:
        raise ClinicInputError(problems)
    after = replace(clinic, **columns)
    audit = [
        (key, shown(clinic, key), shown(after, key))
        for key in values
        if shown(after, key) != shown(clinic, key)
    ]
    if not audit:
        return SettingsChanged(clinic, ())
    keys = [key for key, _, _ in audit]
    changed = tuple(SettingChange(key, BY_KEY[key].label, old, new) for key, old, new in audit)
    with store.db.atomic():
        updated = store.clinics.update(clinic_id, columns)
        store.clinic_changes.record(clinic_id, audit, author=author, now=now)
    log.info("clinic_settings_changed clinic=%s fields=%s", clinic_id, ",".join(keys))
    moved = replan(clinic_id) if any(BY_KEY[key].replans for key in keys) else 0
    return SettingsChanged(updated, changed, moved)


def problem(key: str, text: str, timeline: Timeline | None = None) -> str | None:
    """What is wrong with `text` as the value of field `key`, or None; `aftercare doctor`
    holds stored settings to the same rules as `/settings` and `clinic set` (the series
    interval against `timeline` when given)."""
    parsed = _parse(BY_KEY[key], text.strip(), timeline)
    return parsed if isinstance(parsed, str) else None


def _parse(field: Field, text: str, timeline: Timeline | None) -> dict[str, object] | str:
    """The columns a field's text sets, or what is wrong with it."""
    if field.optional and text.lower() in CLEAR_WORDS:
        text = ""
    if not text and not field.optional:
        return f"give a value, for example {field.example}"
    if field.key == "interval":
        return _interval(text, timeline)
    return _PARSERS[field.key](text)


def _name(text: str) -> dict[str, object] | str:
    return registration.check_name(text) or {"name": " ".join(text.split())}


def _phone(text: str) -> dict[str, object] | str:
    return registration.check_phone(text) or {"phone": text}


def _booking(text: str) -> dict[str, object] | str:
    return registration.check_booking_url(text) or {"booking_url": text}


def _timezone(text: str) -> dict[str, object] | str:
    return registration.check_timezone(text) or {"timezone": text}


def _window(text: str) -> dict[str, object] | str:
    found = _WINDOW.fullmatch(text)
    if not found:
        return f"{text[:40]!r} is not a window; write it like 09:00-20:00 (clinic time)"
    h1, m1, h2, m2 = (int(part) for part in found.groups())
    if max(h1, h2) > 23 or max(m1, m2) > 59:
        return f"{text[:40]!r} is not a window (hours 00-23, minutes 00-59)"
    start, end = time(h1, m1), time(h2, m2)
    if start >= end:
        # Sending across midnight would wake patients: the window starts before it ends.
        return f"the send window {text} is empty: it must start before it ends (clinic time)"
    return {"window_start": start, "window_end": end}


def _hours(text: str) -> dict[str, object] | str:
    if not text:
        return {"opening_hours": ""}
    try:
        return {"opening_hours": opening_hours.written(opening_hours.parse(text))}
    except opening_hours.HoursError as error:
        return str(error)


def _interval(text: str, timeline: Timeline | None) -> dict[str, object] | str:
    """1 to 365 days, and long enough for `timeline` (its booking prompt after the last care
    message), as `clinic add` checks it."""
    if not re.fullmatch(r"[0-9]{1,4}", text):
        return f"{text[:40]!r} is not a number of days (for example 28)"
    days = int(text)
    return registration.check_interval(days, timeline) or {"series_interval_days": days}


def _out_of_hours(text: str) -> dict[str, object] | str:
    if not text:
        return {"out_of_hours_phone": ""}
    return registration.check_phone(text) or {"out_of_hours_phone": text}


def _emergency(text: str) -> dict[str, object] | str:
    digits = sum(char.isascii() and char.isdigit() for char in text)
    if text and (not _SHORT_NUMBER.fullmatch(text) or not 2 <= digits <= 15):
        return f"{text[:40]!r} is not a phone number (for example 999, 112 or 911)"
    return {"emergency_number": text}


def _raise_after(text: str) -> dict[str, object] | str:
    """Minutes an urgent escalation waits for a staff answer before it is raised again."""
    if not re.fullmatch(r"[0-9]{1,3}", text) or not 1 <= int(text) <= 120:
        return f"{text[:40]!r} is not a number of minutes from 1 to 120 (for example 10)"
    return {"raise_after_minutes": int(text)}


_PARSERS = {
    "name": _name,
    "phone": _phone,
    "booking": _booking,
    "timezone": _timezone,
    "window": _window,
    "hours": _hours,
    "outofhours": _out_of_hours,
    "emergency": _emergency,
    "raise": _raise_after,
}
