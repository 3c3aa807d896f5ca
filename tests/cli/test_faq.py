"""`aftercare ask` and `aftercare faq eval` through click, and the start-up import rule."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from tests.conftest import NOW, add_clinic

cli = load_commands()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_ask_prints_the_answer_with_sources(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["ask", "How long will I be red for?"])
    assert result.exit_code == 0, result.output
    assert "day or two" in result.output
    assert "Sources:" in result.output and "002_4b1ae83a6685b41f" in result.output


@pytest.fixture
def clinic_id(store, cli_db) -> int:
    """A clinic in a real database named by AFTERCARE_DB."""
    return add_clinic(store, "Harbour Skin", phone="+44 131 496 0000").id


def test_ask_json_is_one_object_naming_the_clinic(runner: CliRunner, clinic_id: int) -> None:
    result = runner.invoke(
        cli, ["ask", "can I wear makeup tomorrow?", "--json", "--clinic", str(clinic_id)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["question"] == "can I wear makeup tomorrow?"
    assert (data["kind"], data["sources"]) == ("unknown", [])
    assert {"text", "score"} <= set(data)
    assert "Harbour Skin on +44 131 496 0000" in data["text"]


CLINIC_ENTRY = ("Can I go to the sauna?", "Not for a week, and ask us before you go back.")


@pytest.fixture
def clinic_with_entry(store, clinic_id: int) -> int:
    """The clinic of `clinic_id` with one entry of its own (the guide does not cover saunas)."""
    store.faq_entries.add(clinic_id, *CLINIC_ENTRY, 2001, NOW)
    return clinic_id


def test_ask_for_a_clinic_answers_from_its_own_entry(
    runner: CliRunner, clinic_with_entry: int
) -> None:
    question = "can I go to the sauna tomorrow?"
    result = runner.invoke(cli, ["ask", question, "--json", "--clinic", str(clinic_with_entry)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["kind"], data["origin"], data["sources"]) == ("answer", "clinic", [])
    assert CLINIC_ENTRY[1] in data["text"] and "Harbour Skin" in data["text"]
    # Without the clinic, the guide does not cover it.
    assert json.loads(runner.invoke(cli, ["ask", question, "--json"]).output)["kind"] == "unknown"


def test_eval_for_a_clinic_grades_its_own_entries(
    runner: CliRunner, tmp_path: Path, clinic_with_entry: int
) -> None:
    path = _questions(
        tmp_path,
        [
            {"q": "can I go to the sauna tomorrow?", "expect": "answer", "any": ["not for a week"]},
            {"q": "How long will I be red?", "expect": "answer", "any": ["day or two"]},
        ],
    )
    result = runner.invoke(cli, ["faq", "eval", str(path), "--clinic", str(clinic_with_entry)])
    assert result.exit_code == 0, result.output
    assert "all targets met" in result.output
    without = runner.invoke(cli, ["faq", "eval", str(path)])
    assert without.exit_code == 1
    assert "sauna" in without.output and "expected answer, got unknown" in without.output


def test_ask_for_an_unknown_clinic_is_a_usage_error(runner: CliRunner, clinic_id: int) -> None:
    result = runner.invoke(cli, ["ask", "hello", "--clinic", "99"])
    assert result.exit_code == 2
    assert "no clinic with id 99" in result.output


def test_ask_jsonl_answers_every_line_in_order(runner: CliRunner) -> None:
    questions = ["hi", "my face is oozing pus", "what serum after?", "", "can I go to the gym"]
    result = runner.invoke(cli, ["ask", "--jsonl"], input="\n".join(questions) + "\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["question"] for r in rows] == questions
    assert [r["kind"] for r in rows] == ["smalltalk", "urgent", "answer", "smalltalk", "unknown"]
    assert all({"question", "kind", "text", "sources", "score"} <= set(r) for r in rows)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["ask"], id="neither"),
        pytest.param(["ask", "hello", "--jsonl"], id="both"),
    ],
)
def test_ask_needs_exactly_one_source_of_questions(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def _questions(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "q.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_eval_passes_and_exits_zero(runner: CliRunner, tmp_path: Path) -> None:
    path = _questions(
        tmp_path,
        [
            {"q": "How long will I be red?", "expect": "answer", "any": ["day or two"]},
            {"q": "Can I go to the sauna?", "expect": "unknown"},
            {"q": "my face is oozing pus", "expect": "urgent"},
        ],
    )
    result = runner.invoke(cli, ["faq", "eval", str(path)])
    assert result.exit_code == 0, result.output
    assert "answerable" in result.output and "all targets met" in result.output


def test_eval_lists_misses_and_exits_one(runner: CliRunner, tmp_path: Path) -> None:
    path = _questions(
        tmp_path,
        [
            {"q": "How long will I be red?", "expect": "answer", "any": ["no such phrase"]},
            {"q": "Can I go to the sauna?", "expect": "unknown"},
        ],
    )
    result = runner.invoke(cli, ["faq", "eval", str(path)])
    assert result.exit_code == 1
    assert "MISSED" in result.output and "How long will I be red?" in result.output


def test_eval_json_report(runner: CliRunner, tmp_path: Path) -> None:
    path = _questions(tmp_path, [{"q": "Can I go to the sauna?", "expect": "unknown"}])
    result = runner.invoke(cli, ["faq", "eval", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["passed"] is True
    assert {t["name"] for t in report["targets"]} >= {"answerable", "unknown", "urgent"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("not json\n", "not JSON", id="not_json"),
        pytest.param('{"q": "x", "expect": "maybe"}\n', "`expect` must be one of", id="bad_expect"),
        pytest.param('{"q": "x", "expect": "answer"}\n', "needs `any` phrases", id="answer_no_any"),
        pytest.param("", "no questions", id="empty"),
    ],
)
def test_eval_rejects_a_bad_file_with_a_clear_message(
    runner: CliRunner, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["faq", "eval", str(path)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["ask"], ["faq"], ["faq", "eval"]], ids=" ".join)
def test_help_ends_with_an_example(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_cli_start_up_imports_no_bot_framework_or_database() -> None:
    code = (
        "import sys; import bot.cli; bot.cli.load_commands(); "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in {'telegram', 'apscheduler', 'aiohttp', 'sqlite_utils'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_ask_json_shows_the_parts_of_a_message(runner: CliRunner) -> None:
    question = "how long will the redness last, and can I go to the gym tomorrow?"
    result = runner.invoke(cli, ["ask", question, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "answer" and data["matched"] == "redness-swelling-duration"
    covered, uncovered = data["parts"]
    assert (covered["kind"], covered["asked"]) == ("answer", "how long will the redness last")
    assert covered["sources"] and "day or two" in covered["text"]
    assert (uncovered["kind"], uncovered["asked"]) == ("unknown", "can I go to the gym tomorrow")
    assert uncovered["sources"] == []
    shown = runner.invoke(cli, ["ask", question]).output
    assert shown.startswith("[answer, score 1.00, parts: answer + unknown, from the guide]")


def test_ask_json_puts_an_urgent_part_first_and_names_a_sign_asked_about(
    runner: CliRunner,
) -> None:
    urgent = "how long does redness last? also there's green stuff oozing from my cheek"
    data = json.loads(runner.invoke(cli, ["ask", urgent, "--json"]).output)
    assert (data["kind"], data["red_flag"]) == ("urgent", "infection")
    assert [p["kind"] for p in data["parts"]] == ["urgent", "answer"]
    asked = json.loads(
        runner.invoke(cli, ["ask", "is infection common after this?", "--json"]).output
    )
    assert (asked["kind"], asked["red_flag"], asked["asked_about"]) == ("answer", None, "infection")
