#!/usr/bin/env bash
# `make image`: builds lb-datagen:<version> and lb-datagen:latest from the
# Dockerfile with whichever engine runs here: docker (a reachable daemon),
# else buildah, else podman. buildah and podman keep the image in podman's
# default storage (`podman images` lists localhost/lb-datagen:latest).
#
# With buildah or podman and no debian:bookworm-slim in the local storage,
# the base is made locally from the machine's Debian mirror (mmdebstrap, the
# slim variant's excludes) and imported under that name, so no registry is
# needed; the tar is cached in .build-image/base/. Podman's defaults do not
# run on every host (crun on hybrid cgroups, high ulimits): it is called with
# runc and cgroupfs, which work everywhere. LB_IMAGE_ENGINE=docker|buildah|podman
# chooses the engine instead; LB_IMAGE_NAME another name than lb-datagen.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=.build-image/lb-datagen
base=docker.io/library/debian:bookworm-slim
base_tar=.build-image/base/debian-bookworm-slim.tar

rm -rf "$tree"
make -s install PREFIX="$PWD/$tree"
version_text=$("$tree/bin/lb-datagen" --version)
version=$(sed -n 's/^lb-datagen //p' <<<"$version_text")
build_args=(
    --build-arg "VERSION=$version"
    --build-arg "REVISION=$(git rev-parse HEAD 2>/dev/null || echo unknown)"
    --build-arg "SOURCE=$(git remote get-url origin 2>/dev/null || echo unknown)"
    --build-arg "ABI_VERSION=$(sed -n 's/^plugin ABI //p' <<<"$version_text")"
    --build-arg "SWIFT_VERSION=$(sed -n 's/^Swift //p' <<<"$version_text")"
)
name=${LB_IMAGE_NAME:-lb-datagen}
tags=(-t "$name:$version" -t "$name:latest")

engine=${LB_IMAGE_ENGINE:-}
if [ -z "$engine" ]; then
    if command -v docker >/dev/null && docker info >/dev/null 2>&1; then engine=docker
    elif command -v buildah >/dev/null; then engine=buildah
    elif command -v podman >/dev/null; then engine=podman
    else
        echo "image: no container engine (docker, buildah or podman) found; scripts/setup.sh image installs buildah and podman" >&2
        exit 1
    fi
fi
if [ "$engine" = docker ]; then
    exec docker build "${build_args[@]}" "${tags[@]}" -f Dockerfile .
fi

podman=(podman --runtime runc --cgroup-manager cgroupfs --events-backend file)
if ! "${podman[@]}" image exists "$base" 2>/dev/null && ! buildah inspect --type image "$base" >/dev/null 2>&1; then
    if [ ! -s "$base_tar" ]; then
        mkdir -p "$(dirname "$base_tar")"
        echo "image: making the debian:bookworm-slim base from the Debian mirror (mmdebstrap; log in $base_tar.log)" >&2
        # debian:bookworm-slim's recipe: minbase, merged /usr, no docs, man pages or locales.
        mmdebstrap --quiet --variant=minbase --mode=auto --format=tar \
            --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
            --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
            --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
            --dpkgopt='path-exclude=/usr/share/locale/*' \
            --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
            bookworm "$base_tar.part" >"$base_tar.log" 2>&1 || { tail -5 "$base_tar.log" >&2; exit 1; }
        mv "$base_tar.part" "$base_tar"
    fi
    "${podman[@]}" import -q "$base_tar" "$base" >/dev/null
fi
if [ "$engine" = buildah ]; then
    buildah bud --quiet --isolation chroot --pull=never --layers "${build_args[@]}" "${tags[@]}" -f Dockerfile .
else
    "${podman[@]}" build --quiet --isolation chroot --pull=never --layers "${build_args[@]}" "${tags[@]}" -f Dockerfile .
fi
