"""What the FAQ returns for one patient message, and the fixed replies around it.

Every reply here is either quotes from the guide with their sources, the clinic's own words
marked as such, or a referral to the clinic; none of it is medical advice written by the bot.
The words around them are `bot.wording.patients.answers`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from bot.faq.redflags import RedFlag
from bot.store.clinics import Clinic
from bot.wording.patients import answers
from content.faq import Source

Kind = Literal["answer", "unknown", "urgent", "smalltalk"]
Origin = Literal["guide", "clinic"]

__all__ = ["Answer", "Kind", "Origin", "Source"]


@dataclass(frozen=True)
class Answer:
    kind: Kind
    text: str
    sources: tuple[Source, ...] = ()
    score: float = 0.0  # confidence of the match, 0..1; 1.0 for urgent and small talk
    origin: Origin | None = None  # who wrote the answer: the guide's quotes or the clinic
    red_flag: str | None = None  # red-flag category when kind == "urgent"
    matched: str = field(default="", compare=False)  # entry or passage id, for staff and eval

    @property
    def needs_staff(self) -> bool:
        """Urgent and unanswered messages go to the clinic's staff inbox."""
        return self.kind in ("urgent", "unknown")

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "text": self.text,
            "sources": [s.to_json() for s in self.sources],
            "score": round(self.score, 3),
            "origin": self.origin,
            "red_flag": self.red_flag,
            "matched": self.matched,
        }


def _contact(clinic: Clinic) -> str:
    return answers.clinic_contact(clinic.name, clinic.phone)


def quoted(sources: tuple[Source, ...], clinic: Clinic) -> str:
    return answers.from_guide([s.quote for s in sources], _contact(clinic))


def clinic_words(text: str, clinic: Clinic) -> str:
    return answers.clinic_advice(clinic.name, text)


def urgent(flag: RedFlag, clinic: Clinic) -> Answer:
    text = answers.urgent(_contact(clinic), emergency=flag.emergency)
    return Answer("urgent", text, score=1.0, red_flag=flag.category)


def clinic_contacts(clinics: Sequence[Clinic]) -> str:
    """The clinics to call, each with its phone: "A on 1 or B on 2"."""
    return answers.any_of([_contact(clinic) for clinic in clinics])


def urgent_reply(flag: RedFlag, clinics: Sequence[Clinic]) -> str:
    """The urgent reply for a patient of one clinic or several: each named with its phone."""
    return answers.urgent(clinic_contacts(clinics), emergency=flag.emergency)


def unknown(clinic: Clinic, score: float = 0.0) -> Answer:
    return Answer("unknown", answers.not_covered(_contact(clinic)), score=score)


def smalltalk(text: str) -> Answer:
    return Answer("smalltalk", text, score=1.0)
