#!/usr/bin/env bash
# Regenerates every published package's API report (report*.api.md) with
# @backstage/repo-tools; with --check, fails when a committed report differs.
# Why not `api-reports --ci`: API Extractor writes absolute source paths into its
# warning lines, so a report made in one checkout never matches another clone.
# We regenerate, strip this checkout's root from the reports, and let git judge.
source "$(dirname "$0")/env.sh"
cd "$ENCLAVE_ROOT"
# From scratch, always: TypeScript prints a union's members in the order it first
# met them, and an incremental build meets them in a different order than a fresh
# clone does, so reports made on a warm checkout would never match CI's.
rm -rf dist-types
yarn tsc
backstage-repo-tools api-reports --allow-all-warnings plugins/* >/dev/null || exit 1
sed -i "s#${ENCLAVE_ROOT}/##g" plugins/*/report*.api.md
if [ "${1:-}" = "--check" ]; then
  if ! git diff --exit-code --stat -- 'plugins/*/report*.api.md'; then
    echo "API reports are stale: run 'yarn api-reports' and commit the report*.api.md changes" >&2
    exit 1
  fi
  echo "API reports are current"
fi
