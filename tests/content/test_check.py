"""`aftercare content check` on the shipped content and on copies broken one way at a time."""

import shutil

import pytest
import yaml
from click.testing import CliRunner

from bot.cli import load_commands
from content.check import check_content
from content.timeline import CONTENT_DIR

cli = load_commands()


@pytest.fixture
def content_dir(tmp_path):
    for path in CONTENT_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def edit(directory, change):
    path = directory / "timeline.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change({step["id"]: step for step in data["steps"]}, data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def run_check(directory):
    return CliRunner().invoke(cli, ["content", "check", str(directory)])


def test_shipped_content_passes():
    result = CliRunner().invoke(cli, ["content", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK:")
    assert check_content() == []


def test_unchanged_copy_passes(content_dir):
    assert run_check(content_dir).exit_code == 0


def altered_quote(steps, _data):
    # in both the text and the source, as a careless edit would
    steps["day1_redness"]["text"] = steps["day1_redness"]["text"].replace("mild", "severe")
    source = steps["day1_redness"]["sources"][0]
    source["quote"] = source["quote"].replace("mild", "severe")


def quote_only_in_text_altered(steps, _data):
    steps["day1_redness"]["text"] = steps["day1_redness"]["text"].replace("mild", "severe")


def unknown_field(steps, _data):
    steps["day2_settling"]["text"] += "\nYour therapist: {therapist_name}"


def too_long(steps, _data):
    steps["week1_collagen"]["text"] += "\n" + "Thank you for choosing us. " * 160


def unknown_key(steps, _data):
    steps["serum_now"]["colour"] = "red"


def callback_too_long(steps, _data):
    steps["book_next"]["buttons"][1]["callback"] = (
        "booked-the-next-session-in-the-series:{session_id}"
    )


def out_of_order(steps, _data):
    steps["day1_redness"]["offset"], steps["day2_settling"]["offset"] = "2d", "1d"


def interval_out_of_order(steps, _data):
    # fine with a 4-week interval, before week 1 with a 2-week one
    steps["book_next"]["offset"] = "interval - 10d"


def unknown_document(steps, _data):
    steps["day1_redness"]["sources"][0]["doc"] = "009_nope"


def missing_sources(steps, _data):
    del steps["week1_collagen"]["sources"]


def bad_duration(steps, _data):
    steps["serum_now"]["expires"] = "a few hours"


def unknown_top_level_key(_steps, data):
    data["version"] = 2


@pytest.mark.parametrize(
    ("change", "step", "problem"),
    [
        (altered_quote, "day1_redness", "quote not found word for word in 002_4b1ae83a6685b41f"),
        (quote_only_in_text_altered, "day1_redness", "quote is not shown in the text"),
        (quote_only_in_text_altered, "day1_redness", "has no entry in sources"),
        (unknown_field, "day2_settling", "unknown merge field {therapist_name}"),
        (too_long, "week1_collagen", "text: too long"),
        (unknown_key, "serum_now", "unknown key 'colour'"),
        (callback_too_long, "book_next", "buttons[1]: callback data is 74 bytes"),
        (
            out_of_order,
            "day2_settling",
            "offset: out of order, must come after step 'day1_redness'",
        ),
        (interval_out_of_order, "book_next", "with a 2-week series interval"),
        (unknown_document, "day1_redness", "unknown document '009_nope'"),
        (missing_sources, "week1_collagen", "missing required key 'sources'"),
        (bad_duration, "serum_now", "expires: 'a few hours' is not a duration"),
        (unknown_top_level_key, "", "unknown top-level key 'version'"),
    ],
)
def test_broken_copy_fails_naming_file_step_and_problem(content_dir, change, step, problem):
    edit(content_dir, change)
    result = run_check(content_dir)
    assert result.exit_code == 1
    location = f"timeline.yaml: {step}: " if step else "timeline.yaml: "
    lines = [line for line in result.output.splitlines() if problem in line]
    assert lines, result.output
    assert location in lines[0]
    assert str(content_dir / "timeline.yaml") in lines[0]


def test_not_yaml(content_dir):
    (content_dir / "timeline.yaml").write_text("steps: [unclosed", encoding="utf-8")
    result = run_check(content_dir)
    assert result.exit_code == 1
    assert "timeline.yaml: not valid YAML" in result.output


def test_missing_timeline(tmp_path):
    result = run_check(tmp_path)
    assert result.exit_code == 1
    assert "timeline.yaml: cannot read" in result.output


def test_other_seeds_dir(content_dir, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "002_4b1ae83a6685b41f.txt").write_text("Only this sentence.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["content", "check", str(content_dir), "--seeds", str(seeds)])
    assert result.exit_code == 1
    assert "serum_now: sources[1]: unknown document '004_f59c8c46db378ab5'" in result.output


def test_missing_directory_is_a_usage_error(tmp_path):
    assert run_check(tmp_path / "nope").exit_code == 2
