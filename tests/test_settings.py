import pytest

from bot.settings import OFFICIAL_API, Settings, SettingsError, read_env_file


def test_defaults_when_environment_is_empty():
    settings = Settings.from_mapping({})
    assert settings.api_base_url == OFFICIAL_API
    assert settings.db_path == "aftercare.db"
    assert settings.clock_speed == 1.0
    assert settings.log_level == "INFO"
    assert settings.token == ""


def test_reads_every_variable():
    settings = Settings.from_mapping(
        {
            "TELEGRAM_BOT_TOKEN": "123:abc",
            "TELEGRAM_BOT_USERNAME": "@ClinicBot",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/",
            "AFTERCARE_DB": "/tmp/x.db",
            "AFTERCARE_CLOCK_SPEED": "86400",
            "AFTERCARE_LOG_LEVEL": "debug",
        }
    )
    assert settings.token == "123:abc"
    assert settings.bot_username == "ClinicBot"
    assert settings.api_base_url == "http://127.0.0.1:8081"
    assert settings.db_path == "/tmp/x.db"
    assert settings.clock_speed == 86400
    assert settings.log_level == "DEBUG"


BAD_VALUES = {
    "AFTERCARE_CLOCK_SPEED": ("fast", "0", "-3"),
    "AFTERCARE_LOG_LEVEL": ("LOUD",),
    "TELEGRAM_API_BASE_URL": ("ftp://x",),
}


def each_value(table: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """(variable, value) for every bad value of every variable in `table`."""
    return [(key, value) for key, values in table.items() for value in values]


@pytest.mark.parametrize(("key", "value"), each_value(BAD_VALUES))
def test_bad_values_name_the_variable(key, value):
    with pytest.raises(SettingsError, match=key):
        Settings.from_mapping({key: value})


def test_missing_token_names_the_variable():
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN"):
        Settings.from_mapping({}).require_token()


def test_repr_never_shows_the_token():
    assert "123:secret" not in repr(Settings.from_mapping({"TELEGRAM_BOT_TOKEN": "123:secret"}))


def test_env_file_is_read_and_environment_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# comment\n\nTELEGRAM_BOT_TOKEN='1:file'\nexport AFTERCARE_DB=\"file.db\"\n"
    )
    settings = Settings.load({"AFTERCARE_DB": "env.db"}, env_file)
    assert settings.token == "1:file"
    assert settings.db_path == "env.db"


