"""content/redflags.yaml: the clinical thresholds of the red-flag check, validated as content."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bot.cli import load_commands
from content.redflags import (
    REDFLAGS_FILE,
    REDFLAGS_PATH,
    Thresholds,
    current,
    describe,
    load_thresholds,
    validate_redflags,
)
from content.timeline import CONTENT_DIR

cli = load_commands()


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    for path in CONTENT_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def edit(directory: Path, change) -> Path:
    path = directory / REDFLAGS_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_shipped_thresholds_pass_and_load() -> None:
    assert validate_redflags() == []
    thresholds = load_thresholds(REDFLAGS_PATH)
    assert 2 <= thresholds.redness_from_day <= 60
    assert 1 <= thresholds.severe_pain_from <= 10


def test_content_check_shows_the_thresholds_to_the_clinic(content_dir: Path) -> None:
    edit(content_dir, lambda d: d["lasting"].update(redness_from_day=9))
    result = CliRunner().invoke(cli, ["content", "check", str(content_dir)])
    assert result.exit_code == 0, result.output
    assert "redflags.yaml checked" in result.output
    assert "redness, burning or stinging still there on day 9 or later" in result.output
    assert "pain of 7 out of 10 or more" in result.output


def test_describe_names_every_threshold() -> None:
    lines = describe(Thresholds(3, 4, 5, 6))
    assert ["day 3" in lines[0], "day 4" in lines[1], "day 5" in lines[2]] == [True] * 3
    assert "6 out of 10" in lines[3]


def setting(where: str, value: object, problem: str, name: str):
    """A case that sets `where` ("section.field") to `value` and expects `problem` there."""
    section, field = where.split(".")
    return pytest.param(lambda d: d[section].update({field: value}), where, problem, id=name)


@pytest.mark.parametrize(
    ("change", "where", "problem"),
    [
        setting(
            "lasting.redness_from_day", "seven", "'seven' is not a whole number", "word_not_number"
        ),
        setting(
            "lasting.swelling_from_day", True, "True is not a whole number", "yes_read_as_true"
        ),
        setting("lasting.soreness_from_day", 7.5, "7.5 is not a whole number", "fraction"),
        setting("lasting.redness_from_day", 0, "0 is not between 2 and 60", "day_too_early"),
        setting("pain.severe_from_score", 11, "11 is not between 1 and 10", "score_above_ten"),
        pytest.param(
            lambda d: d["pain"].pop("severe_from_score"),
            "pain.severe_from_score",
            "missing",
            id="missing_field",
        ),
        setting("lasting.itching_from_day", 5, "unknown field", "unknown_field"),
        pytest.param(lambda d: d.pop("pain"), "pain", "missing section", id="missing_section"),
        pytest.param(
            lambda d: d.update(fever={"from": 38}), "fever", "unknown section", id="unknown_section"
        ),
    ],
)
def test_a_bad_value_is_named_by_file_and_field(content_dir: Path, change, where, problem) -> None:
    path = edit(content_dir, change)
    before = path.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["content", "check", str(content_dir)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if problem in line]
    assert lines, result.output
    assert lines[0].startswith(f"{path}: {where}: ")
    assert path.read_text(encoding="utf-8") == before  # checking changes nothing


def test_not_yaml_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / REDFLAGS_FILE
    path.write_text("lasting: [unclosed", encoding="utf-8")
    problems = validate_redflags(path)
    assert len(problems) == 1 and "not valid YAML" in problems[0].message


def test_a_rejected_file_leaves_the_defaults_in_force_and_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / REDFLAGS_FILE
    path.write_text("lasting: {redness_from_day: -1}\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        assert current(path) == Thresholds()
    assert "redflags_thresholds_rejected file=redflags.yaml" in caplog.text
