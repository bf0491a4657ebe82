#!/usr/bin/env bash
# End-to-end test of the packaged extension in a real VS Code (code-server
# 4.100.3 from npm) driven by Debian's chromium through playwright-core.
# Installs what it needs (idempotent, cached in .e2e/), packages the .vsix,
# starts code-server by PID, runs test/e2e/run-e2e.cjs, and always kills what
# it started. Screenshots land in test/e2e/artifacts/.
#   scripts/e2e.sh            install + package + run
#   scripts/e2e.sh install    only install the tools (warm the cache)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${E2E_CACHE:-$ROOT/.e2e}
CS_VER=4.100.3            # last code-server whose engines accept Node 20 (VS Code 1.100.3)
PORT=${E2E_PORT:-$((8800 + RANDOM % 800))}
ART=$ROOT/test/e2e/artifacts
RUN=$CACHE/run-$$
ts() { echo "[$(date +%T)] $*"; }
mkdir -p "$CACHE" "$ART"
# node-gyp must use the local Node headers, else it downloads them
export npm_config_nodedir=/usr
# npm runs are serialized with other installs on a shared machine (a no-op lock in CI).
npm_locked() { if command -v flock >/dev/null; then flock /tmp/npm.lock npm "$@"; else npm "$@"; fi; }

install_tools() {
    local need=()
    command -v chromium >/dev/null || need+=(chromium)
    command -v rg >/dev/null || need+=(ripgrep)
    dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
    command -v g++ >/dev/null || need+=(g++ make python3 pkg-config)
    if [ ${#need[@]} -gt 0 ]; then
        ts "apt install ${need[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    fi
    local CSD=$CACHE/code-server
    if [ ! -f "$CSD/.built-$CS_VER" ]; then
        ts "npm install code-server@$CS_VER into $CSD (no scripts)"
        mkdir -p "$CSD" "$CACHE/tmp"
        (cd "$CSD" && { [ -f package.json ] || npm init -y >/dev/null; } \
            && npm_locked install --ignore-scripts --no-audit --no-fund code-server@$CS_VER >/dev/null)
        # @vscode/ripgrep's postinstall downloads rg from GitHub: seed its cache with Debian's rg
        local RGV
        RGV=$(node -p "require('$CSD/node_modules/code-server/lib/vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep'].version")
        mkdir -p "$CACHE/tmp/vscode-ripgrep-cache-$RGV"
        tar czf "$CACHE/tmp/vscode-ripgrep-cache-$RGV/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
        ts "build code-server's native modules"
        # unsafe_perm: postinstall refuses root without it; yes: node-pty runs 'npx node-gyp'
        (cd "$CSD" && TMPDIR=$CACHE/tmp npm_config_unsafe_perm=true npm_config_yes=true \
            npm_locked rebuild code-server argon2 >"$CACHE/rebuild.log" 2>&1) || { tail -40 "$CACHE/rebuild.log"; exit 1; }
        touch "$CSD/.built-$CS_VER"
    fi
}

install_tools
[ "${1:-}" = install ] && { ts "tools ready"; exit 0; }

ts "build + package the extension"
(cd "$ROOT" && node esbuild.mjs --production && npx vsce package --no-dependencies --readme-path extension/README.md -o "$CACHE/journey.vsix" >/dev/null)

mkdir -p "$RUN/udd/User" "$RUN/exts" "$RUN/home"
CSPID=
cleanup() {
    # code-server runs in its own process group (setsid): ending the group also ends the
    # extension hosts and language servers it started, and nothing else.
    stop_cs
    rm -rf "$RUN"
}
trap cleanup EXIT
CS_BIN=$CACHE/code-server/node_modules/.bin/code-server
CS="$CS_BIN --config $RUN/config.yaml --user-data-dir $RUN/udd --extensions-dir $RUN/exts"
$CS --install-extension "$CACHE/journey.vsix" >/dev/null
$CS --list-extensions | grep -q journey-analytics || { echo "extension did not install"; exit 1; }

cat >"$RUN/udd/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.colorTheme": "Default Light Modern",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.commandCenter.enabled": false,
  "editor.codeLens": true,
  "editor.hover.delay": 200,
  "files.simpleDialog.enable": true,
  "git.enabled": false,
  "git.openRepositoryInParentFolders": "never"
}
JSON
rm -f "$ART"/*.png "$ART"/results.json

ts "prepare the workspace"
WS=$RUN/workspace
node "$ROOT/test/e2e/make-workspace.cjs" "$ROOT" "$WS"

# Starts code-server (its own process group) with the user data dir $1 and extra flags; waits for /healthz.
start_cs() {
    local udd=$1; shift
    ts "start code-server on 127.0.0.1:$PORT ($*)"
    HOME=$RUN/home setsid $CS_BIN --config "$RUN/config.yaml" --user-data-dir "$udd" --extensions-dir "$RUN/exts" \
        --bind-addr 127.0.0.1:$PORT --auth none --disable-telemetry --disable-update-check "$@" >>"$RUN/cs.log" 2>&1 &
    CSPID=$!
    for i in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0; sleep 0.5; done
    echo "code-server did not answer on port $PORT"; tail -20 "$RUN/cs.log"; return 1
}
stop_cs() {
    if [ -n "$CSPID" ]; then kill -- -"$CSPID" 2>/dev/null || true; sleep 1; kill -9 -- -"$CSPID" 2>/dev/null || true; fi
    CSPID=
}

status=0
start_cs "$RUN/udd" --disable-workspace-trust
# E2E_ONLY=editor-ux runs only the editor-ux checks (compare, guided creation, filters, Pathfinder to stages).
if [ "${E2E_ONLY:-}" != editor-ux ]; then
ts "run the suite"
CS_URL="http://127.0.0.1:$PORT/?folder=$WS" WS="$WS" ROOT="$ROOT" ART="$ART" \
    node "$ROOT/test/e2e/run-e2e.cjs" || status=$?
fi
ts "run the editor-ux checks"
CS_URL="http://127.0.0.1:$PORT/?folder=$WS" WS="$WS" ROOT="$ROOT" ART="$ART" \
    node "$ROOT/test/e2e/run-e2e-editor-ux.cjs" || status=$?
stop_cs
[ "${E2E_ONLY:-}" = editor-ux ] && { ts "done (exit $status)"; exit $status; }

# Restricted Mode: the same workspace, trust on, answered "don't trust".
mkdir -p "$RUN/udd-restricted/User"
sed 's/"security.workspace.trust.enabled": false/"security.workspace.trust.enabled": true/' \
    "$RUN/udd/User/settings.json" >"$RUN/udd-restricted/User/settings.json"
start_cs "$RUN/udd-restricted"
ts "run the Restricted Mode check"
CS_URL="http://127.0.0.1:$PORT/?folder=$WS" ROOT="$ROOT" ART="$ART" node "$ROOT/test/e2e/run-restricted.cjs" || status=$?
stop_cs

[ $status -ne 0 ] && { echo "--- code-server log (tail)"; tail -30 "$RUN/cs.log"; }
ts "done (exit $status)"
exit $status
