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
# ENCLAVE_ADOPTION_ALLOW_SKEW=1 reports version skew but goes on (diagnosis).
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
# yarn.lock: every run resolves the fresh app's ranges again.
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
  # Its versions table, for the release pins (adoption-wire.js says why).
  export ADOPTION_CREATE_APP_DIR="$CACHE/create-app-$CREATE_APP_VERSION/package"
  if [ ! -f "$ADOPTION_CREATE_APP_DIR/dist/lib/versions.cjs.js" ]; then
    mkdir -p "$CACHE/create-app-$CREATE_APP_VERSION"
    (cd "$CACHE/create-app-$CREATE_APP_VERSION" && npm pack --silent "@backstage/create-app@$CREATE_APP_VERSION" >/dev/null && tar -xzf backstage-create-app-*.tgz) || return 1
  fi
}

wire() {
  restore_install
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
  # One copy of each Backstage library our packages share with the app: a
  # nested copy of another major (0.x: minor) means our ranges disagree with
  # the release, and its extension points and service refs would not match.
  # A newer patch of the same line only warns (the release pins are exact).
  (cd "$APP" && node -e '
    const { readdirSync, readFileSync, existsSync } = require("node:fs");
    const v = p => JSON.parse(readFileSync(p, "utf8")).version;
    const line = ver => { const [a, b] = ver.split("."); return a === "0" ? `0.${b}` : a; };
    let bad = 0;
    for (const pkg of readdirSync("node_modules/@data-enclave")) {
      const dir = `node_modules/@data-enclave/${pkg}/node_modules/@backstage`;
      if (!existsSync(dir)) continue;
      for (const lib of readdirSync(dir)) {
        const ours = v(`${dir}/${lib}/package.json`);
        const root = existsSync(`node_modules/@backstage/${lib}/package.json`) ? v(`node_modules/@backstage/${lib}/package.json`) : "none";
        const skew = root !== "none" && line(root) !== line(ours);
        if (skew) bad++;
        console.log(`[adoption] ${skew ? "SKEW" : "note"}: @data-enclave/${pkg} has @backstage/${lib} ${ours}, the app ${root}`);
      }
    }
    process.exit(bad && !process.env.ENCLAVE_ADOPTION_ALLOW_SKEW ? 1 : 0);
  ')
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
