#!/usr/bin/env bash
# Runs one fuzz target (a *FuzzTest class) for longer than the few seconds `./gatehouse test`
# gives it, and keeps what it finds in the repo: new inputs that reach new code, and crashing
# inputs, go into the target's corpus under src/test/resources, where every later test run
# replays them. RELIABILITY.md describes the targets.
#   scripts/fuzz.sh --list
#   scripts/fuzz.sh TARGET [--minutes N]     (default 10 minutes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

targets() {
  find gatehouse-*/src/test/java -name '*FuzzTest.java' | sort
}

usage() {
  echo "usage: ./gatehouse fuzz TARGET [--minutes N] | ./gatehouse fuzz --list" >&2
  exit 2
}

case "${1:-}" in
  ""|-h|--help) usage ;;
  --list)
    targets | while read -r f; do
      printf '%-28s %s\n' "$(basename "$f" .java)" "${f%%/*}"
    done
    exit 0
    ;;
esac

target="$1"; shift
minutes=10
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) [ $# -ge 2 ] || usage; minutes="$2"; shift 2 ;;
    *) usage ;;
  esac
done
[[ "$minutes" =~ ^[1-9][0-9]*$ ]] || { echo "gatehouse fuzz: --minutes $minutes (expected a whole number of minutes, 1 or more)" >&2; exit 2; }

file="$(targets | grep "/$target\.java$" || true)"
[ -n "$file" ] || { echo "gatehouse fuzz: no target $target (./gatehouse fuzz --list names them)" >&2; exit 2; }
module="${file%%/*}"
class_path="${file#*/src/test/java/}"
fqcn="$(echo "${class_path%.java}" | tr / .)"
method="$(grep -A4 '@FuzzTest' "$file" | sed -n 's/^ *void \([A-Za-z0-9_]*\)(.*/\1/p' | head -1)"
corpus="$root/$module/src/test/resources/$(dirname "$class_path")/${target}Inputs/$method"
mkdir -p "$corpus"
before="$(find "$corpus" -type f | wc -l)"

echo "gatehouse fuzz: $fqcn#$method for $minutes min; corpus $corpus ($before inputs)" >&2
mvn -q -B -Dstyle.color=never -pl "$module" -am install -DskipTests >&2
status=0
mvn -B -ntp -Dstyle.color=never -pl "$module" test-compile surefire:test@fuzz \
  -Dfuzz.test="$fqcn" -Dfuzz.seconds=$((minutes * 60)) -Dfuzz.workdir="$root/$module" \
  -Djazzer.internal.arg.4="$corpus" || status=$?
after="$(find "$corpus" -type f | wc -l)"
crashes="$(find "$corpus" -type f -name 'crash-*' | wc -l)"
echo "gatehouse fuzz: $target: corpus $before -> $after inputs, $crashes crashing input(s) kept in $corpus" >&2
exit "$status"
