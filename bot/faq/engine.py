"""The FAQ engine: one entry point for the bot, the CLI and eval: `Faq.for_clinic(store,
clinic).answer(question)`, the engine as that clinic's patients see it.

Order: red flags on the raw text first (nothing may delay an escalation), then small talk, then
the clinic's own entries, the guide's curated entries and finally single sentences quoted from
the guide. A match must cover the question's meaningful words (`bot.faq.ranking` scores it),
and topics the guide never gives guidance on are refused outright, so a loosely related passage
is never offered.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from bot.faq import answer as replies
from bot.faq import redflags, smalltalk
from bot.faq.analyzer import Analyzer
from bot.faq.answer import Answer
from bot.faq.clinic_entry import ClinicEntry
from bot.faq.ranking import Ranker
from bot.store import Store
from bot.store.clinics import Clinic
from bot.wording.patients import answers
from content.faq import FaqEntry, load_faq
from content.lexicon import ScopeTopic, load_scope, load_synonyms, out_of_scope
from content.seeds import SEEDS_DIR, Passage, load_passages

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
        self.ranker = Ranker(entries, passages, self.analyzer, synonyms)

    @classmethod
    def from_content(cls, faq_path: Path | None = None, seeds_dir: Path = SEEDS_DIR) -> Faq:
        return cls(load_faq(faq_path, seeds_dir), load_passages(seeds_dir))

    def for_clinic(self, store: Store, clinic: Clinic) -> ClinicView:
        """This engine as `clinic`'s patients get it, with the clinic's own entries read from
        `store` now: the one way the bot, `aftercare ask` and `aftercare faq eval` build it, so
        all three answer alike. The view keeps what it read; build one per message."""
        rows = store.faq_entries.for_clinic(clinic.id)
        return ClinicView(self, clinic, tuple(ClinicEntry(**row) for row in rows))

    def answer(
        self, question: str, clinic: Clinic, *, clinic_entries: tuple[ClinicEntry, ...] = ()
    ) -> Answer:
        """Answer one patient message. Never raises on odd input; never composes advice."""
        text = question if isinstance(question, str) else ""
        if not text.strip():
            return replies.smalltalk(smalltalk.reply("", clinic) or "")
        flag = redflags.check(text)
        if flag is not None:
            return replies.urgent(flag, clinic)
        chat = smalltalk.reply(text, clinic)
        if chat is not None:
            return replies.smalltalk(chat)
        query = self.ranker.query(smalltalk.strip_greeting(text))
        if query is None:
            return self._idle_talk(text, clinic) or replies.unknown(clinic)
        own = self.ranker.best_clinic_entry(query, clinic, clinic_entries)
        uncovered = out_of_scope(text, self.scope)
        guide = None if uncovered else self.ranker.best_guide_match(query)
        best_guide = guide.score if guide else 0.0
        if own is not None and own[0] >= self.threshold and own[0] >= best_guide:
            score, entry = own
            return Answer(
                "answer",
                replies.clinic_words(entry.answer, clinic),
                score=min(1.0, score),
                origin="clinic",
                matched=f"clinic:{entry.id}",
            )
        if guide is not None and guide.score >= self.threshold:
            return Answer(
                "answer",
                replies.quoted(guide.sources, clinic),
                sources=guide.sources,
                score=min(1.0, guide.score),
                origin="guide",
                matched=guide.unit.ref,
            )
        if not uncovered:
            idle = self._idle_talk(text, clinic)
            if idle is not None:
                return idle
        return replies.unknown(clinic, score=min(1.0, max(best_guide, own[0] if own else 0.0)))

    def _idle_talk(self, text: str, clinic: Clinic) -> Answer | None:
        """Nonsense (no word the bot knows) or chat about other things (the weather, the bot)
        with no aftercare topic in it: a short reply, not a question for the clinic team."""
        if not self.ranker.knows_a_word(text):
            return replies.smalltalk(answers.not_understood(clinic.name, clinic.phone))
        rest = smalltalk.without_chitchat(text)
        if rest is not None and not self.ranker.names_a_topic(rest):
            return replies.smalltalk(answers.chitchat(clinic.name, clinic.phone))
        return None


@dataclass(frozen=True)
class ClinicView:
    """The engine, one clinic (named with its phone in every reply) and that clinic's own
    entries. Without a store (the CLI with no --clinic) a view has no entries."""

    engine: Faq
    clinic: Clinic
    entries: tuple[ClinicEntry, ...] = ()

    def answer(self, question: str) -> Answer:
        """Answer one patient message for this clinic (see `Faq.answer`)."""
        return self.engine.answer(question, self.clinic, clinic_entries=self.entries)


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
