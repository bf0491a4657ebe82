#!/usr/bin/env bash
# `npm test`, the README's test command and what CI runs: build, typecheck,
# every vitest suite, then the VS Code e2e suite (packaged .vsix in
# code-server + Debian chromium; it installs what it needs). The ClickHouse
# tests always run on chDB (current ClickHouse in-process, the devDependency
# chdb); their two-shard 18.16 cluster runs start and stop their own cluster by
# PID when JOURNEY_REQUIRE_ALL_ENGINES=1 (CI) and are skipped otherwise unless
# JOURNEY_CLICKHOUSE_URL names one.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0
step() { echo "[test t=${SECONDS}s] $*"; }

step "build"
npm run build --silent
step "typecheck"
npm run typecheck --silent

step "vitest"
mkdir -p .test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json || status=$?
unit=$(node -e "const r=require('./.test-results/vitest.json'); console.log(r.numPassedTests + ' ' + r.numFailedTests + ' ' + r.numPendingTests)" 2>/dev/null || echo "0 0 0")
read -r passed failed skipped <<<"$unit"

step "VS Code e2e"
e2e=0
bash scripts/e2e.sh || e2e=$?
step "done"
[ "$e2e" -eq 0 ] && passed=$((passed + 1)) || failed=$((failed + 1))
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped (the e2e suite counts as one)"
[ "$status" -eq 0 ] && [ "$e2e" -eq 0 ]
