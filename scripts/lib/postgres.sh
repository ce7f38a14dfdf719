#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a temp dir and a loopback port, for the
# registry tests (Backstage TestDatabases reads the connection string below).
ENCLAVE_PG_DIR=""
ENCLAVE_PG_BIN=""

enclave_pg_find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      ENCLAVE_PG_BIN="$d"
    fi
  done
  if [ -z "$ENCLAVE_PG_BIN" ] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    ENCLAVE_PG_BIN="$(dirname "$(command -v initdb)")"
  fi
  [ -n "$ENCLAVE_PG_BIN" ]
}

enclave_pg_start() {
  if ! enclave_pg_find_bin; then
    echo "[postgres] PostgreSQL binaries not found: the Postgres tests will be skipped"
    return 0
  fi
  ENCLAVE_PG_DIR="$(mktemp -d /tmp/enclave-pg.XXXXXX)"
  local port=$((20000 + RANDOM % 20000))
  local run=()
  # initdb refuses to run as root; use the postgres account when we are root.
  if [ "$(id -u)" = "0" ]; then
    chown postgres "$ENCLAVE_PG_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$ENCLAVE_PG_BIN/initdb" -D "$ENCLAVE_PG_DIR/data" -U postgres --auth=trust -E UTF8 >"$ENCLAVE_PG_DIR/initdb.log" 2>&1
  "${run[@]}" "$ENCLAVE_PG_BIN/pg_ctl" -D "$ENCLAVE_PG_DIR/data" -l "$ENCLAVE_PG_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $ENCLAVE_PG_DIR -c max_connections=200 -c fsync=off" start >/dev/null
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$port"
  export ENCLAVE_TEST_POSTGRES="$BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
  echo "[postgres] throwaway cluster on 127.0.0.1:$port ($ENCLAVE_PG_DIR)"
}

enclave_pg_stop() {
  if [ -n "$ENCLAVE_PG_DIR" ] && [ -d "$ENCLAVE_PG_DIR/data" ]; then
    local run=()
    [ "$(id -u)" = "0" ] && run=(runuser -u postgres --)
    "${run[@]}" "$ENCLAVE_PG_BIN/pg_ctl" -D "$ENCLAVE_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$ENCLAVE_PG_DIR"
    echo "[postgres] stopped"
  fi
}
