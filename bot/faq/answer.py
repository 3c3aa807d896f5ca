"""What the FAQ returns for one patient message, and the fixed replies around it.

Every reply here is either quotes from the guide with their sources, the clinic's own words
marked as such, or a referral to the clinic; none of it is medical advice written by the bot.
The words around them are `bot.wording.patients.answers`.

A message that asks several things is answered in parts: `Answer.parts` holds one answer per
part (each with the words it answers in `asked`), and the message's own answer combines them,
the most serious first (`combine`). Every answer has a plain `text` and an `html` version for
Telegram, where the clause that answers is bold.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

from bot.faq.quoting import Marked
from bot.faq.redflags import RedFlag
from bot.store.clinics import Clinic
from bot.wording.patients import answers
from content import opening_hours
from content.faq import Source

Kind = Literal["answer", "unknown", "urgent", "smalltalk"]
Origin = Literal["guide", "clinic"]

__all__ = ["Answer", "Kind", "Origin", "Source", "combine"]

# Most serious first: a message is graded, escalated and shown by its most serious part.
SERIOUSNESS: tuple[Kind, ...] = ("urgent", "answer", "unknown", "smalltalk")


@dataclass(frozen=True)
class Answer:
    kind: Kind
    text: str
    sources: tuple[Source, ...] = ()
    score: float = 0.0  # confidence of the match, 0..1; 1.0 for urgent and small talk
    origin: Origin | None = None  # who wrote the answer: the guide's quotes or the clinic
    red_flag: str | None = None  # red-flag category when kind == "urgent"
    matched: str = field(default="", compare=False)  # entry or passage id, for staff and eval
    html: str = field(default="", compare=False)  # Telegram HTML; "" means the escaped text
    asked: str = ""  # the words of the message this part answers ("" for a whole message)
    parts: tuple[Answer, ...] = ()  # one answer per part, in the message's order
    marks: tuple[Marked, ...] = field(default=(), compare=False)  # the quotes as shown
    # A question about a red-flag sign (never a report of one): the sign's category, and the
    # line saying when to call the clinic that closes the answer.
    asked_about: str | None = None
    call_when: str = field(default="", compare=False)

    @property
    def needs_staff(self) -> bool:
        """Urgent and unanswered messages go to the clinic's staff inbox; so does a message
        with any part the guide could not answer."""
        return self.kind in ("urgent", "unknown") or any(p.needs_staff for p in self.parts)

    @property
    def reply_html(self) -> str:
        return self.html or html_lib.escape(self.text, quote=False)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "kind": self.kind,
            "text": self.text,
            "sources": [s.to_json() for s in self.sources],
            "score": round(self.score, 3),
            "origin": self.origin,
            "red_flag": self.red_flag,
            "matched": self.matched,
        }
        if self.asked_about:
            data["asked_about"] = self.asked_about
        if self.asked:
            data["asked"] = self.asked
        if self.parts:
            data["parts"] = [p.to_json() for p in self.parts]
        return data


def _contact(clinic: Clinic) -> str:
    return answers.clinic_contact(clinic.name, clinic.phone)


def _escape(text: str) -> str:
    return html_lib.escape(text, quote=False)


def quoted(
    marked: tuple[Marked, ...], sources: tuple[Source, ...], clinic: Clinic, **fields
) -> Answer:
    """The guide's quotes, plain and with the answering clause bold."""
    contact = _contact(clinic)
    text = answers.from_guide([m.plain() for m in marked], contact)
    markup = answers.from_guide([m.html() for m in marked], _escape(contact))
    return Answer(
        "answer", text, sources=sources, origin="guide", html=markup, marks=marked, **fields
    )


def clinic_words(text: str, clinic: Clinic) -> str:
    return answers.clinic_advice(clinic.name, text)


def urgent(flag: RedFlag, clinic: Clinic, *, closed: bool = False) -> Answer:
    """The reply to a red flag: call the clinic now; when it is `closed` (out of its opening
    hours), its out-of-hours number or else the local urgent-care line. Airway or allergic
    signs get the emergency line, naming the clinic's local emergency number when it gave one."""
    if closed:
        text = answers.urgent_closed(
            clinic.name,
            out_of_hours=clinic.out_of_hours_phone,
            emergency_number=clinic.emergency_number,
            emergency=flag.emergency,
        )
    else:
        text = answers.urgent(_contact(clinic), emergency=flag.emergency)
        if flag.emergency and clinic.emergency_number:
            text = text.replace(answers.EMERGENCY, answers.emergency_line(clinic.emergency_number))
    return Answer("urgent", text, score=1.0, red_flag=flag.category)


def clinic_contacts(clinics: Sequence[Clinic]) -> str:
    """The clinics to call, each with its phone: "A on 1 or B on 2"."""
    return answers.any_of([_contact(clinic) for clinic in clinics])


