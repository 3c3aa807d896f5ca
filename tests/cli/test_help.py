"""Every command teaches: it has help, and the help ends with an example."""

import click
from click.testing import CliRunner

from bot.cli import load_commands

cli = load_commands()


def _all_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        yield path, command
        if isinstance(command, click.Group):
            yield from _all_commands(command, path)


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    found = list(_all_commands(cli))
    assert found, "no commands registered"
    for path, command in found:
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, path
        if not isinstance(command, click.Group):
            assert "Example" in result.output, f"{' '.join(path)} --help has no example"


def test_run_without_token_exits_2_naming_the_variable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["run"])
    assert result.exit_code == 2
    assert "TELEGRAM_BOT_TOKEN" in result.output


def test_run_with_a_bad_webhook_url_exits_2_naming_the_option(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    result = CliRunner().invoke(cli, ["run", "--webhook", "http://bot.example.com/tg"])
    assert result.exit_code == 2
    assert result.output.startswith("error: --webhook must be a full https:// address")
    assert len(result.output.strip().splitlines()) == 1
