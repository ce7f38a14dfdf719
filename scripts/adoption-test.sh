#!/usr/bin/env bash
# Adoption test (#20): do what a platform team does with our packages, on a
# fresh app of the same Backstage release, and check that it works.
#   1. pack the six packages (scripts/pack-packages.sh: build + yarn pack);
#   2. create a fresh app with the @backstage/create-app release matching
#      backstage.json, --skip-install;
#   3. wire it by applying the README's own "Install into your Backstage app"
#      snippets (scripts/lib/adoption-wire.js extracts the blocks marked
#      <!-- adoption:… -->), with the tarballs as file: dependencies;
#   4. yarn install, cached between runs (below), and the app's own `tsc`;
#   5. start the app's backend on a free loopback port (plan mode, the
#      default) and check /api/enclave/health, the enclave:* actions, and the
#      provision template finishing `planned` (scripts/lib/adoption-check.js).
# Prints each phase's duration and the total.
#
# Cache ($ENCLAVE_ADOPTION_CACHE, default .cache/adoption, git-ignored): the
# yarn global cache, and the last install's node_modules + yarn.lock, moved
# into the next fresh app so a warm install only links what changed. Delete
# the folder for a cold run.
#
#   bash scripts/adoption-test.sh               the test
#   bash scripts/adoption-test.sh --pack-only DIR   only build the tarballs
source "$(dirname "$0")/env.sh"
set +e -uo pipefail

if [ "${1:-}" = "--pack-only" ]; then
  exec bash "$ENCLAVE_ROOT/scripts/pack-packages.sh" "${2:?usage: adoption-test.sh --pack-only DIR}"
fi

# The create-app of Backstage 1.55.0 (its dist/package.json carries the
# release, 1.55.0); checked against backstage.json after creating the app.
CREATE_APP_VERSION=0.9.2
CACHE="${ENCLAVE_ADOPTION_CACHE:-$ENCLAVE_ROOT/.cache/adoption}"
WORK="$CACHE/run"
APP="$WORK/app"
PACK="$WORK/packages"
STATE="$CACHE/install-create-app-$CREATE_APP_VERSION"
# Where a yarn install keeps its results in the app (restored and saved). Not
# yarn.lock: every run starts from the release's lock seed (see wire).
KEPT=(node_modules packages/app/node_modules packages/backend/node_modules .yarn/install-state.gz)

started=$SECONDS
timings=()
phase() {
  local name="$1"
  shift
  local t0=$SECONDS
  echo "[adoption] $name"
  "$@"
  local rc=$?
  timings+=("$name $((SECONDS - t0))s")
  if [ $rc -ne 0 ]; then
    echo "[adoption] FAILED in $name (exit $rc)" >&2
    finish 1
  fi
}

BACKEND_PID=""
finish() {
  if [ -n "$BACKEND_PID" ]; then
    kill -TERM -- "-$BACKEND_PID" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 -- "-$BACKEND_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$BACKEND_PID" 2>/dev/null
    BACKEND_PID=""
  fi
  save_install
  echo "[adoption] durations: ${timings[*]:-none}; total $((SECONDS - started))s"
  [ "$1" -eq 0 ] && echo "[adoption] ok" || echo "[adoption] FAILED (backend log: $WORK/backend.log)"
  exit "$1"
}
trap 'finish 1' INT TERM

restore_install() {
  [ -d "$STATE" ] || { echo "[adoption] no cached install: cold install"; return 0; }
  for p in "${KEPT[@]}"; do
    [ -e "$STATE/$p" ] && mkdir -p "$(dirname "$APP/$p")" && rm -rf "${APP:?}/$p" && mv "$STATE/$p" "$APP/$p"
  done
  echo "[adoption] restored the cached install"
}
save_install() {
  [ -d "$APP/node_modules" ] || return 0
  rm -rf "$STATE"
  for p in "${KEPT[@]}"; do
    [ -e "$APP/$p" ] && mkdir -p "$(dirname "$STATE/$p")" && mv "$APP/$p" "$STATE/$p"
  done
}

