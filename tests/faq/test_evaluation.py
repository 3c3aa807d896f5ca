"""Grading one answer: kind, a phrase, and a source for the guide's answers."""

from __future__ import annotations

import pytest

from bot.faq.answer import Answer, Source
from bot.faq.evaluation import Question, grade

QUESTION = Question("can I go to the sauna?", "answer", ("a week",))
QUOTE = (Source("doc", "wait a week"),)


@pytest.mark.parametrize(
    ("answer", "correct", "why"),
    [
        pytest.param(Answer("answer", "wait a week", QUOTE, origin="guide"), True, "", id="guide"),
        pytest.param(
            Answer("answer", "wait a week", origin="guide"),
            False,
            "no source cited",
            id="guide_unsourced",
        ),
        pytest.param(Answer("answer", "wait a week", origin="clinic"), True, "", id="clinic_words"),
        pytest.param(
            Answer("answer", "any time", origin="clinic"),
            False,
            "none of ['a week'] in the answer",
            id="clinic_wrong_words",
        ),
        pytest.param(
            Answer("unknown", "contact us"), False, "expected answer, got unknown", id="unknown"
        ),
    ],
)
def test_grade(answer: Answer, correct: bool, why: str) -> None:
    graded = grade(QUESTION, answer)
    assert (graded.correct, graded.why) == (correct, why)


def test_a_message_in_parts_is_graded_by_its_most_serious_part() -> None:
    covered = Answer("answer", "wait a week", QUOTE, origin="guide", asked="sauna")
    uncovered = Answer("unknown", "contact us", asked="gym")
    both = Answer(
        "answer", "wait a week contact us", QUOTE, origin="guide", parts=(covered, uncovered)
    )
    assert grade(QUESTION, both).correct
    # The phrase must be in a part that was answered, not in a part that was not.
    wrong = Answer(
        "answer",
        "x",
        QUOTE,
        origin="guide",
        parts=(Answer("answer", "x", QUOTE, origin="guide"), Answer("unknown", "wait a week")),
    )
    assert grade(QUESTION, wrong).why == "none of ['a week'] in the answer"
    urgent = Answer("urgent", "call", parts=(Answer("urgent", "call"), covered))
    assert grade(Question("q", "urgent"), urgent).correct
    assert not grade(QUESTION, urgent).correct
