# The lb-datagen runtime image: the install tree (`make install`) on Debian
# bookworm-slim with the runtime libraries it links, nothing else.
# `make image` builds it: it makes the tree in .build-image/lb-datagen first
# and passes the label values. Custom images add a domain with one layer:
#   FROM lb-datagen:<tag>
#   COPY libmydomain.so /opt/lb-datagen/plugins/
FROM debian:bookworm-slim

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libcurl4 libssl3 libsnappy1v5 libzstd1 liblz4-1 libyaml-0-2 libstdc++6 ca-certificates \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 lbdatagen \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /work --shell /usr/sbin/nologin lbdatagen \
 && mkdir /work && chown 10001:10001 /work

# bin/lb-datagen, lib/ (the Swift runtime), plugins/ (the default plugins
# folder: the contract custom images rely on; LB_PLUGINS_DIR overrides it).
COPY .build-image/lb-datagen/ /opt/lb-datagen/

# A numeric user, so Kubernetes can check runAsNonRoot; the checkpoint lives
# in the working directory, which must stay writable (an emptyDir there when
# the root filesystem is read-only).
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["/opt/lb-datagen/bin/lb-datagen"]

ARG VERSION=unknown
ARG REVISION=unknown
ARG ABI_VERSION=unknown
ARG SWIFT_VERSION=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="lb-datagen" \
      org.opencontainers.image.description="Fast synthetic data for lakehouse benchmarks: Parquet files from pluggable domains" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.base.name="docker.io/library/debian:bookworm-slim" \
      dev.lb-datagen.plugin-abi="${ABI_VERSION}" \
      dev.lb-datagen.swift-version="${SWIFT_VERSION}" \
      dev.lb-datagen.plugins-dir="/opt/lb-datagen/plugins"