pack() {
  # ENCLAVE_ADOPTION_PACKED=DIR reuses tarballs packed earlier (a packages.json
  # beside them), e.g. while iterating on the wiring.
  if [ -n "${ENCLAVE_ADOPTION_PACKED:-}" ]; then
    rm -rf "$PACK" && mkdir -p "$PACK" && cp "$ENCLAVE_ADOPTION_PACKED"/*.tgz "$ENCLAVE_ADOPTION_PACKED/packages.json" "$PACK/"
    return
  fi
  bash "$ENCLAVE_ROOT/scripts/pack-packages.sh" "$PACK"
}

create_app() {
  rm -rf "$APP" && mkdir -p "$WORK"
  (cd "$WORK" && BACKSTAGE_APP_NAME=adopter npx -y "@backstage/create-app@$CREATE_APP_VERSION" --skip-install --path app) >"$WORK/create-app.log" 2>&1 || {
    tail -20 "$WORK/create-app.log"
    return 1
  }
  local want got
  want="$(node -p "require('$ENCLAVE_ROOT/backstage.json').version")"
  got="$(node -p "require('$APP/backstage.json').version")"
  if [ "$want" != "$got" ]; then
    echo "[adoption] @backstage/create-app@$CREATE_APP_VERSION makes a $got app, backstage.json says $want: set CREATE_APP_VERSION to the create-app of $want" >&2
    return 1
  fi
  echo "[adoption] fresh Backstage $got app from @backstage/create-app@$CREATE_APP_VERSION"
}

wire() {
  restore_install
  # The lock seed. create-app pins a new app to its release by fetching the
  # release's yarn.lock seed from GitHub; offline that fetch fails ("Failed to
  # fetch the yarn.lock seed file") and the app floats to later versions that
  # do not fit together (plugin-signals-backend 0.3.21 + backend-defaults
  # 0.18.0: "httpRouter.addWebSocketHandler is not a function"). This repo's
  # yarn.lock is a lock of the same release (versions-check: one version of
  # each Backstage library), so it is the seed; yarn drops what the app does
  # not use. adoption-wire.js writes it, without this repo's workspaces and
  # patches.
  # README step 5: this repository's templates/ folder, copied into the app.
  mkdir -p "$APP/data-enclave" && cp -r "$ENCLAVE_ROOT/templates" "$APP/data-enclave/templates"
  node "$ENCLAVE_ROOT/scripts/lib/adoption-wire.js" "$ENCLAVE_ROOT/README.md" "$APP" "$PACK"
}

install() {
  # file: tarballs are rebuilt every run under the same path, so their
  # checksums in the kept yarn.lock are updated, not an error; under CI=true
  # yarn would default to an immutable lockfile, which a fresh app cannot have.
  (cd "$APP" && YARN_ENABLE_GLOBAL_CACHE=true YARN_GLOBAL_FOLDER="$CACHE/yarn-global" \
    YARN_CHECKSUM_BEHAVIOR=update YARN_ENABLE_IMMUTABLE_INSTALLS=false \
    nice -n 10 yarn install) >"$WORK/install.log" 2>&1 || {
    grep -E 'YN0001|YN0009|YN0018|Error' "$WORK/install.log" | tail -20
    return 1
  }
  tail -1 "$WORK/install.log"
  # One copy of each Backstage library: a nested duplicate means our ranges
  # disagree with the app's release.
  local dup
  dup="$(cd "$APP" && ls -d node_modules/@data-enclave/*/node_modules/@backstage/* 2>/dev/null)"
  if [ -n "$dup" ]; then
    echo "[adoption] Backstage libraries nested under our packages (versions the app does not use):" >&2
    echo "$dup" >&2
    return 1
  fi
}

app_tsc() { (cd "$APP" && nice -n 10 yarn tsc) >"$WORK/tsc.log" 2>&1 || { tail -40 "$WORK/tsc.log"; return 1; }; }

backend() {
  local port
  port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  # Test-only settings: loopback and a free port.
  cat >"$WORK/adoption-test.yaml" <<YAML
backend:
  baseUrl: http://127.0.0.1:$port
  listen:
    host: 127.0.0.1
    port: $port
YAML
  # Its own session, so the backend and everything it spawns stop together.
  (cd "$APP/packages/backend" && exec setsid yarn start --config ../../app-config.yaml --config "$WORK/adoption-test.yaml") >"$WORK/backend.log" 2>&1 &
  BACKEND_PID=$!
  BACKEND_PID="$BACKEND_PID" node "$ENCLAVE_ROOT/scripts/lib/adoption-check.js" "http://127.0.0.1:$port" || {
    echo "--- backend log (last 40 lines)"
    tail -40 "$WORK/backend.log"
    return 1
  }
  # README: the work dirs live under packages/backend/.enclave by default.
  [ -d "$APP/packages/backend/.enclave" ] && echo "[adoption] terraform dirs under packages/backend/.enclave, as documented"
}

phase pack pack
phase create-app create_app
phase wire wire
phase install install
phase app-tsc app_tsc
phase backend-checks backend
finish 0
