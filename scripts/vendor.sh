#!/usr/bin/env bash
# Copies the front-end libraries we serve (and the ones the browser tests inject) from npm into the repo, with
# their licences. The copies are committed: the app never loads anything from a CDN and builds offline.
# Upgrade: change a version below, run this script, review the diff, commit.
set -euo pipefail
cd "$(dirname "$0")/.."

BOOTSTRAP=5.3.8
HTMX=2.0.11      # the 2.x line: stable, and what the htmx docs and extensions target (4.x changes the API)
AXE_CORE=4.14.1  # browser tests only

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts \
  "bootstrap@$BOOTSTRAP" "htmx.org@$HTMX" "axe-core@$AXE_CORE" >/dev/null)
nm="$work/node_modules"

lib=src/Podium.Web/wwwroot/lib
rm -rf "$lib/bootstrap" "$lib/htmx"
mkdir -p "$lib/bootstrap/css" "$lib/bootstrap/js" "$lib/htmx"
cp "$nm/bootstrap/dist/css/bootstrap.min.css" "$lib/bootstrap/css/"
cp "$nm/bootstrap/dist/js/bootstrap.bundle.min.js" "$lib/bootstrap/js/"
cp "$nm/bootstrap/LICENSE" "$lib/bootstrap/LICENSE"
cp "$nm/htmx.org/dist/htmx.min.js" "$lib/htmx/"
cp "$nm/htmx.org/LICENSE" "$lib/htmx/LICENSE"

assets=tests/Podium.Browser.Tests/assets
mkdir -p "$assets"
cp "$nm/axe-core/axe.min.js" "$assets/axe.min.js"
cp "$nm/axe-core/LICENSE" "$assets/axe-core.LICENSE"

cat > "$lib/VERSIONS" <<VERSIONS
bootstrap $BOOTSTRAP (MIT)
htmx.org $HTMX (0BSD)
VERSIONS
echo "vendored: bootstrap $BOOTSTRAP, htmx.org $HTMX, axe-core $AXE_CORE"
