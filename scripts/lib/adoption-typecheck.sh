#!/usr/bin/env bash
# Type-checks our packages' TypeScript sources against the libraries an
# adopter's app really installed:  bash scripts/lib/adoption-typecheck.sh APP
# Why: this repo stays on Backstage 1.55.0's own versions (.yarnrc.yml's age
# gate), while a fresh create-app of 1.55 resolves its ^ranges to newer
# majors (catalog-node 3, scaffolder-node 1, catalog-react 4, …) that our
# ranges also accept, so only here is our code compiled against those.
# The app is only read. The sources are copied to a temp dir laid out as the
# published packages resolve: <tmp>/<pkg>/node_modules is the installed
# package's own nested node_modules, <tmp>/node_modules the app's, so an
# import finds the same copy it finds at run time. Tests are left out (they
# need this repo's dev dependencies).
set -uo pipefail
app="$(cd "${1:?usage: adoption-typecheck.sh APP_DIR}" && pwd)"
root="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$root/.cache"
tmp="$(mktemp -d "$root/.cache/typecheck.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

ln -s "$app/node_modules" "$tmp/node_modules"
include=()
for dir in "$root"/plugins/*/; do
  name="$(node -p "require('${dir}package.json').name.split('/')[1]")"
  installed="$app/node_modules/@data-enclave/$name"
  [ -d "$installed" ] || { echo "[typecheck] @data-enclave/$name is not installed in $app" >&2; exit 1; }
  mkdir -p "$tmp/$name"
  cp -r "${dir}src" "$tmp/$name/src"
  [ -d "$installed/node_modules" ] && ln -s "$installed/node_modules" "$tmp/$name/node_modules"
  include+=("\"$name/src\"")
done

cat >"$tmp/tsconfig.json" <<JSON
{
  "extends": "./node_modules/@backstage/cli/config/tsconfig.json",
  "include": [$(IFS=,; echo "${include[*]}")],
  "exclude": ["**/*.test.ts", "**/*.test.tsx", "**/__testUtils__/**", "**/testing/**", "**/setupTests.ts", "**/testUtils.ts"],
  "compilerOptions": {
    "noEmit": true,
    "declaration": false,
    "emitDeclarationOnly": false,
    "incremental": false,
    "jsx": "react-jsx",
    "rootDir": "."
  }
}
JSON

echo -n "[typecheck] against the app's"
(cd "$app" && node -e '
for (const p of ["backend-plugin-api","plugin-catalog-node","plugin-scaffolder-node","plugin-events-node","plugin-catalog-react","plugin-scaffolder-react","core-compat-api","frontend-plugin-api"])
  try { process.stdout.write(` ${p.replace("plugin-","")} ${require(`@backstage/${p}/package.json`).version}`) } catch {}
console.log()')
(cd "$tmp" && node node_modules/typescript/bin/tsc -p tsconfig.json)
rc=$?
[ $rc -eq 0 ] && echo "[typecheck] our sources compile against the app's libraries" ||
  echo "[typecheck] FAILED: our sources do not compile against the libraries this app installed" >&2
exit $rc