def urgent_reply(category: str | None, clinics: Sequence[Clinic], now: datetime) -> str:
    """The urgent reply to a red flag of `category` for a patient of one clinic or several.

    One clinic: exactly `urgent`'s reply (its out-of-hours wording when it is closed at `now`).
    Several: every clinic named with the number to call now, its phone while open, its
    out-of-hours number while closed (a closed clinic without one is left out); when none can
    be called, the first clinic's closed reply.
    """
    flag = RedFlag(category or "general", "")
    closed = [opening_hours.is_closed(c.opening_hours, c.zone, now) for c in clinics]
    if len(clinics) == 1:
        return urgent(flag, clinics[0], closed=closed[0]).text
    contacts = [
        answers.out_of_hours_contact(clinic.name, clinic.out_of_hours_phone)
        if shut
        else _contact(clinic)
        for clinic, shut in zip(clinics, closed, strict=True)
        if not shut or clinic.out_of_hours_phone
    ]
    if not contacts:
        return urgent(flag, clinics[0], closed=True).text
    text = answers.urgent(answers.any_of(contacts), emergency=flag.emergency)
    number = next((c.emergency_number for c in clinics if c.emergency_number), "")
    if flag.emergency and number:
        text = text.replace(answers.EMERGENCY, answers.emergency_line(number))
    return text


def asked_about(flag: RedFlag, part: Answer, clinic: Clinic) -> Answer:
    """A question about a red-flag sign ("what are the warning signs?", "if I got a
    temperature, what would I do?"): `part`'s answer (the guide's quotes, the clinic's words or
    "not covered") closed by when to call the clinic, instead of its usual last line. Never
    "needs to be checked now": the patient asked, they did not report."""
    line = answers.when_to_call(_contact(clinic), emergency=flag.emergency)
    if part.marks:
        text = f"{answers.guide_section([m.plain() for m in part.marks])}\n\n{line}"
        markup = f"{answers.guide_section([m.html() for m in part.marks])}\n\n{_escape(line)}"
    elif part.kind == "unknown":
        text = f"{answers.NOT_COVERED}\n{line}"
        markup = _escape(text)
    else:
        text = f"{part.text}\n\n{line}"
        markup = f"{part.reply_html}\n\n{_escape(line)}"
    return replace(part, text=text, html=markup, asked_about=flag.category, call_when=line)


def unknown(clinic: Clinic, score: float = 0.0) -> Answer:
    return Answer("unknown", answers.not_covered(_contact(clinic)), score=score)


def smalltalk(text: str) -> Answer:
    return Answer("smalltalk", text, score=1.0)


def _section(part: Answer, markup: bool) -> str:
    """One part of a reply in parts: its quotes or clinic words, or "not covered"."""
    esc = _escape if markup else (lambda s: s)
    asked = esc(part.asked)
    if part.kind == "unknown":
        section = answers.not_covered_section(asked)
    elif part.marks:
        quotes = [m.html() if markup else m.plain() for m in part.marks]
        section = answers.guide_section(quotes, asked)
    else:
        return f"You asked “{asked}”.\n{part.reply_html if markup else part.text}"
    return f"{section}\n{esc(part.call_when)}" if part.call_when else section


def combine(parts: list[Answer], clinic: Clinic) -> Answer:
    """One answer for a message from the answers to its parts: urgent first, then the
    others in the message's order. Its kind is the most serious part's."""
    parts = [p for p in parts if p.kind != "smalltalk"] or parts[:1]
    if len(parts) == 1:
        return parts[0]
    kind = min((p.kind for p in parts), key=SERIOUSNESS.index)
    ordered = [p for p in parts if p.kind == "urgent"][:1] + [
        p for p in parts if p.kind != "urgent"
    ]
    rest = [p for p in ordered if p.kind != "urgent"]
    text, markup = _joined(ordered, rest, clinic)
    return Answer(
        kind,
        text,
        sources=tuple(s for p in parts for s in p.sources),
        score=max(p.score for p in parts if p.kind == kind),
        origin=next((p.origin for p in parts if p.kind == kind), None),
        red_flag=next((p.red_flag for p in parts if p.red_flag), None),
        asked_about=next((p.asked_about for p in parts if p.asked_about), None),
        matched=",".join(p.matched for p in parts if p.matched),
        html=markup,
        parts=tuple(ordered),
    )


def _joined(ordered: list[Answer], rest: list[Answer], clinic: Clinic) -> tuple[str, str]:
    plain, markup = [], []
    if ordered[0].kind == "urgent":
        plain.append(ordered[0].text)
        markup.append(ordered[0].reply_html)
    if rest:
        follow = follow_up(rest, clinic)
        plain.append(follow.text)
        markup.append(follow.reply_html)
    return "\n\n".join(plain), "\n\n".join(markup)


def follow_up(rest: list[Answer], clinic: Clinic) -> Answer:
    """The parts that are not urgent, as one reply (sent after the urgent one)."""
    if len(rest) == 1:
        return rest[0]
    contact = _contact(clinic)
    answered = any(p.kind == "answer" for p in rest)
    uncovered = any(p.kind == "unknown" for p in rest)
    footer = answers.parts_footer(contact, answered=answered, uncovered=uncovered)
    footer_html = answers.parts_footer(_escape(contact), answered=answered, uncovered=uncovered)
    text = "\n\n".join([*(_section(p, False) for p in rest), footer])
    markup = "\n\n".join([*(_section(p, True) for p in rest), footer_html])
    kind = min((p.kind for p in rest), key=SERIOUSNESS.index)
    return Answer(kind, text, html=markup, parts=tuple(rest))
