"""Swift plugins in custom images, built with the command of
docs/custom-images.md from the guide's Swift domain (docs/writing-a-domain.md).
The domain loads and runs from a one-layer custom image and makes the same
bytes as on the host. A copy that imports full Foundation, which the image
does not ship, is skipped with a warning naming the missing library, and
loads once the libraries the doc lists are copied in."""
import os
import re
import shlex
import shutil
import subprocess

import pyarrow.parquet as pq
import pytest

from support import REPO, digests, domain_rows, parquet_files, run

GUIDE = (REPO / "docs" / "writing-a-domain.md").read_text()
IMAGES_DOC = (REPO / "docs" / "custom-images.md").read_text()
TAG = f"localhost/lb-datagen-test-swift-{os.getpid()}"
MANIFEST = """// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-plugins",
    products: [
        .library(name: "Thermo", type: .dynamic, targets: ["Thermo"]),
        .library(name: "ThermoFoundation", type: .dynamic, targets: ["ThermoFoundation"]),
    ],
    dependencies: [.package(path: "../lb-datagen")],
    targets: [
        .target(name: "Thermo", dependencies: [.product(name: "LBDomainKit", package: "lb-datagen")]),
        .target(name: "ThermoFoundation", dependencies: [.product(name: "LBDomainKit", package: "lb-datagen")]),
    ]
)
"""


def toolchain_libraries():
    return os.path.realpath(shutil.which("swiftc")).rsplit("/bin/", 1)[0] + "/lib/swift/linux"


@pytest.fixture(scope="module")
def libraries(tmp_path_factory):
    """The guide's domain built as custom-images.md says, and a copy of it
    (domain `thermof`) that imports Foundation."""
    if shutil.which("swiftc") is None:
        pytest.skip("no Swift toolchain to build a plugin with")
    [source] = [b for b in re.findall(r"^```swift\n(.*?)^```$", GUIDE, re.S | re.M) if "DomainExport.register" in b]
    root = tmp_path_factory.mktemp("swift-plugins")
    (root / "lb-datagen").symlink_to(REPO)
    package = root / "plugins"
    (package / "Sources" / "Thermo").mkdir(parents=True)
    (package / "Sources" / "ThermoFoundation").mkdir(parents=True)
    (package / "Package.swift").write_text(MANIFEST)
    (package / "Sources" / "Thermo" / "Thermo.swift").write_text(source)
    assert 'name = "thermo"' in source, "the guide's domain moved: update this test"
    (package / "Sources" / "ThermoFoundation" / "Thermo.swift").write_text(
        'import Foundation\nlet formatted = String(format: "%.1f", 1.5)  // full Foundation, not Essentials\n'
        + source.replace('name = "thermo"', 'name = "thermof"'))
    [command] = [line.strip() for line in IMAGES_DOC.splitlines() if line.strip().startswith("swift build -c release")]
    subprocess.run(shlex.split(command), cwd=package, check=True, capture_output=True, timeout=900)
    return package / ".build" / "release"


def custom_image(engine, image, context, tag, copies):
    """FROM image plus one COPY line per (sources, destination)."""
    lines = [f"FROM {image}"] + [f"COPY {' '.join(sources)} {destination}" for sources, destination in copies]
    (context / "Dockerfile").write_text("\n".join(lines) + "\n")
    engine.build(tag, context)
    return tag


def test_a_swift_domain_runs_in_a_one_layer_custom_image(engine, image, libraries, tmp_path):
    context = tmp_path / "context"
    context.mkdir()
    shutil.copy(libraries / "libThermo.so", context / "libthermo.so")
    tag = custom_image(engine, image, context, f"{TAG}-thermo:latest", [(["libthermo.so"], "/opt/lb-datagen/plugins/")])
    try:
        assert engine.layers(tag) == engine.layers(image) + 1
        assert ("thermo", "/opt/lb-datagen/plugins/libthermo.so") in domain_rows(engine.run(tag, ["domains"]).stdout)
        out = tmp_path / "out"
        out.mkdir()
        os.chmod(out, 0o777)
        args = ["--domain", "thermo", "--rows", 50_000, "--file-size-mb", 1, "--workers", 2, "--param", "sensors=500"]
        engine.run(tag, [*args, "--output", "/out"], volumes=[(out, "/out")])
        assert sum(pq.read_table(f).num_rows for f in parquet_files(out)) == 50_000
        # The same library on the host makes the same bytes.
        plugins = tmp_path / "plugins"
        plugins.mkdir()
        shutil.copy(libraries / "libThermo.so", plugins / "libthermo.so")
        run([*args, "--plugins-dir", plugins, "--output", tmp_path / "host"], cwd=tmp_path)
        assert digests(out) == digests(tmp_path / "host")
    finally:
        engine.remove(tag)


def test_a_plugin_needing_full_foundation_loads_once_its_libraries_are_added(engine, image, libraries, tmp_path):
    context = tmp_path / "context"
    context.mkdir()
    shutil.copy(libraries / "libThermoFoundation.so", context / "libthermof.so")
    plugin = (["libthermof.so"], "/opt/lb-datagen/plugins/")
    bare = custom_image(engine, image, context, f"{TAG}-bare:latest", [plugin])
    try:
        listed = engine.run(bare, ["domains"])
        assert "thermof" not in {name for name, _ in domain_rows(listed.stdout)}
        [warning] = [line for line in listed.stderr.splitlines() if "libthermof.so" in line]
        assert re.search(r"warning: skipping .*libthermof\.so: .*lib\w+\.so: cannot open shared object file", warning), warning
    finally:
        engine.remove(bare)

    # The doc's COPY line, with the libraries from this toolchain.
    [block] = [b for b in re.findall(r"^```dockerfile\n(.*?)^```$", IMAGES_DOC, re.S | re.M) if "lib_FoundationICU.so" in b]
    names = re.findall(r"\blib\w*\.so\b", block.split("COPY libmydomain.so")[1])
    assert "libFoundation.so" in names and "lib_FoundationICU.so" in names
    for name in names:
        shutil.copy(os.path.join(toolchain_libraries(), name), context / name)
    full = custom_image(engine, image, context, f"{TAG}-full:latest", [plugin, (names, "/opt/lb-datagen/lib/")])
    try:
        assert ("thermof", "/opt/lb-datagen/plugins/libthermof.so") in domain_rows(engine.run(full, ["domains"]).stdout)
        out = tmp_path / "out"
        out.mkdir()
        os.chmod(out, 0o777)
        engine.run(full, ["--domain", "thermof", "--rows", 1000, "--output", "/out"], volumes=[(out, "/out")])
        assert sum(pq.read_table(f).num_rows for f in parquet_files(out)) == 1000
    finally:
        engine.remove(full)
