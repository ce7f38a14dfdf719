#!/usr/bin/env bash
# Starts the portal exactly as the README does, in its own process group, for the
# browser tests; stops it by that group's PID.
ENCLAVE_PORTAL_PID=""

enclave_port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

enclave_portal_start() {
  local log="$1"
  if enclave_port_busy 3000 || enclave_port_busy 7007; then
    echo "[portal] ports 3000/7007 are already in use; stop the running portal first" >&2
    return 1
  fi
  setsid bash "$ENCLAVE_ROOT/scripts/start.sh" >"$log" 2>&1 &
  ENCLAVE_PORTAL_PID=$!
  echo "[portal] starting (pid $ENCLAVE_PORTAL_PID, log $log)"
  local deadline=$((SECONDS + 900))
  until curl -fs -o /dev/null http://127.0.0.1:7007/api/enclave/health &&
    curl -fs -o /dev/null http://127.0.0.1:3000/; do
    if ! kill -0 "$ENCLAVE_PORTAL_PID" 2>/dev/null; then
      echo "[portal] exited early; last lines of its log:" >&2
      tail -n 40 "$log" >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "[portal] not up after 15 minutes" >&2
      return 1
    fi
    sleep 3
  done
  echo "[portal] up: frontend :3000, backend :7007"
}

enclave_portal_stop() {
  if [ -n "$ENCLAVE_PORTAL_PID" ]; then
    kill -TERM -- "-$ENCLAVE_PORTAL_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 -- "-$ENCLAVE_PORTAL_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$ENCLAVE_PORTAL_PID" 2>/dev/null || true
    ENCLAVE_PORTAL_PID=""
    echo "[portal] stopped"
  fi
}
