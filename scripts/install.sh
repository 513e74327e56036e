#!/usr/bin/env bash
# Lays out a self-contained install tree (`make install PREFIX=DIR`) from a
# release build linked with RUNPATH $ORIGIN/../lib:
#   DIR/bin/lb-datagen   the host
#   DIR/plugins/         the shipped domains (plugins and spec files): the
#                        host's default plugins folder
#                        (/opt/lb-datagen/plugins in the image)
#   DIR/lib/             every shared library the host and the plugins load
#                        from the Swift toolchain or the build folder, as ldd
#                        finds them: nothing from the toolchain is needed to run
# Everything is stripped. System libraries (glibc, libcurl, OpenSSL, libyaml, the
# codecs, libstdc++) come from the OS.
# Usage: scripts/install.sh BUILD_DIR PREFIX PLUGIN|SPEC.yaml...
# (a plugin by its product name: lib<name>.so in BUILD_DIR; a spec file by path)
set -euo pipefail
build=$(realpath "$1"); prefix=$2; shift 2
swift_lib=$(realpath "$(dirname "$(realpath "$(command -v swiftc)")")/../lib/swift/linux")

mkdir -p "$prefix/bin" "$prefix/lib" "$prefix/plugins"
install -m 755 "$build/lb-datagen" "$prefix/bin/lb-datagen"
for domain in "$@"; do
    case $domain in
        *.yaml) install -m 644 "$domain" "$prefix/plugins/$(basename "$domain")" ;;
        *) install -m 755 "$build/lib$domain.so" "$prefix/plugins/lib$domain.so" ;;
    esac
done

# What the dynamic linker resolves for each file, given the toolchain and the
# build folder; anything it cannot find is an error, not a surprise at run time.
needed=$(for file in "$prefix/bin/lb-datagen" "$prefix"/plugins/*.so; do
    LD_LIBRARY_PATH="$swift_lib:$build" ldd "$file"
done)
if grep -q "not found" <<<"$needed"; then
    echo "install: unresolved libraries:" >&2; grep "not found" <<<"$needed" | sort -u >&2; exit 1
fi
awk '$2 == "=>" { print $3 }' <<<"$needed" | sort -u | while read -r library; do
    case $(realpath "$library") in
        "$swift_lib"/*|"$build"/*)
            [ -e "$prefix/plugins/$(basename "$library")" ] || install -m 755 "$(realpath "$library")" "$prefix/lib/$(basename "$library")" ;;
    esac
done

strip --strip-unneeded "$prefix/bin/lb-datagen" "$prefix"/lib/* "$prefix"/plugins/*.so
