#!/usr/bin/env bash
# Mutation testing of the pure rules (Stryker.NET, pinned in .config/dotnet-tools.json): each module's Domain/ and
# Platform's pure parts (ranking, local time), against the rules' own tests (tests/Podium.Rules.Tests: no host, no
# database, so every mutant costs well under a second). Fails below 95 % killed.
#   scripts/mutation.sh                  every module, then platform
#   scripts/mutation.sh club [platform]  those only (a module is src/Podium.Modules.<Name>, in lower case)
#   scripts/mutation.sh --since REF      CI: only the rule files changed since the merge base with REF (all of a module's
#                                        when its rule tests changed); with no such change it runs nothing and succeeds
# Reports (HTML and JSON) go to artifacts/mutation/<module>/reports/. MUTATION_CONCURRENCY sets Stryker's test
# processes (default 1: the machine is shared).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
say() { echo "mutation.sh: $*" >&2; }

root=$PWD
tests=tests/Podium.Rules.Tests
break_at=95

# module -> its project folder and the files Stryker mutates (globs relative to the repository).
modules() { # every module, in order
  local dir
  for dir in src/Podium.Modules.*/; do dir=${dir%/}; echo "${dir#src/Podium.Modules.}" | tr '[:upper:]' '[:lower:]'; done
  echo platform
}
project_of() {
  local dir
  if [[ $1 == platform ]]; then echo src/Podium.Platform; return; fi
  for dir in src/Podium.Modules.*/; do
    dir=${dir%/}
    if [[ $(echo "${dir#src/Podium.Modules.}" | tr '[:upper:]' '[:lower:]') == "$1" ]]; then echo "$dir"; return; fi
  done
  say "no module '$1' (known: $(modules | tr '\n' ' '))"
  return 1
}
globs_of() { # repository-relative globs of the rule files
  if [[ $1 == platform ]]; then
    echo src/Podium.Platform/Modules/Ranking.cs
    echo src/Podium.Platform/Modules/Slugs.cs
    echo 'src/Podium.Platform/Modules/LocalTime/**/*.cs'
    echo src/Podium.Platform/Competitions/ItemLock.cs
    echo src/Podium.Platform/Competitions/InviteCodes.cs
    echo 'src/Podium.Platform/Scores/**/*.cs'
  else
    echo "$(project_of "$1")/Domain/**/*.cs"
  fi
}
# The rules' tests of a module (a changed test can weaken the gate as much as a changed rule).
tests_of() { if [[ $1 == platform ]]; then echo "$tests/Platform/"; else echo "$tests/$(basename "$(project_of "$1")" | sed 's/^Podium\.Modules\.//')/"; fi; }

matches() { # path glob: bash's pattern matching, with ** meaning any depth
  local pattern=${2//\*\*\//*}
  # shellcheck disable=SC2053 # the right-hand side is a pattern on purpose
  [[ $1 == $pattern ]]
}

run() { # module [repository-relative file or glob to mutate…] (default: all of the module's rule files)
  local module=$1 project args=() glob
  shift
  project=$(project_of "$module")
  local files=("$@")
  ((${#files[@]})) || mapfile -t files < <(globs_of "$module")
  for glob in "${files[@]}"; do args+=(--mutate "**/${glob#"$project"/}"); done
  say "$module: mutating ${files[*]}"
  local start=$SECONDS
  # A failed build leaves no report: never show the previous run's.
  rm -rf "$root/artifacts/mutation/$module"
  # From the project's folder, so Stryker picks that project out of the test project's references.
  local status=0
  (cd "$project" && dotnet tool run dotnet-stryker \
    --test-runner mtp \
    --test-project "$root/$tests/Podium.Rules.Tests.csproj" \
    --concurrency "${MUTATION_CONCURRENCY:-1}" \
    --break-at "$break_at" --threshold-low "$break_at" --threshold-high 100 \
    --reporter Progress --reporter Html --reporter Json \
    --output "$root/artifacts/mutation/$module" \
    --skip-version-check \
    "${args[@]}") || status=$?
  say "$module: $((SECONDS - start)) s, report: artifacts/mutation/$module/reports/mutation-report.html"
  summary "artifacts/mutation/$module/reports/mutation-report.json"
  return $status
}

# Counts and the mutants no test noticed, from the JSON report (Stryker's own table is too wide for a log).
summary() { # report.json
  [[ -f $1 ]] && command -v jq >/dev/null || return 0
  jq -r '[.files[].mutants[].status] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' "$1" >&2
  jq -r '.files | to_entries[] | .key as $file | .value.mutants[] | select(.status == "Survived" or .status == "NoCoverage")
    | "  \(.status) \($file | sub(".*/src/"; "src/")):\(.location.start.line) \(.mutatorName): \(.replacement // "" | gsub("\\s+"; " ") | .[0:100])"' "$1" >&2
}

dotnet tool restore >/dev/null

# Incremental (CI): the rule files changed since the merge base; every rule file of a module whose rule tests changed
# (a weakened test is as bad as an untested rule). Worked out here from git rather than with Stryker's own --since:
# Stryker 5.1 ignores changed tests (their mutants are "removed by since filter", the run has no score and exits 0)
# and, in a git worktree, resolves changed paths under .git/worktrees/… so it matches no file at all.
if [[ ${1:-} == --since ]]; then
  ref=${2:?"--since needs a git reference (e.g. main)"}
  base=$(git merge-base HEAD "$ref") || { say "no merge base with '$ref'"; exit 1; }
  # Committed changes and the working tree's; deleted files have nothing left to mutate.
  mapfile -t changed < <(git diff --name-only --diff-filter=d "$base" --)
  status=0 ran=no
  for module in $(modules); do
    mutate=() tests_changed=no
    for file in "${changed[@]}"; do
      [[ $file == "$(tests_of "$module")"* ]] && tests_changed=yes
      while read -r glob; do matches "$file" "$glob" && mutate+=("$file"); done < <(globs_of "$module")
    done
    [[ $tests_changed == yes ]] && mutate=()
    [[ $tests_changed == no && ${#mutate[@]} -eq 0 ]] && continue
    ran=yes
    say "$module: changed since ${base:0:12}: ${mutate[*]:-its rule tests}"
    run "$module" "${mutate[@]}" || status=1
  done
  [[ $ran == no ]] && say "no rule or rule test changed since ${base:0:12}: nothing to mutate"
  exit $status
fi

if (($# == 0)); then mapfile -t chosen < <(modules); else chosen=("$@"); fi
status=0
for module in "${chosen[@]}"; do
  project_of "$module" >/dev/null || exit 2
  run "$module" || status=1
done
exit $status
