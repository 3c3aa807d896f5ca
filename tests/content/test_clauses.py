"""A quote is at least a full clause of its document, wherever quotes are checked: the
timeline's sources, faq.yaml's answers and a clinic's `> ` lines in /edit."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from bot.cli import load_commands
from content.clauses import MIN_WORDS, clause_problem
from content.faq import validate_faq
from content.message import validate_override
from content.timeline import CONTENT_DIR, load_timeline

DOC = "002_4b1ae83a6685b41f"
SENTENCE = (
    "Most individuals experience redness and mild swelling post-treatment for a day or two, "
    "with any potential discomfort easily managed with over-the-counter pain relievers."
)


@pytest.mark.parametrize(
    ("quote", "problem"),
    [
        pytest.param(SENTENCE, None, id="whole_sentence"),
        pytest.param(
            "Most individuals experience redness and mild swelling post-treatment for a day or two",
            None,
            id="up_to_a_comma",
        ),
        pytest.param("redness", "too short to quote (1 word)", id="one_word"),
        pytest.param("minimal downtime", "too short to quote (2 words)", id="two_words"),
        pytest.param("for a day or two,", "too short to quote (5 words)", id="five_words"),
        pytest.param(
            "Most individuals experience redness and mild swelling",
            "stops in the middle of a clause",
            id="cut_mid_clause",
        ),
    ],
)
def test_a_quote_must_be_a_clause(quote, problem):
    found = clause_problem(quote, DOC)
    assert (found is None) if problem is None else (problem in found)


def test_the_minimum_is_what_the_message_names():
    assert f"{MIN_WORDS} words or more" in clause_problem("safe", DOC)


def test_a_clinic_edit_with_a_short_quote_is_refused():
    step = load_timeline().step("day1_redness")
    [problem] = validate_override(step, "Hi {first_name}.\n> “minimal downtime”")
    assert "quoted line “minimal downtime” is too short to quote (2 words)" in problem.message
    assert validate_override(step, f"Hi {{first_name}}.\n> {SENTENCE}") == []


def test_the_checker_refuses_a_short_quote_in_the_timeline(tmp_path):
    data = yaml.safe_load((CONTENT_DIR / "timeline.yaml").read_text(encoding="utf-8"))
    step = next(s for s in data["steps"] if s["id"] == "day1_redness")
    step["text"] = "Hi {first_name}.\n> redness and mild swelling"
    step["sources"] = [{"doc": DOC, "quote": "redness and mild swelling"}]
    (tmp_path / "timeline.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    (tmp_path / "faq.yaml").write_text((CONTENT_DIR / "faq.yaml").read_text(encoding="utf-8"))
    result = CliRunner().invoke(load_commands(), ["content", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "day1_redness" in result.output and "too short to quote (4 words)" in result.output


def test_the_faq_check_refuses_a_short_quote(tmp_path):
    path = tmp_path / "faq.yaml"
    path.write_text(
        "version: 1\nentries:\n  - id: downtime\n"
        "    phrasings: [is there downtime, how long is recovery, will i need time off]\n"
        f"    answer:\n      - doc: {DOC}\n        quote: minimal downtime\n",
        encoding="utf-8",
    )
    [problem] = validate_faq(path)
    assert "too short to quote (2 words)" in problem.message
