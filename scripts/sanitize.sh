#!/usr/bin/env bash
# Runs the XCTest suite and end-to-end runs (each shipped domain to a local
# folder, then `verify`; one S3 run and `verify` against a SeaweedFS it
# starts) under a sanitizer: debug builds in .build-asan or .build-tsan.
#
#   scripts/sanitize.sh address|thread
set -euo pipefail
sanitizer=$1
case $sanitizer in
  # The host exports the TSan runtime's symbols: the plugins it dlopens call them.
  address) scratch=.build-asan; flags=() ;;
  thread) scratch=.build-tsan; flags=(-Xlinker --export-dynamic) ;;
  *) echo "usage: $0 address|thread" >&2; exit 2 ;;
esac
swift=${SWIFT:-swift}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

# Allocations that are not ours (XCTest's, Foundation's): scripts/lsan.supp.
export LSAN_OPTIONS="suppressions=$here/scripts/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="detect_leaks=1"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
# Swift's crash backtracer spins under a sanitizer's runtime; the report says enough.
export SWIFT_BACKTRACE=enable=no

"$swift" build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" "${flags[@]}"
"$swift" test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch"

bin=$("$swift" build --sanitize="$sanitizer" --scratch-path "$scratch" "${flags[@]}" --show-bin-path)
plugins=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$plugins" "$out"' EXIT
for p in Customer360 IoT Clickstream SpecDomains; do ln -s "$bin/lib$p.so" "$plugins/lib$p.so"; done
for s in Plugins/Specs/*.yaml; do ln -s "$here/$s" "$plugins/"; done
for domain in customer360 iot clickstream web_events; do
  args=(--domain "$domain" --rows 60000 --file-size-mb 1 --row-group-mb 0.25 --workers 4 --plugins-dir "$plugins"
        --output "$out/$domain")
  "$bin/lb-datagen" "${args[@]}" --checkpoint "$out/$domain.json" > /dev/null
  "$bin/lb-datagen" verify "${args[@]}" > /dev/null
done
.venv/bin/python scripts/sanitize_s3.py "$bin" "$plugins"
echo "$sanitizer sanitizer: XCTest suite and end-to-end runs (local and S3) clean"
