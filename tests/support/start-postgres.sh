#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1 for the store's tests and prints the
# variable the tests read:  eval "$(tests/support/start-postgres.sh)"
# Prints nothing (and the PostgreSQL tests skip, saying why) when no server binaries are installed.
set -euo pipefail
PORT=${RUSHES_PG_PORT:-55432}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] || { echo "# no PostgreSQL server installed" >&2; exit 0; }
data=$(mktemp -d /tmp/rushes-pg.XXXXXX)
as_db=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$data"
  as_db=(runuser -u postgres --)
fi
"${as_db[@]}" "$pgbin/initdb" -D "$data/db" -A trust -U postgres >"$data/initdb.log" 2>&1
"${as_db[@]}" "$pgbin/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
  -o "-p $PORT -k $data -c listen_addresses=127.0.0.1" start >/dev/null
"$pgbin/createdb" -h 127.0.0.1 -p "$PORT" -U postgres rushes_test
echo "export RUSHES_TEST_PG='host=127.0.0.1 port=$PORT user=postgres dbname=rushes_test'"
echo "export RUSHES_TEST_PG_STOP='${as_db[*]} $pgbin/pg_ctl -D $data/db stop -m fast'"
