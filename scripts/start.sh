#!/usr/bin/env bash
# Starts the portal: frontend on :3000, backend on :7007, Data Enclave in plan mode.
# Works on a machine with only Node 20 + npm: Node 22 and Yarn 4 are bootstrapped.
source "$(dirname "$0")/env.sh"
enclave_install
cd "$ENCLAVE_ROOT"
exec yarn start "$@"
