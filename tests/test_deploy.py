"""The deployment files keep what the bot needs. Docker is not run here (no daemon on the
machines that run this suite), so the Dockerfile and compose file are read for their
essentials; the systemd unit also goes through `systemd-analyze verify` where it exists."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
import yaml

from bot.cli import load_commands
from bot.ops.health import PATH
from bot.settings import DEFAULT_HEALTH_PORT, DEFAULT_WEBHOOK_PORT

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (DEPLOY / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def _env(args: str) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in shlex.split(args))


def _unit() -> dict[str, list[str]]:
    """Every `Key=value` of the unit (keys may repeat), whatever the section."""
    values: dict[str, list[str]] = {}
    for line in (DEPLOY / "aftercare.service").read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            values.setdefault(key.strip(), []).append(value.strip())
    return values


def test_the_image_runs_as_a_user_with_the_database_on_a_volume():
    steps = _dockerfile()
    assert re.fullmatch(r"python:3\.\d+-slim(-\w+)?", steps[0][1])
    env = {k: v for name, args in steps if name == "ENV" for k, v in _env(args).items()}
    [volume] = [yaml.safe_load(args) for name, args in steps if name == "VOLUME"]
    db = PurePosixPath(env["AFTERCARE_DB"])
    assert str(db.parent) in volume
    users = [(i, args) for i, (name, args) in enumerate(steps) if name == "USER"]
    assert users and users[-1][1] not in ("root", "0")
    cmd_at = next(i for i, (name, _) in enumerate(steps) if name == "CMD")
    assert users[-1][0] < cmd_at
    assert yaml.safe_load(steps[cmd_at][1]) == ["aftercare", "run"]


def test_the_healthcheck_asks_the_health_endpoint_on_the_default_port():
    steps = _dockerfile()
    env = {k: v for name, args in steps if name == "ENV" for k, v in _env(args).items()}
    [check] = [args for name, args in steps if name == "HEALTHCHECK"]
    command = yaml.safe_load(check.split("CMD", 1)[1].strip())
    assert command[:2] == ["aftercare", "health"]
    # `aftercare health` asks GET PATH on these settings, the bot's defaults.
    assert int(env["AFTERCARE_HEALTH_PORT"]) == DEFAULT_HEALTH_PORT
    assert env["AFTERCARE_HEALTH_HOST"] == "127.0.0.1"
    assert PATH == "/health"
    [exposed] = [args for name, args in steps if name == "EXPOSE"]
    assert int(env["AFTERCARE_WEBHOOK_PORT"]) == int(exposed) == DEFAULT_WEBHOOK_PORT


def test_the_image_holds_what_the_bot_reads_at_run_time():
    copied = {args.split()[0] for name, args in _dockerfile() if name == "COPY"}
    assert {"bot", "content", "seeds", "pyproject.toml"} <= copied
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
    assert {"!bot/", "!content/", "!seeds/", "!pyproject.toml"} <= set(ignore)


def test_compose_keeps_the_database_on_a_named_volume_and_the_health_port():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    bot = compose["services"]["bot"]
    assert (DEPLOY / bot["build"]["context"] / bot["build"]["dockerfile"]).is_file()
    db = PurePosixPath(bot["environment"]["AFTERCARE_DB"])
    volume, mount = next(v.split(":") for v in bot["volumes"])
    assert volume in compose["volumes"] and PurePosixPath(mount) == db.parent
    assert int(bot["environment"]["AFTERCARE_HEALTH_PORT"]) == DEFAULT_HEALTH_PORT
    assert bot["restart"] == "unless-stopped" and bot["read_only"] is True
    assert bot["cap_drop"] == ["ALL"]
    # The replica streams the same file, as the bot's uid.
    litestream = compose["services"]["litestream"]
    assert f"{volume}:{mount}" in litestream["volumes"]
    replica = yaml.safe_load((DEPLOY / "litestream.yml").read_text())
    assert replica["dbs"][0]["path"] == str(db)
    assert litestream["user"].split(":")[0] == "10001"


def test_the_proxy_forwards_the_webhook_path_to_the_bots_port():
    caddy = (DEPLOY / "Caddyfile").read_text()
    assert "handle /telegram {" in caddy
    assert f"reverse_proxy {{$AFTERCARE_UPSTREAM:127.0.0.1:{DEFAULT_WEBHOOK_PORT}}}" in caddy
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    upstream = compose["services"]["caddy"]["environment"]["AFTERCARE_UPSTREAM"]
    assert upstream == f"bot:{compose['services']['bot']['environment']['AFTERCARE_WEBHOOK_PORT']}"


def test_the_unit_restarts_on_failure_and_is_hardened():
    unit = _unit()
    assert unit["ExecStart"] == ["/opt/aftercare/.venv/bin/aftercare run"]
    assert unit["Restart"] == ["on-failure"] and unit["RestartPreventExitStatus"] == ["2"]
    assert unit["User"] != ["root"] and unit["StateDirectory"] == ["aftercare"]
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "CapabilityBoundingSet": "",
    }.items():
        assert unit[key] == [value], key
    readme = (DEPLOY / "README.md").read_text()
    assert "AFTERCARE_DB=/var/lib/aftercare/aftercare.db" in readme  # inside StateDirectory


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_analyze_verify_finds_nothing(tmp_path):
    # verify needs ExecStart to exist and the user to be known: this checkout's, as root.
    aftercare = Path(sys.executable).with_name("aftercare")
    text = (DEPLOY / "aftercare.service").read_text()
    text = text.replace("/opt/aftercare/.venv/bin/aftercare", str(aftercare))
    text = re.sub(r"^(User|Group)=aftercare$", r"\1=root", text, flags=re.M)
    unit = tmp_path / "aftercare.service"
    unit.write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_every_command_the_deploy_guide_gives_exists():
    cli = load_commands()
    blocks = re.findall(r"```[a-z]*\n(.*?)```", (DEPLOY / "README.md").read_text(), re.S)
    calls = re.findall(r"(?:^|[\s/])aftercare ([a-z]+)(?: ([a-z]+))?", "\n".join(blocks), re.M)
    assert {"doctor", "health", "backup", "restore", "run", "clinic"} <= {c for c, _ in calls}
    for name, word in calls:
        assert name in cli.commands, name
        group = cli.commands[name]
        if hasattr(group, "commands"):
            assert word in group.commands, f"{name} {word}"


def test_two_instances_share_one_postgresql_behind_the_webhook_proxy():
    compose = yaml.safe_load((DEPLOY / "compose.postgres.yaml").read_text())
    services = compose["services"]
    bots = {name: s for name, s in services.items() if name.startswith("bot-")}
    assert len(bots) == 2
    envs = [bot["environment"] for bot in bots.values()]
    # The same database, webhook and secret for both, each taken from the environment.
    for key in ("AFTERCARE_DB", "AFTERCARE_WEBHOOK_URL", "AFTERCARE_WEBHOOK_SECRET"):
        [value] = {env[key] for env in envs}
        assert re.fullmatch(rf"\$\{{{key}:\?[^}}]+\}}", value), value
    # Webhook mode: every instance listens where the proxy sends updates.
    ports = {env["AFTERCARE_WEBHOOK_PORT"] for env in envs}
    assert ports == {str(DEFAULT_WEBHOOK_PORT)}
    assert {env["AFTERCARE_WEBHOOK_LISTEN"] for env in envs} == {"0.0.0.0"}
    upstream = services["caddy"]["environment"]["AFTERCARE_UPSTREAM"].split()
    assert sorted(upstream) == sorted(f"{name}:{DEFAULT_WEBHOOK_PORT}" for name in bots)
    assert "lb_try_duration" in (DEPLOY / "Caddyfile").read_text()
    # The image gets the postgres extra, which pyproject defines.
    for bot in bots.values():
        assert (DEPLOY / bot["build"]["context"] / bot["build"]["dockerfile"]).is_file()
        assert bot["build"]["args"]["AFTERCARE_EXTRAS"] == "postgres"
        assert bot["read_only"] is True and bot["cap_drop"] == ["ALL"]
    args = [args for name, args in _dockerfile() if name == "ARG"]
    assert any(a.startswith("AFTERCARE_EXTRAS") for a in args)
    assert '".${AFTERCARE_EXTRAS:+[$AFTERCARE_EXTRAS]}"' in (DEPLOY / "Dockerfile").read_text()
    pyproject = (DEPLOY.parent / "pyproject.toml").read_text()
    assert re.search(r"^postgres = \[", pyproject, re.MULTILINE)
    # The bundled server's password comes from the environment too.
    password = services["postgres"]["environment"]["POSTGRES_PASSWORD"]
    assert password.startswith("${POSTGRES_PASSWORD:?")
    assert services["postgres"]["profiles"] == ["db"]
