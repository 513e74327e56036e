#!/usr/bin/env bash
# Runs the XCTest suite and an end-to-end run of each shipped domain under a
# sanitizer (debug build in .build-asan or .build-tsan).
#
#   scripts/sanitize.sh address|thread
set -euo pipefail
sanitizer=$1
case $sanitizer in
  address) scratch=.build-asan ;;
  thread) scratch=.build-tsan ;;
  *) echo "usage: $0 address|thread" >&2; exit 2 ;;
esac
swift=${SWIFT:-swift}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

# Leaks that are not ours: XCTest's async test harness and Foundation's
# Process keep weak references alive; see docs/reliability.md.
export LSAN_OPTIONS="suppressions=$here/scripts/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"

"$swift" build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"
"$swift" test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch"

bin=$("$swift" build --sanitize="$sanitizer" --scratch-path "$scratch" --show-bin-path)
plugins=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$plugins" "$out"' EXIT
for p in Customer360 IoT Clickstream; do ln -s "$bin/lib$p.so" "$plugins/lib$p.so"; done
for domain in customer360 iot clickstream; do
  "$bin/lb-datagen" --domain "$domain" --rows 60000 --file-size-mb 1 --row-group-mb 0.25 --workers 4 \
    --plugins-dir "$plugins" --output "$out/$domain" --checkpoint "$out/$domain.json" > /dev/null
  "$bin/lb-datagen" verify --domain "$domain" --rows 60000 --file-size-mb 1 --row-group-mb 0.25 --workers 4 \
    --plugins-dir "$plugins" --output "$out/$domain" > /dev/null
done
echo "$sanitizer sanitizer: XCTest suite and end-to-end runs clean"
