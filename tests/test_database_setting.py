"""AFTERCARE_DB: a file, `sqlite:///file` or a PostgreSQL URL; anything else is refused in one
line naming the variable, and a PostgreSQL URL without its driver says what to install."""

from __future__ import annotations

import importlib.util

import pytest

from bot.settings import Settings, SettingsError


@pytest.mark.parametrize(
    ("value", "db_path"),
    [
        pytest.param("", "aftercare.db", id="default"),
        pytest.param("clinic.db", "clinic.db", id="path"),
        pytest.param("sqlite:///clinic.db", "clinic.db", id="sqlite_relative"),
        pytest.param("sqlite:////srv/clinic.db", "/srv/clinic.db", id="sqlite_absolute"),
        pytest.param("postgresql://bot@db/aftercare", "postgresql://bot@db/aftercare", id="pg"),
        pytest.param("postgres://db/aftercare", "postgres://db/aftercare", id="pg_short"),
    ],
)
def test_the_database_is_a_file_or_a_postgresql_url(value, db_path):
    assert Settings.from_mapping({"AFTERCARE_DB": value}).db_path == db_path


@pytest.mark.parametrize(
    ("value", "says"),
    [
        pytest.param("mysql://db/aftercare", "postgresql:// URL", id="other_scheme"),
        pytest.param("sqlite:///", "postgresql:// URL", id="sqlite_without_file"),
        pytest.param("postgresql://", "must name a PostgreSQL server", id="pg_without_server"),
    ],
)
def test_a_bad_database_setting_names_the_variable(value, says):
    with pytest.raises(SettingsError) as refused:
        Settings.from_mapping({"AFTERCARE_DB": value})
    message = str(refused.value)
    assert message.startswith("AFTERCARE_DB ") and says in message and "\n" not in message


def test_a_postgresql_url_without_the_driver_says_what_to_install(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "psycopg" else real(name)
    )
    with pytest.raises(
        SettingsError, match=r"AFTERCARE_DB .*pip install 'aftercare-bot\[postgres\]'"
    ):
        Settings.from_mapping({"AFTERCARE_DB": "postgresql://db/aftercare"})
