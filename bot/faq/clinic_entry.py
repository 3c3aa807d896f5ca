"""A FAQ entry written by clinic staff (`/faq add`): the clinic's own words, not the guide's."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClinicEntry:
    """A question and answer written by clinic staff, shown marked as the clinic's advice."""

    id: int | str
    clinic_id: int
    question: str
    answer: str
    author: str = ""
