"""docs/writing-a-domain.md compiles and runs as written: its complete Swift
example (Package.swift and the domain's source) and its complete C example
are copied verbatim into a folder beside a checkout (a link named
lb-datagen, as the guide's `../lb-datagen` expects), built with the guide's
own commands, loaded by the host and run; pyarrow reads the files back."""
import re
import shlex
import subprocess

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from support import REPO, parquet_files, read_rows, run

GUIDE = (REPO / "docs" / "writing-a-domain.md").read_text()


def blocks(language):
    return re.findall(rf"^```{language}\n(.*?)^```$", GUIDE, re.S | re.M)


def commands(after):
    """The first block of indented shell lines after the text `after`, one
    word list per command (backslash continuations joined)."""
    lines = GUIDE[GUIDE.index(after) + len(after):].splitlines()
    while not lines[0].startswith("    "):
        lines.pop(0)
    block = []
    for line in lines:
        if not line.startswith("    "):
            break
        block.append(line)
    return [shlex.split(command) for command in "\n".join(block).replace("\\\n", " ").splitlines()]


def run_guide_commands(lines, cwd):
    """Runs the guide's commands in cwd, `a && b` as a then b; `lb-datagen`
    is the built host. Returns the host's results."""
    results = []
    for line in lines:
        commands = [[]]
        for word in line:
            if word == "&&":
                commands.append([])
            else:
                commands[-1].append(word)
        for command in commands:
            if command[0] == "lb-datagen":
                results.append(run(command[1:], cwd=cwd))
            else:
                subprocess.run(command, cwd=cwd, check=True)
    return results


@pytest.fixture(scope="module")
def beside_checkout(tmp_path_factory):
    """A folder holding `lb-datagen` (this checkout) and room for a plugin package."""
    root = tmp_path_factory.mktemp("guide")
    (root / "lb-datagen").symlink_to(REPO)
    return root


def test_swift_example_builds_loads_and_runs(beside_checkout):
    swift = [b for b in blocks("swift") if "DomainExport.register" in b]
    manifest = [b for b in blocks("swift") if b.startswith("// swift-tools-version")]
    assert len(manifest) == 1 and len(swift) == 1, "the guide's Swift example moved: update this test"
    package = beside_checkout / "mydomain"
    source = package / "Sources" / "MyDomain"
    source.mkdir(parents=True)
    (package / "Package.swift").write_text(manifest[0])
    (source / "MyDomain.swift").write_text(swift[0])

    lines = commands("Build, drop into a plugins folder, run:")
    assert lines[0][:2] == ["swift", "build"]
    # The package builds the kit again (a path dependency shares no build
    # folder): in debug, which proves the guide compiles at half the CPU
    # time of the guide's release build (about 20 s against 40 s).
    build = [arg for arg in lines[0] if arg not in ("-c", "release")]
    subprocess.run(build, cwd=package, check=True, capture_output=True)
    lines[1] = [arg.replace(".build/release/", ".build/debug/") for arg in lines[1]]
    results = run_guide_commands(lines, package)

    assert any(l.startswith("thermo\t") for l in results[0].stdout.splitlines()), results[0].stdout
    assert "failure_rate" in results[1].stdout and "celsius" in results[1].stdout
    files = parquet_files(package / "out")
    assert files
    schema = pq.read_schema(files[0])
    assert [(f.name, str(f.type)) for f in schema] == [
        ("reading_id", "int64"), ("sensor", "string"), ("room", "string"),
        ("taken_at", "timestamp[us]"), ("celsius", "double")]
    table = pa.concat_tables(pq.read_table(f) for f in files)
    assert table.column("reading_id").to_pylist() == list(range(1_000_000))
    assert set(table.column("room").to_pylist()) == {"kitchen", "office", "lab"}
    sensors = set(table.column("sensor").to_pylist())
    assert len(sensors) == 500 and all(re.fullmatch(r"sensor-\d{4}", s) for s in sensors)  # --param sensors=500
    assert 0.008 < table.column("celsius").null_count / table.num_rows < 0.012
    # A sensor's room is its attribute (run seed and id alone): one per sensor.
    rooms = table.group_by("sensor").aggregate([("room", "count_distinct")])
    assert set(rooms.column("room_count_distinct").to_pylist()) == {1}


def test_c_example_builds_loads_and_runs(beside_checkout):
    [source] = [b for b in blocks("c") if "lb_domain_register" in b and "my_fill(void" in b]
    folder = beside_checkout / "cdomain"
    folder.mkdir()
    (folder / "mydomain.c").write_text(source)
    lines = commands("Build it beside a checkout of this repository")
    assert lines[0][0] == "cc" and "mydomain.c" in lines[0]
    run_guide_commands(lines, folder)

    rows = read_rows(folder / "out")
    assert [r["order_id"] for r in rows] == list(range(100_000))
    coupons = [r["coupon_code"] for r in rows]
    assert set(coupons) == {None, "SAVE10"}
    assert 0.18 < coupons.count("SAVE10") / len(coupons) < 0.22  # --param coupon_every=5
    assert pq.read_schema(parquet_files(folder / "out")[0]).field("coupon_code").nullable
