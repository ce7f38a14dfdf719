#!/usr/bin/env bash
# Installs the Debian packages the browser test needs when they are missing.
# Only runs apt when we are root (CI, fresh machines); otherwise says what is missing.
enclave_system_deps() {
  if command -v chromium >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[deps] installing Debian chromium for the browser tests"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "[deps] chromium is not installed and we are not root: the browser test will be skipped"
  fi
}
