"""Grade the FAQ on a question file: the one grading used by `aftercare faq eval` and the tests.

A question file has one JSON object a line: ``q`` (the question), ``expect`` (answer, unknown,
urgent; smalltalk is accepted too), ``any`` (for answers: phrases of which one must appear in
the answer text, case-insensitive) and an optional ``topic``. An answer is correct when its kind
matches and, for ``answer``, a phrase appears and at least one source is cited (a clinic's own
entry, graded with ``--clinic``, is the clinic's words and cites none).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.faq.answer import Answer
from content.seeds import SEEDS_DIR, quote_in_document

KINDS = ("answer", "unknown", "urgent", "smalltalk")


class QuestionFileError(ValueError):
    """A question file that cannot be graded; the message names the line."""


@dataclass(frozen=True)
class Question:
    q: str
    expect: str
    any: tuple[str, ...] = ()
    topic: str = ""


@dataclass(frozen=True)
class Graded:
    question: Question
    answer: Answer
    correct: bool
    why: str = ""  # for a miss: what was wrong


@dataclass(frozen=True)
class Target:
    name: str
    value: float
    goal: float
    at_most: bool = False  # the value must stay at or below the goal

    @property
    def met(self) -> bool:
        return self.value <= self.goal if self.at_most else self.value >= self.goal


@dataclass
class Report:
    graded: list[Graded] = field(default_factory=list)

    def _rate(self, keep: Callable[[Graded], bool], hit: Callable[[Graded], bool]) -> float:
        group = [g for g in self.graded if keep(g)]
        return sum(1 for g in group if hit(g)) / len(group) if group else 1.0

    def count(self, expect: str) -> int:
        return sum(1 for g in self.graded if g.question.expect == expect)

    def targets(self) -> list[Target]:
        def by(expect: str) -> Callable[[Graded], bool]:
            return lambda g: g.question.expect == expect

        targets = [
            Target("answerable", self._rate(by("answer"), lambda g: g.correct), 0.90),
            Target("unknown", self._rate(by("unknown"), lambda g: g.correct), 0.95),
            Target("urgent", self._rate(by("urgent"), lambda g: g.correct), 1.0),
            Target(
                "false urgent",
                self._rate(lambda g: g.question.expect != "urgent", lambda g: is_urgent(g)),
                0.03,
                at_most=True,
            ),
            Target(
                "sources verbatim",
                self._rate(lambda g: bool(g.answer.sources), lambda g: sources_verbatim(g.answer)),
                1.0,
            ),
        ]
        if self.count("smalltalk"):
            targets.append(
                Target("smalltalk", self._rate(by("smalltalk"), lambda g: g.correct), 1.0)
            )
        return targets

    @property
    def passed(self) -> bool:
        return all(t.met for t in self.targets())

    @property
    def misses(self) -> list[Graded]:
        return [g for g in self.graded if not g.correct]

    def to_json(self) -> dict[str, object]:
        return {
            "questions": len(self.graded),
            "counts": {k: self.count(k) for k in KINDS if self.count(k)},
            "targets": [
                {
                    "name": t.name,
                    "value": round(t.value, 4),
                    "goal": t.goal,
                    "at_most": t.at_most,
                    "met": t.met,
                }
                for t in self.targets()
            ],
            "passed": self.passed,
            "misses": [
                {"q": g.question.q, "expect": g.question.expect, "got": g.answer.kind, "why": g.why}
                for g in self.misses
            ],
        }


def is_urgent(graded: Graded) -> bool:
    return graded.answer.kind == "urgent"


def sources_verbatim(answer: Answer, seeds_dir: Path = SEEDS_DIR) -> bool:
    return all(quote_in_document(s.quote, s.doc, seeds_dir) for s in answer.sources)


def load_questions(path: Path) -> list[Question]:
    """Parse a question file; raises QuestionFileError naming the first bad line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionFileError(f"{path}: cannot read: {exc}") from exc
    questions = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise QuestionFileError(f"{path}:{number}: not JSON: {exc.msg}") from exc
        if not isinstance(row, dict) or not isinstance(row.get("q"), str):
            raise QuestionFileError(f"{path}:{number}: expected an object with a text `q`")
        if row.get("expect") not in KINDS:
            raise QuestionFileError(f"{path}:{number}: `expect` must be one of {', '.join(KINDS)}")
        phrases = row.get("any", [])
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise QuestionFileError(f"{path}:{number}: `any` must be a list of phrases")
        if row["expect"] == "answer" and not phrases:
            raise QuestionFileError(f"{path}:{number}: an `answer` question needs `any` phrases")
        questions.append(
            Question(row["q"], row["expect"], tuple(phrases), str(row.get("topic", "")))
        )
    if not questions:
        raise QuestionFileError(f"{path}: no questions")
    return questions


def grade(question: Question, answer: Answer) -> Graded:
    """A message is graded by its most serious part (the answer's kind): urgent if any part
    is; otherwise answered when a part answered from the guide (or the clinic) holds one of
    the phrases."""
    if answer.kind != question.expect:
        return Graded(question, answer, False, f"expected {question.expect}, got {answer.kind}")
    if question.expect != "answer":
        return Graded(question, answer, True)
    answered = [p for p in answer.parts or (answer,) if p.kind == "answer"]
    hits = [p for p in answered if any(x.lower() in p.text.lower() for x in question.any)]
    if not hits:
        return Graded(question, answer, False, f"none of {list(question.any)} in the answer")
    if not any(p.sources or p.origin == "clinic" for p in hits):
        return Graded(question, answer, False, "no source cited")
    return Graded(question, answer, True)


def evaluate(questions: list[Question], ask: Callable[[str], Answer]) -> Report:
    return Report([grade(q, ask(q.q)) for q in questions])
