#!/usr/bin/env bash
# Copies the front-end libraries we serve (and the ones the browser tests inject) from npm into the repo, with
# their licences. The copies are committed: the app never loads anything from a CDN and builds offline.
# Upgrade: change a version below, run this script, review the diff, commit.
set -euo pipefail
cd "$(dirname "$0")/.."

BOOTSTRAP=5.3.8
HTMX=2.0.11      # the 2.x line: stable, and what the htmx docs and extensions target (4.x changes the API)
AXE_CORE=4.14.1  # browser tests only
SIGNALR=10.0.11  # same major as the server
CHARTJS=4.6.1    # club standings chart

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts \
  "bootstrap@$BOOTSTRAP" "htmx.org@$HTMX" "axe-core@$AXE_CORE" "@microsoft/signalr@$SIGNALR" "chart.js@$CHARTJS" >/dev/null)
nm="$work/node_modules"

lib=src/Podium.Web/wwwroot/lib
rm -rf "$lib/bootstrap" "$lib/htmx" "$lib/signalr" "$lib/chartjs"
mkdir -p "$lib/bootstrap/css" "$lib/bootstrap/js" "$lib/htmx" "$lib/signalr" "$lib/chartjs"
cp "$nm/bootstrap/dist/css/bootstrap.min.css" "$lib/bootstrap/css/"
cp "$nm/bootstrap/dist/js/bootstrap.bundle.min.js" "$lib/bootstrap/js/"
cp "$nm/bootstrap/LICENSE" "$lib/bootstrap/LICENSE"
cp "$nm/htmx.org/dist/htmx.min.js" "$lib/htmx/"
cp "$nm/htmx.org/LICENSE" "$lib/htmx/LICENSE"
cp "$nm/chart.js/dist/chart.umd.min.js" "$lib/chartjs/"
cp "$nm/chart.js/LICENSE.md" "$lib/chartjs/LICENSE.md"
cp "$nm/@microsoft/signalr/dist/browser/signalr.min.js" "$lib/signalr/"
# The npm package ships no licence file; its package.json says MIT, copyright the .NET Foundation (dotnet/aspnetcore).
license=$(node -p "require('$nm/@microsoft/signalr/package.json').license")
[[ $license == MIT ]] || { echo "@microsoft/signalr licence changed to $license: review before vendoring" >&2; exit 1; }
cat > "$lib/signalr/LICENSE" <<'MIT'
@microsoft/signalr — The MIT License (MIT), as declared by the package (https://github.com/dotnet/aspnetcore)

Copyright (c) .NET Foundation and Contributors

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation the
rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the
Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
MIT

assets=tests/Podium.Browser.Tests/assets
mkdir -p "$assets"
cp "$nm/axe-core/axe.min.js" "$assets/axe.min.js"
cp "$nm/axe-core/LICENSE" "$assets/axe-core.LICENSE"

cat > "$lib/VERSIONS" <<VERSIONS
bootstrap $BOOTSTRAP (MIT)
htmx.org $HTMX (0BSD)
@microsoft/signalr $SIGNALR (MIT)
chart.js $CHARTJS (MIT)
VERSIONS
echo "vendored: bootstrap $BOOTSTRAP, htmx.org $HTMX, @microsoft/signalr $SIGNALR, chart.js $CHARTJS, axe-core $AXE_CORE"
