"""`make install PREFIX=DIR`: a self-contained tree that runs with the Swift
toolchain hidden (a private mount namespace with an empty folder over it)."""
import os
import pathlib
import shutil
import subprocess

import pyarrow.parquet as pq
import pytest

from support import PLUGINS, clean_env, digests, domain_rows, parquet_files, run, shipped_domains


def toolchain_usr():
    swiftc = shutil.which("swiftc")
    return pathlib.Path(os.path.realpath(swiftc)).parent.parent if swiftc else None


def without_toolchain(command, cwd):
    """Runs command with an empty tmpfs over the toolchain's usr folder."""
    hidden = toolchain_usr()
    if hidden is None or shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("hiding the toolchain needs root, unshare and a toolchain to hide")
    script = f'mount -t tmpfs none "{hidden}" && test ! -e "{hidden}/bin/swiftc" && exec "$@"'
    return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
                           *map(str, command)], cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=300)


def test_layout(install_tree):
    assert (install_tree / "bin" / "lb-datagen").is_file()
    # What `make build` links into the build's plugins folder: libraries and spec files.
    assert sorted(p.name for p in (install_tree / "plugins").iterdir()) == sorted(p.name for p in PLUGINS.iterdir())
    libraries = {p.name for p in (install_tree / "lib").iterdir()}
    assert {"libswiftCore.so", "libFoundationEssentials.so"} <= libraries
    # Nothing loads full Foundation (and ICU's 39 MB of data): the host uses
    # FoundationEssentials, the spec plugin libyaml.
    assert not libraries & {"libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so",
                            "libswiftDispatch.so"}
    toolchain = str(toolchain_usr())
    plugins = list((install_tree / "plugins").glob("*.so"))
    for elf in [install_tree / "bin" / "lb-datagen", *plugins, *(install_tree / "lib").iterdir()]:
        dynamic = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True, check=True).stdout
        assert toolchain not in dynamic, f"{elf.name} still points at the toolchain"
        sections = subprocess.run(["readelf", "-S", "-W", str(elf)], capture_output=True, text=True, check=True).stdout
        assert ".symtab" not in sections, f"{elf.name} is not stripped"
    for elf in [install_tree / "bin" / "lb-datagen", *plugins]:
        dynamic = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True, check=True).stdout
        assert "$ORIGIN/../lib" in dynamic, f"{elf.name} has no RUNPATH to ../lib"


def test_runs_with_the_toolchain_hidden(install_tree, tmp_path):
    binary = install_tree / "bin" / "lb-datagen"
    listed = without_toolchain([binary, "domains"], cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rows = domain_rows(listed.stdout)
    assert {name for name, _ in rows} == shipped_domains()
    assert {"customer360", "iot", "clickstream"} <= {name for name, _ in rows}
    # Found through the default plugins folder: DIR/plugins, relative to the binary.
    assert {pathlib.Path(path).parent for _, path in rows} == {install_tree / "plugins"}

    generated = without_toolchain([binary, "--rows", 30_000, "--file-size-mb", 1, "--payload-kb", 1, "--workers", 2,
                                   "--output", tmp_path / "tree"], cwd=tmp_path)
    assert generated.returncode == 0, generated.stderr
    files = parquet_files(tmp_path / "tree")
    assert len(files) >= 2
    assert sum(pq.read_table(f).num_rows for f in files) == 30_000
    assert pq.read_schema(files[0]).metadata[b"lb_datagen.domain"] == b"customer360"
    # The stripped, relinked tree makes the same bytes as the build folder.
    run(["--rows", 30_000, "--file-size-mb", 1, "--payload-kb", 1, "--workers", 2, "--output", tmp_path / "build"],
        cwd=tmp_path)
    assert digests(tmp_path / "tree") == digests(tmp_path / "build")
