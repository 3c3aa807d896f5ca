"""The fields of a clinic's settings, light enough for the command line to build its options
from them at start-up (no database import). The rules are `bot.people.clinic_settings`."""

from __future__ import annotations

from dataclasses import dataclass

from content.opening_hours import EXAMPLE as HOURS_EXAMPLE


@dataclass(frozen=True)
class Field:
    """One setting: `key` as typed in Telegram (`/settings phone …`), `option` at the command
    line (`aftercare clinic set 1 --phone …`)."""

    key: str
    option: str
    label: str
    example: str
    optional: bool = False  # "none" clears it
    replans: bool = False  # changing it moves messages not yet sent


FIELDS = (
    Field("name", "--name", "name", "Glow Clinic"),
    Field("phone", "--phone", "phone", "+44 20 7946 0000"),
    Field("booking", "--booking-url", "booking link", "https://glow.example/book", optional=True),
    Field("timezone", "--timezone", "time zone", "Europe/London", replans=True),
    Field("window", "--send-window", "send window", "09:00-20:00", replans=True),
    Field("hours", "--opening-hours", "opening hours", HOURS_EXAMPLE, optional=True),
    Field("interval", "--series-interval-days", "series interval (days)", "28", replans=True),
    Field("outofhours", "--out-of-hours", "out-of-hours number", "+44 7700 900123", optional=True),
    Field("emergency", "--emergency-number", "emergency number", "999", optional=True),
    Field("raise", "--raise-after", "raise unanswered urgent messages after (minutes)", "10"),
)
BY_KEY = {field.key: field for field in FIELDS}
