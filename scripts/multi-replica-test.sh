#!/usr/bin/env bash
# Multi-replica durability suite (issue 16): real backends on a throwaway
# PostgreSQL 15 and on the embedded SQLite default, kills during plan, the
# reconciler, a disk scan for the directory password. See
# scripts/multi-replica/run.mjs. Uses the cluster scripts/test.sh started, or
# starts its own.
source "$(dirname "$0")/env.sh"
source "$ENCLAVE_ROOT/scripts/lib/postgres.sh"
set +e
own_pg=""
if [ -z "${ENCLAVE_TEST_POSTGRES:-}" ]; then
  enclave_pg_start
  own_pg=1
fi
if [ -z "${ENCLAVE_TEST_POSTGRES:-}" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "multi-replica: PostgreSQL is required under CI=true" >&2
    exit 1
  fi
  echo "multi-replica: skipped (no PostgreSQL binaries)"
  exit 0
fi
cd "$ENCLAVE_ROOT"
node scripts/multi-replica/run.mjs
rc=$?
[ -n "$own_pg" ] && enclave_pg_stop
exit $rc