def test_malformed_env_file_line_is_reported_with_its_number(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("GOOD=1\nthis is not a setting\n")
    with pytest.raises(SettingsError, match=r"\.env:2"):
        read_env_file(env_file)


def test_env_file_is_read_as_python_dotenv_reads_it(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "AFTERCARE_DB=prod.db  # main\n"
        "AFTERCARE_LOG_LEVEL=INFO # x\n"
        'export TELEGRAM_BOT_USERNAME="Glow # Bot"\n'
        "AFTERCARE_LOG_FORMAT='json'\n"
    )
    settings = Settings.load({}, env_file)
    assert settings.db_path == "prod.db"
    assert settings.log_level == "INFO"
    assert settings.bot_username == "Glow # Bot"  # a # inside quotes is part of the value
    assert settings.log_format == "json"


@pytest.mark.parametrize(
    "given",
    [
        pytest.param("https://api.telegram.org", id="bare"),
        pytest.param("https://api.telegram.org/bot", id="with_bot"),
        pytest.param("https://api.telegram.org/bot/", id="with_bot_slash"),
        pytest.param(" https://api.telegram.org/ ", id="trailing_slash"),
    ],
)
def test_api_base_url_is_accepted_with_or_without_bot(given):
    settings = Settings.from_mapping({"TELEGRAM_API_BASE_URL": given})
    assert settings.api_base_url == "https://api.telegram.org"


def test_api_base_url_with_the_token_in_it_is_refused_without_echoing_the_token():
    with pytest.raises(SettingsError, match="TELEGRAM_API_BASE_URL") as refused:
        Settings.from_mapping({"TELEGRAM_API_BASE_URL": "https://x.example/bot123456:SECRET"})
    assert "SECRET" not in str(refused.value)


def test_log_format_is_text_or_json():
    assert Settings.from_mapping({}).log_format == "text"
    with pytest.raises(SettingsError, match="AFTERCARE_LOG_FORMAT"):
        Settings.from_mapping({"AFTERCARE_LOG_FORMAT": "xml"})


def test_time_zones_work_without_the_systems_zone_files(tmp_path):
    """tzdata is a dependency: an image without /usr/share/zoneinfo still knows the zones."""
    import os
    import subprocess
    import sys

    check = (
        "import zoneinfo; from bot.people.registration import check_timezone;"
        "assert check_timezone('Europe/London') is None;"
        "print(zoneinfo.ZoneInfo('America/New_York').key)"
    )
    env = {**os.environ, "PYTHONTZPATH": str(tmp_path)}  # no zone files there
    done = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "America/New_York"


def test_deployment_settings_defaults_and_values():
    defaults = Settings.from_mapping({})
    assert (defaults.health_host, defaults.health_port) == ("127.0.0.1", 8080)
    assert (defaults.webhook_url, defaults.webhook_listen, defaults.webhook_port) == (
        "",
        "127.0.0.1",
        8443,
    )
    assert defaults.webhook_secret == ""
    given = Settings.from_mapping(
        {
            "AFTERCARE_HEALTH_HOST": "0.0.0.0",
            "AFTERCARE_HEALTH_PORT": "off",
            "AFTERCARE_WEBHOOK_URL": "https://bot.example.com/telegram",
            "AFTERCARE_WEBHOOK_LISTEN": "0.0.0.0",
            "AFTERCARE_WEBHOOK_PORT": "9000",
            "AFTERCARE_WEBHOOK_SECRET": "abc_DEF-123",
        }
    )
    assert (given.health_host, given.health_port) == ("0.0.0.0", None)
    assert given.webhook_url == "https://bot.example.com/telegram"
    assert (given.webhook_listen, given.webhook_port) == ("0.0.0.0", 9000)
    assert given.webhook_secret == "abc_DEF-123"
    assert "abc_DEF-123" not in repr(given)


BAD_DEPLOYMENT_VALUES = {
    "AFTERCARE_HEALTH_PORT": ("http", "70000"),
    "AFTERCARE_WEBHOOK_PORT": ("0",),
    "AFTERCARE_HEALTH_HOST": ("a b",),
    "AFTERCARE_WEBHOOK_URL": (
        "http://bot.example.com/tg",
        "bot.example.com/tg",
        "https://bot.example.com/tg?x=1",
    ),
    "AFTERCARE_WEBHOOK_SECRET": ("no spaces",),
}


@pytest.mark.parametrize(("key", "value"), each_value(BAD_DEPLOYMENT_VALUES))
def test_bad_deployment_values_name_the_variable(key, value):
    with pytest.raises(SettingsError, match=key) as refused:
        Settings.from_mapping({key: value})
    assert "\n" not in str(refused.value)


def test_plain_http_webhook_only_with_a_local_api_server():
    local = {"TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081"}
    settings = Settings.from_mapping({**local, "AFTERCARE_WEBHOOK_URL": "http://127.0.0.1:9/tg"})
    assert settings.webhook_url == "http://127.0.0.1:9/tg"


def test_retention_and_backlog_spacing_defaults_and_values():
    defaults = Settings.from_mapping({})
    given = Settings.from_mapping(
        {"AFTERCARE_RETENTION_DAYS": "30", "AFTERCARE_BACKLOG_SPACING_MINUTES": " 15 "}
    )
    assert (defaults.retention_days, defaults.backlog_spacing_minutes) == (90, 10)
    assert (given.retention_days, given.backlog_spacing_minutes) == (30, 15)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        pytest.param("AFTERCARE_RETENTION_DAYS", "0", id="retention_zero"),
        pytest.param("AFTERCARE_RETENTION_DAYS", "ninety", id="retention_words"),
        pytest.param("AFTERCARE_RETENTION_DAYS", "90.5", id="retention_fraction"),
        pytest.param("AFTERCARE_RETENTION_DAYS", "3651", id="retention_over_ten_years"),
        pytest.param("AFTERCARE_BACKLOG_SPACING_MINUTES", "-5", id="spacing_negative"),
        pytest.param("AFTERCARE_BACKLOG_SPACING_MINUTES", "1441", id="spacing_over_a_day"),
    ],
)
def test_bad_retention_or_spacing_names_the_variable_and_the_range(key, value):
    with pytest.raises(SettingsError, match=rf"{key} must be a whole number from 1 to \d+"):
        Settings.from_mapping({key: value})


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        pytest.param(None, 5.0, id="default_five_seconds"),
        pytest.param("0.5", 0.5, id="fractions"),
        pytest.param("60", 60.0, id="at_most_a_minute"),
    ],
)
def test_send_timeout_is_seconds_a_request_may_take(value, seconds):
    values = {} if value is None else {"AFTERCARE_SEND_TIMEOUT": value}
    assert Settings.from_mapping(values).send_timeout == seconds


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("soon", id="not_a_number"),
        pytest.param("0", id="zero_would_never_send"),
        pytest.param("-1", id="negative"),
        pytest.param("61", id="over_a_minute"),
    ],
)
def test_a_bad_send_timeout_names_the_variable(value):
    with pytest.raises(SettingsError, match="AFTERCARE_SEND_TIMEOUT"):
        Settings.from_mapping({"AFTERCARE_SEND_TIMEOUT": value})


@pytest.mark.parametrize(
    ("values", "seconds"),
    [
        pytest.param({}, 300.0, id="default_five_minutes"),
        pytest.param({"AFTERCARE_LEASE_SECONDS": "20"}, 20.0, id="four_send_timeouts"),
        pytest.param(
            {"AFTERCARE_LEASE_SECONDS": "8", "AFTERCARE_SEND_TIMEOUT": "2"}, 8.0, id="quick_sends"
        ),
    ],
)
def test_the_lease_is_how_long_a_claim_stays_an_instances(values, seconds):
    assert Settings.from_mapping(values).lease_seconds == seconds


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("soon", "AFTERCARE_LEASE_SECONDS must be a number", id="not_a_number"),
        pytest.param("19", r"at least 4 x AFTERCARE_SEND_TIMEOUT \(20 seconds\)", id="too_short"),
        pytest.param("3601", "AFTERCARE_LEASE_SECONDS", id="over_an_hour"),
    ],
)
def test_a_bad_lease_names_the_variable(value, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_mapping({"AFTERCARE_LEASE_SECONDS": value})
