"""How times are written in the database: fixed-width ISO-8601 UTC, so text order is time order."""

from __future__ import annotations

from datetime import UTC, datetime


def iso(when: datetime) -> str:
    if when.tzinfo is None:
        raise ValueError("refusing to store a naive datetime")
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def parse(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).astimezone(UTC)
