"""PostgreSQL for the tests: a fresh database per test, copied from a migrated template.

Tests run on PostgreSQL when `AFTERCARE_TEST_POSTGRES` names a server (a URL whose role may
create databases; `.ci/postgres.sh` starts one); otherwise the "postgres" cases are skipped
and the run's summary says so in one line. `database` is the fixture a test takes (directly,
or through tests/store's `store` and `db`): a new SQLite file, or a new PostgreSQL database's
URL; `pytest_generate_tests` runs such a test once per database, ids "sqlite" and "postgres"
(`parametrize` below).
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest

SERVER = os.environ.get("AFTERCARE_TEST_POSTGRES", "").strip()
SKIP_REASON = "AFTERCARE_TEST_POSTGRES is not set: the PostgreSQL cases are skipped"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgres", id="postgres", marks=pytest.mark.skipif(not SERVER, reason=SKIP_REASON)
    ),
]


def header() -> str:
    """One line for the pytest header: where the PostgreSQL cases run, or that they do not."""
    if not SERVER:
        return f"postgres: {SKIP_REASON} (see .ci/postgres.sh)"
    where = urlsplit(SERVER)
    return f"postgres: the store and journey tests also run on {where.hostname}:{where.port}"


def url_of(name: str) -> str:
    """The server's URL with database `name`."""
    return urlunsplit(urlsplit(SERVER)._replace(path=f"/{name}"))


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(sql)


class Databases:
    """Makes fresh databases from one template migrated once per test run."""

    def __init__(self) -> None:
        self.template = ""

    def fresh(self) -> str:
        """A new migrated database's URL (the template is made on first use)."""
        from bot.store import Store
        from bot.store.postgres import close_pool

        if not self.template:
            name = f"aftercare_tpl_{os.getpid()}_{secrets.token_hex(3)}"
            _admin(f"CREATE DATABASE {name}")
            Store.open(url_of(name)).close()
            close_pool(url_of(name))  # a template must have no connections
            self.template = name
        name = f"aftercare_t_{secrets.token_hex(6)}"
        _admin(f"CREATE DATABASE {name} TEMPLATE {self.template}")
        return url_of(name)

    def drop(self, url: str) -> None:
        import psycopg

        from bot.store.postgres import close_pool

        close_pool(url)
        for attempt in range(50):  # an autovacuum worker on it cannot be forced out: wait
            try:
                _admin(f"DROP DATABASE IF EXISTS {urlsplit(url).path.lstrip('/')} WITH (FORCE)")
                return
            except psycopg.errors.InsufficientPrivilege:
                if attempt == 49:
                    raise
                time.sleep(0.1)

    def close(self) -> None:
        if self.template:
            _admin(f"DROP DATABASE IF EXISTS {self.template} WITH (FORCE)")


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[Databases]:
    databases = Databases()
    yield databases
    databases.close()


def parametrize(metafunc: pytest.Metafunc) -> None:
    """Run a test that takes `database` on both backends, unless it is marked `sqlite_only`
    (backups, file locks, SQLite's own migrations) or `postgres_only` (what SQLite has no
    form of, such as SKIP LOCKED): called from `pytest_generate_tests`."""
    if "database" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("postgres_only"):
        metafunc.parametrize("database", BACKENDS[1:], indirect=True)
    elif not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("database", BACKENDS, indirect=True)


@pytest.fixture
def database(request, tmp_path) -> Iterator[str]:
    """Where a test's store lives: a new SQLite file (`tmp_path/aftercare.db`), or a new
    PostgreSQL database's URL."""
    if getattr(request, "param", "sqlite") == "sqlite":
        yield str(tmp_path / "aftercare.db")
        return
    databases = request.getfixturevalue("postgres_databases")
    url = databases.fresh()
    yield url
    databases.drop(url)
