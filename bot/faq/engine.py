"""The FAQ engine: one entry point for the bot, the CLI and eval: `Faq.for_clinic(store,
clinic).answer(question)`, the engine as that clinic's patients see it.

Order: red flags on the raw text first (nothing may delay an escalation), then small talk, then
the clinic's own entries, the guide's curated entries and finally single sentences quoted from
the guide. A match must cover the question's meaningful words (`bot.faq.ranking` scores it),
and topics the guide never gives guidance on are refused outright, so a loosely related passage
is never offered.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from bot.faq import answer as replies
from bot.faq import quoting, redflags, smalltalk
from bot.faq.analyzer import Analyzer
from bot.faq.answer import Answer
from bot.faq.clinic_entry import ClinicEntry
from bot.faq.parts import Part, quoted_back
from bot.faq.parts import split as parts_of
from bot.faq.ranking import Ranker
from bot.store import Store
from bot.store.clinics import Clinic
from bot.wording.patients import answers
from content import opening_hours
from content.faq import FaqEntry, load_faq
from content.lexicon import ScopeTopic, load_scope, load_synonyms, out_of_scope
from content.marketing import load_marketing
from content.seeds import SEEDS_DIR, Passage, load_passages

# What "it" means in a question that names nothing else: the patient's treatment.
TREATMENT = "the treatment"
_IT = re.compile(r"\bit\b", re.IGNORECASE)

# Calibrated on the held-out questions (tests/data/faq_heldout.jsonl), checked on the dev set.
THRESHOLD = 0.6


class Faq:
    """Built once from the curated entries and the seed passages; answers are read-only."""

    def __init__(
        self,
        entries: list[FaqEntry],
        passages: tuple[Passage, ...] | list[Passage],
        *,
        analyzer: Analyzer | None = None,
        scope: tuple[ScopeTopic, ...] | None = None,
        threshold: float = THRESHOLD,
    ):
        synonyms = load_synonyms()
        self.analyzer = analyzer or Analyzer(synonyms)
        self.scope = load_scope() if scope is None else scope
        self.threshold = threshold
        self.ranker = Ranker(entries, passages, self.analyzer, synonyms, load_marketing())

    @classmethod
    def from_content(cls, faq_path: Path | None = None, seeds_dir: Path = SEEDS_DIR) -> Faq:
        return cls(load_faq(faq_path, seeds_dir), load_passages(seeds_dir))

    def for_clinic(self, store: Store, clinic: Clinic, now: datetime | None = None) -> ClinicView:
        """This engine as `clinic`'s patients get it, with the clinic's own entries read from
        `store` now: the one way the bot, `aftercare ask` and `aftercare faq eval` build it, so
        all three answer alike. With `now`, an urgent reply outside the clinic's opening hours
        says it is closed. The view keeps what it read; build one per message."""
        rows = store.faq_entries.for_clinic(clinic.id)
        off = store.passage_switches.off_for_clinic(clinic.id)
        closed = now is not None and opening_hours.is_closed(clinic.opening_hours, clinic.zone, now)
        return ClinicView(self, clinic, tuple(ClinicEntry(**row) for row in rows), off, closed)

    def answer(
        self,
        question: str,
        clinic: Clinic,
        *,
        clinic_entries: tuple[ClinicEntry, ...] = (),
        off: frozenset[str] = frozenset(),
        closed: bool = False,
    ) -> Answer:
        """Answer one patient message, part by part (`bot.faq.parts`); `off` holds the ids
        of passages the clinic switched off, `closed` says the clinic is out of its opening
        hours (for the urgent reply). Never raises on odd input; never composes advice."""
        text = question if isinstance(question, str) else ""
        if not text.strip():
            return replies.smalltalk(smalltalk.reply("", clinic) or "")
        whole = redflags.check(text)
        chat = smalltalk.reply(text, clinic)
        if chat is not None and not _urgent(whole):
            return replies.smalltalk(chat)
        parts = self._parts(smalltalk.strip_greeting(text))
        context = " ".join(p.text for p in parts if not p.question)
        answered: list[Answer] = []
        previous = ""  # the question before: what "it" in "how long will it last" may be
        for part in parts:
            flag = redflags.check(part.text)
            if _urgent(flag):
                urgent = replies.urgent(flag, clinic, closed=closed)
                answered.append(replace(urgent, asked=quoted_back(part.text)))
            elif part.question:
                story = (context, previous)
                reply = self._answer_part(part, story, clinic, clinic_entries, off)
                if flag is not None:  # asked about a red-flag sign: say when to call
                    reply = replies.asked_about(flag, reply, clinic)
                answered.append(reply)
                previous = part.text
        if _urgent(whole) and not any(a.kind == "urgent" for a in answered):
            # The red flag lies across parts ("went down on day 2 but now it's back"): the
            # clinic hears the whole message before anything in it is answered.
            return replies.urgent(whole, clinic, closed=closed)
        if answered:
            return replies.combine(_merged(answered), clinic)
        # No question in it: a statement to pass on, unless it is nonsense or idle chat.
        idle = None if out_of_scope(text, self.scope) else self._idle_talk(text, clinic)
        return idle or replies.unknown(clinic)

    def _parts(self, text: str) -> list[Part]:
        """The message's parts, a question that names no topic of its own ("is that
        normal?", "why is that?") joined to the part before it (or after, when first). Next
        to another question, "it" with no topic is the treatment ("how long does it take
        and does it hurt?")."""
        raw = parts_of(text)
        topical = [not p.question or self.ranker.query(p.text) is not None for p in raw]
        out: list[Part] = []
        pending = ""
        for i, part in enumerate(raw):
            if not topical[i]:
                beside = [j for j in (i - 1, i + 1) if 0 <= j < len(raw)]
                if (
                    _IT.search(part.text)
                    and self.analyzer.intents(part.text)
                    and any(raw[j].question and topical[j] for j in beside)
                ):
                    out.append(Part(part.text, True, about=TREATMENT))
                elif out:
                    out[-1] = Part(f"{out[-1].text} {part.text}", True, out[-1].about)
                else:
                    pending = f"{pending} {part.text}".strip()
                continue
            out.append(Part(f"{pending} {part.text}".strip(), part.question or bool(pending)))
            pending = ""
        if any(p.about for p in out):
            # One "it" through the message: "how long does it take and does it hurt?"
            out = [
                replace(p, about=TREATMENT) if p.question and _IT.search(p.text) else p for p in out
            ]
        return out or ([Part(pending, True)] if pending else [])

    def _answer_part(
        self,
        part: Part,
        story: tuple[str, str],
        clinic: Clinic,
        clinic_entries: tuple[ClinicEntry, ...],
        off: frozenset[str],
    ) -> Answer:
        """One question of the message. `story` is the message's statements and the question
        before this one: both may help a match, never count against one; the statements (not
        another question) may also rule a topic out."""
        text = part.text
        context, previous = story
        query = self.ranker.query(f"{text} {part.about}".strip(), f"{context} {previous}")
        asked = quoted_back(text)
        if query is None:
            return self._idle_talk(text, clinic) or replace(replies.unknown(clinic), asked=asked)
        own = self.ranker.best_clinic_entry(query, clinic, clinic_entries)
        vetoed = out_of_scope(f"{text} {context}", self.scope)
        guide = None if vetoed else self.ranker.best_guide_match(query, off)
        best_guide = guide.score if guide else 0.0
        if own is not None and own[0] >= self.threshold and own[0] >= best_guide:
            score, entry = own
            return Answer(
                "answer",
                replies.clinic_words(entry.answer, clinic),
                score=min(1.0, score),
                origin="clinic",
                matched=f"clinic:{entry.id}",
                asked=asked,
            )
        if guide is not None and guide.score >= self.threshold:
            relevance = self.ranker.relevance(query)
            chosen = quoting.select(tuple(quoting.trim(s) for s in guide.sources), relevance)
            marks = tuple(quoting.mark(s.quote, relevance) for s in chosen)
            return replies.quoted(
                marks,
                chosen,
                clinic,
                score=min(1.0, guide.score),
                matched=guide.unit.ref,
                asked=asked,
            )
        if not vetoed:
            idle = self._idle_talk(text, clinic)
            if idle is not None:
                return idle
        score = min(1.0, max(best_guide, own[0] if own else 0.0))
        return replace(replies.unknown(clinic, score=score), asked=asked)

    def _idle_talk(self, text: str, clinic: Clinic) -> Answer | None:
        """Nonsense (no word the bot knows) or chat about other things (the weather, the bot)
        with no aftercare topic in it: a short reply, not a question for the clinic team."""
        if not self.ranker.knows_a_word(text):
            return replies.smalltalk(answers.not_understood(clinic.name, clinic.phone))
        rest = smalltalk.without_chitchat(text)
        if rest is not None and not self.ranker.names_a_topic(rest):
            return replies.smalltalk(answers.chitchat(clinic.name, clinic.phone))
        return None


def _urgent(flag: redflags.RedFlag | None) -> bool:
    """A red flag the patient reports (not one they only ask about) must reach the clinic."""
    return flag is not None and getattr(flag, "urgent", True)


def _merged(answered: list[Answer]) -> list[Answer]:
    """Parts answered by the same entry or passage become one; the parts the guide does not
    cover become one "not covered", naming each."""
    out: list[Answer] = []
    seen: dict[str, int] = {}
    uncovered = [a for a in answered if a.kind == "unknown"]
    for item in answered:
        if item.kind == "unknown":
            if item is uncovered[0]:
                asked = "” and “".join(a.asked for a in uncovered if a.asked)
                # The longest when-to-call line is the one with the emergency number.
                call_when = max((a.call_when for a in uncovered), key=len)
                about = next((a.asked_about for a in uncovered if a.asked_about), None)
                score = max(a.score for a in uncovered)
                out.append(
                    replace(item, asked=asked, score=score, call_when=call_when, asked_about=about)
                )
            continue
        key = f"{item.kind}:{item.matched}"
        if item.matched and key in seen:
            first = out[seen[key]]
            out[seen[key]] = replace(first, asked=f"{first.asked} {item.asked}".strip())
            continue
        seen[key] = len(out)
        out.append(item)
    return out


@dataclass(frozen=True)
class ClinicView:
    """The engine, one clinic (named with its phone in every reply), that clinic's own
    entries and the passages it switched off. Without a store (the CLI with no --clinic) a
    view has neither."""

    engine: Faq
    clinic: Clinic
    entries: tuple[ClinicEntry, ...] = ()
    off: frozenset[str] = frozenset()  # passages the clinic switched off (never quoted)
    closed: bool = False  # out of the clinic's opening hours: urgent replies say so

    def answer(self, question: str) -> Answer:
        """Answer one patient message for this clinic (see `Faq.answer`)."""
        return self.engine.answer(
            question, self.clinic, clinic_entries=self.entries, off=self.off, closed=self.closed
        )


__all__ = ["Answer", "ClinicEntry", "ClinicView", "Faq", "answer", "default_engine"]

_default: Faq | None = None
_default_lock = threading.Lock()


def default_engine() -> Faq:
    """The engine over the shipped content, built on first use and then shared."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Faq.from_content()
        return _default


def answer(
    question: str, clinic: Clinic, *, clinic_entries: tuple[ClinicEntry, ...] = ()
) -> Answer:
    """Answer one patient message with the shipped content (see `Faq.answer`)."""
    return default_engine().answer(question, clinic, clinic_entries=clinic_entries)
