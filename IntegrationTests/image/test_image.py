"""`make image` and the image it makes, run in real containers (podman): the
domains, a run into a bind-mounted folder read back with pyarrow, the labels,
the user, the read-only root filesystem and LB_PLUGINS_DIR."""
import json
import os
import shutil
import subprocess

import pyarrow.parquet as pq

from support import BINARY, REPO, digests, domain_rows, parquet_files, run, shipped_domains

RUN_ARGS = ["--rows", 30_000, "--file-size-mb", 1, "--payload-kb", 1, "--workers", 2]
# The image's size contract (uncompressed, as the engine counts it).
MAX_IMAGE_BYTES = 150_000_000


def writable_folder(path):
    """A host folder the image's non-root user may write into."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o777)
    return path


def test_domains(engine, image):
    rows = domain_rows(engine.run(image, ["domains"]).stdout)
    assert {name for name, _ in rows} == shipped_domains()
    assert {"customer360", "iot", "clickstream"} <= {name for name, _ in rows}
    assert {os.path.dirname(path) for _, path in rows} == {"/opt/lb-datagen/plugins"}


def test_run_into_a_bind_mounted_folder(engine, image, tmp_path):
    out = writable_folder(tmp_path / "out")
    engine.run(image, [*RUN_ARGS, "--output", "/out"], volumes=[(out, "/out")])
    files = parquet_files(out)
    assert len(files) >= 2
    assert sum(pq.read_table(f).num_rows for f in files) == 30_000
    # The same bytes as the build folder's binary makes on the host.
    run([*RUN_ARGS, "--output", tmp_path / "host"], cwd=tmp_path)
    assert digests(out) == digests(tmp_path / "host")


def test_image_stays_under_its_size_limit(engine, image):
    size = int(engine.podman("image", "inspect", "--format", "{{.Size}}", image).stdout)
    assert size < MAX_IMAGE_BYTES, f"the image is {size / 1e6:.1f} MB uncompressed, the limit {MAX_IMAGE_BYTES / 1e6:.0f} MB"


def test_a_spec_file_domain_runs(engine, image, tmp_path):
    # The spec plugin reads YAML with libyaml from the image's Debian layer.
    out = writable_folder(tmp_path / "out")
    engine.run(image, ["--domain", "web_events", "--rows", 20_000, "--workers", 2, "--output", "/out"],
               volumes=[(out, "/out")])
    assert sum(pq.read_table(f).num_rows for f in parquet_files(out)) == 20_000
    run(["--domain", "web_events", "--rows", 20_000, "--workers", 2, "--output", tmp_path / "host"], cwd=tmp_path)
    assert digests(out) == digests(tmp_path / "host")


def test_read_only_root_with_a_writable_workdir(engine, image, tmp_path):
    # As the Kubernetes Job runs it: read-only root, the checkpoint in an emptyDir at /work.
    out = writable_folder(tmp_path / "out")
    work = writable_folder(tmp_path / "work")  # the emptyDir
    engine.podman("run", "--rm", "--network=none", "--read-only", "-v", f"{work}:/work",
                  "-v", f"{out}:/out", image, "--rows", 1000, "--output", "/out")
    assert [f.name for f in parquet_files(out)] == ["part-000000.parquet"]
    assert (work / ".datagen_checkpoint.json").exists()


def test_user_entrypoint_and_labels(engine, image):
    config = engine.podman("image", "inspect", "-f", "{{.Config.User}} {{.Config.WorkingDir}} {{json .Config.Entrypoint}}",
                           image).stdout.split()
    assert config == ["10001:10001", "/work", '["/opt/lb-datagen/bin/lb-datagen"]']
    assert engine.run(image, [], check=False).returncode == 2  # no size given: the binary itself answers
    version = engine.run(image, ["--version"]).stdout.splitlines()
    assert version == subprocess.run([str(BINARY), "--version"], capture_output=True, text=True).stdout.splitlines()
    name = image.removesuffix(":latest")
    tags = json.loads(engine.podman("image", "inspect", "-f", "{{json .RepoTags}}", image).stdout)
    assert sorted(tags) == sorted([f"{name}:latest", f"{name}:{version[0].removeprefix('lb-datagen ')}"])
    labels = engine.labels(image)
    assert labels["org.opencontainers.image.version"] == version[0].removeprefix("lb-datagen ")
    assert labels["dev.lb-datagen.plugin-abi"] == version[1].removeprefix("plugin ABI ")
    assert labels["dev.lb-datagen.swift-version"] == version[2].removeprefix("Swift ")
    revision = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    assert labels["org.opencontainers.image.revision"] == revision
    assert labels["org.opencontainers.image.source"]
    whoami = engine.podman("run", "--rm", "--network=none", "--entrypoint", "id", image, "-u").stdout.strip()
    assert whoami == "10001"


def test_lb_plugins_dir_is_honoured(engine, image, install_tree, tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    shutil.copy(install_tree / "plugins" / "libIoT.so", plugins / "libIoT.so")
    result = engine.run(image, ["domains"], volumes=[(plugins, "/plugins")], env={"LB_PLUGINS_DIR": "/plugins"})
    assert domain_rows(result.stdout) == [("iot", "/plugins/libIoT.so")]
