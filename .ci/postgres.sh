#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: a cluster in a temporary folder on a free local
# port, owned by the `postgres` user when run as root (initdb refuses root), with a role that
# may create databases. Prints the URL to export as AFTERCARE_TEST_POSTGRES on its last line.
#
#   .ci/postgres.sh run make test   # start one, run the command with it, stop it (`make test-postgres`)
#   export AFTERCARE_TEST_POSTGRES=$(.ci/postgres.sh | tail -1)   # start one and keep it
#   .ci/postgres.sh stop DIR        # stop the one started in DIR (printed on stderr)
#
# Installs Debian's `postgresql` package when no server is installed (needs root).
set -euo pipefail

if [ "${1:-}" = "stop" ]; then
    dir=$2
    as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
    "${as[@]}" "$(cat "$dir/bin")/pg_ctl" -D "$dir/data" -m fast stop >&2
    rm -rf "$dir"
    exit 0
fi

if [ "${1:-}" = "run" ]; then
    shift
    out=$(mktemp)
    "$0" > "$out"
    dir=$(sed -n 1p "$out")
    url=$(tail -1 "$out")
    rm -f "$out"
    trap '"$0" stop "$dir"' EXIT
    AFTERCARE_TEST_POSTGRES=$url "$@"
    exit $?
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=${PGTEST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
dir=$(mktemp -d /tmp/aftercare-pg.XXXXXX)
echo "$bin" > "$dir/bin"
as=()
if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    as=(runuser -u postgres --)
fi
"${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
# Durability off: a test server that loses everything on a crash loses nothing of value;
# no autovacuum: its workers would hold up dropping each test's database.
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off -c max_connections=200" \
    start >&2
"${as[@]}" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE aftercare LOGIN CREATEDB" >&2
echo "started in $dir (stop: .ci/postgres.sh stop $dir)" >&2
echo "$dir"
echo "postgresql://aftercare@127.0.0.1:$port/postgres"
