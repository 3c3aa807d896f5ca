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


@pytest.mark.parametrize(
    ("key", "value", "named"),
    [
        ("AFTERCARE_CLOCK_SPEED", "fast", "AFTERCARE_CLOCK_SPEED"),
        ("AFTERCARE_CLOCK_SPEED", "0", "AFTERCARE_CLOCK_SPEED"),
        ("AFTERCARE_CLOCK_SPEED", "-3", "AFTERCARE_CLOCK_SPEED"),
        ("AFTERCARE_LOG_LEVEL", "LOUD", "AFTERCARE_LOG_LEVEL"),
        ("TELEGRAM_API_BASE_URL", "ftp://x", "TELEGRAM_API_BASE_URL"),
    ],
)
def test_bad_values_name_the_variable(key, value, named):
    with pytest.raises(SettingsError, match=named):
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
