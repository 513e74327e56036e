"""--resume and `lb-datagen verify` trust neither names nor the checkpoint:
a file counts as done only if it is a whole Parquet file with the planned row
count and this run's lb_datagen.* metadata. A damaged file is made again; a
whole file of another run is refused (it would mix two datasets)."""
import json
import shutil

import pyarrow.parquet as pq

from support import digests, parquet_files, run

ARGS = ["--rows", 6000, "--file-size-mb", 0.25, "--payload-kb", 0, "--workers", 2, "--seed", 3]


def changed(flag, value):
    """ARGS with one flag's value changed."""
    args = list(ARGS)
    args[args.index(flag) + 1] = value
    return args


def reference(tmp_path):
    (tmp_path / "ref").mkdir()
    run([*ARGS, "--output", tmp_path / "ref" / "o"], cwd=tmp_path / "ref")
    expected = digests(tmp_path / "ref" / "o")
    assert len(expected) >= 4
    return expected


def test_resume_after_the_output_is_gone_makes_everything_again(tmp_path):
    expected = reference(tmp_path)
    run([*ARGS, "--output", tmp_path / "o"], cwd=tmp_path)
    shutil.rmtree(tmp_path / "o")
    result = run([*ARGS, "--output", tmp_path / "o", "--resume", "--summary-json", tmp_path / "s.json"], cwd=tmp_path)
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["files_already_done"] == 0 and summary["files_written"] == len(expected), result.stdout
    assert digests(tmp_path / "o") == expected


def test_resume_makes_deleted_cut_or_empty_files_again(tmp_path):
    expected = reference(tmp_path)
    run([*ARGS, "--output", tmp_path / "o"], cwd=tmp_path)
    files = parquet_files(tmp_path / "o")
    files[0].unlink()
    files[1].write_bytes(files[1].read_bytes()[:-100])
    files[2].write_bytes(b"")
    data = bytearray(files[3].read_bytes())
    data[-1] ^= 0xFF  # the trailing magic
    files[3].write_bytes(bytes(data))

    report = run(["verify", *ARGS, "--output", tmp_path / "o"], cwd=tmp_path, check=False)
    problems = [l for l in report.stdout.splitlines() if l.startswith(str(tmp_path))]
    assert report.returncode == 1 and len(problems) == 5, report.stdout
    assert problems[0].endswith(f"{files[0].name}: missing")
    assert all("not a whole Parquet file" in line for line in problems[1:4])
    # The node's completion marker stands beside files that are not whole: one more line, naming it.
    assert "/_corpus/c000-node-0000.json: completion marker disagrees: the node is not complete: 4 of its" in problems[4]
    assert f"{len(expected) - 4} whole, 5 problem(s)" in report.stdout

    result = run([*ARGS, "--output", tmp_path / "o", "--resume", "--summary-json", tmp_path / "s.json"], cwd=tmp_path)
    assert result.stderr.count("making it again") == 3, result.stderr
    assert json.loads((tmp_path / "s.json").read_text())["files_written"] == 4
    assert digests(tmp_path / "o") == expected
    assert run(["verify", *ARGS, "--output", tmp_path / "o"], cwd=tmp_path).returncode == 0


def test_resume_refuses_files_of_another_run(tmp_path):
    # A new pod has no checkpoint: only the files themselves can tell.
    (tmp_path / "first").mkdir()
    run([*changed("--seed", 7), "--output", tmp_path / "o"], cwd=tmp_path / "first")
    before = digests(tmp_path / "o")
    (tmp_path / "second").mkdir()
    result = run([*ARGS, "--output", tmp_path / "o", "--resume"], cwd=tmp_path / "second", check=False)
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "made by another run" in lines[0] and "lb_datagen.seed is '7', this run's is '3'" in lines[0]
    assert digests(tmp_path / "o") == before, "nothing replaced"

    report = run(["verify", *ARGS, "--output", tmp_path / "o"], cwd=tmp_path, check=False)
    assert report.returncode == 1
    assert report.stdout.count("made by another run: lb_datagen.seed is '7'") == len(before)


def test_resume_refuses_another_codecs_and_another_row_counts_files(tmp_path):
    run([*ARGS, "--output", tmp_path / "o", "--compression", "zstd"], cwd=tmp_path)
    result = run([*ARGS, "--output", tmp_path / "o", "--resume", "--checkpoint", tmp_path / "other.json"],
                 cwd=tmp_path, check=False)
    assert result.returncode == 1 and "lb_datagen.compression is 'zstd(level: 1)'" in result.stderr
    # Same files but another total: the last file's row count tells.
    shutil.rmtree(tmp_path / "o")
    run([*ARGS, "--output", tmp_path / "o"], cwd=tmp_path)
    report = run(["verify", *changed("--rows", 5999), "--output", tmp_path / "o"], cwd=tmp_path, check=False)
    assert report.returncode == 1 and "rows, this run's plan has" in report.stdout


def test_verify_all_nodes_names_the_files_no_node_made(tmp_path):
    nodes = ["--total-nodes", 2]
    run([*ARGS, *nodes, "--node-id", 0, "--output", tmp_path / "o"], cwd=tmp_path)
    mine = run(["verify", *ARGS, *nodes, "--node-id", 0, "--output", tmp_path / "o"], cwd=tmp_path)
    assert "0 problem(s)" in mine.stdout
    every = run(["verify", *ARGS, *nodes, "--all-nodes", "--output", tmp_path / "o"], cwd=tmp_path, check=False)
    missing = [l for l in every.stdout.splitlines() if l.endswith(": missing")]
    assert every.returncode == 1 and missing and all(int(l.split("part-")[1][:6]) % 2 == 1 for l in missing)
    for f in parquet_files(tmp_path / "o"):
        assert pq.read_metadata(f).num_rows > 0
    assert not list((tmp_path / "o").rglob(".lb-datagen-probe*")), "verify writes nothing"


def marker_path(out):
    [marker] = (out).rglob("_corpus/c000-node-*.json")
    return marker


def test_verify_checks_the_completion_marker_against_the_plan_and_the_files(tmp_path):
    out = tmp_path / "o"
    run([*ARGS, "--output", out], cwd=tmp_path)
    marker = marker_path(out)
    good = json.loads(marker.read_text())
    assert run(["verify", *ARGS, "--output", out], cwd=tmp_path).returncode == 0

    def verify_with(fields):
        marker.write_text(json.dumps({**good, **fields}))
        report = run(["verify", *ARGS, "--output", out], cwd=tmp_path, check=False)
        problems = [l for l in report.stdout.splitlines() if l.startswith(str(tmp_path))]
        assert report.returncode == 1 and len(problems) == 1, report.stdout
        assert problems[0].startswith(f"{marker}: "), problems
        return problems[0]

    assert "rows_written 1, expected 6000" in verify_with({"rows_written": 1})
    assert "bytes_written 5, expected" in verify_with({"bytes_written": 5})
    assert "node_id 3, expected 0; total_nodes 4, expected 1" in verify_with({"node_id": 3, "total_nodes": 4})
    assert f"the node has {len(parquet_files(out))} planned file(s)" in verify_with({"files_written": 1})
    assert "another run" in verify_with({"corpus_args_sha256": "0" * 64})
    marker.write_text("not json")
    report = run(["verify", *ARGS, "--output", out], cwd=tmp_path, check=False)
    assert report.returncode == 1 and f"{marker}: not a completion marker" in report.stdout

    # No marker is no problem: the node may still be running.
    marker.unlink()
    assert run(["verify", *ARGS, "--output", out], cwd=tmp_path).returncode == 0


def test_verify_all_nodes_checks_each_nodes_marker(tmp_path):
    out = tmp_path / "o"
    for node in (0, 1):
        (tmp_path / f"n{node}").mkdir()
        run([*ARGS, "--output", out, "--total-nodes", 2, "--node-id", node], cwd=tmp_path / f"n{node}")
    markers = sorted(out.rglob("_corpus/c000-node-*.json"))
    assert [m.name for m in markers] == ["c000-node-0000.json", "c000-node-0001.json"]
    assert run(["verify", *ARGS, "--output", out, "--total-nodes", 2, "--all-nodes"], cwd=tmp_path).returncode == 0
    node1 = [f for f in parquet_files(out) if int(f.stem.split("-")[-1]) % 2 == 1]
    node1[0].unlink()
    report = run(["verify", *ARGS, "--output", out, "--total-nodes", 2, "--all-nodes"], cwd=tmp_path, check=False)
    problems = [l for l in report.stdout.splitlines() if l.startswith(str(tmp_path))]
    assert report.returncode == 1 and len(problems) == 2, report.stdout
    assert problems[0].endswith(f"{node1[0].name}: missing")
    assert problems[1].startswith(f"{markers[1]}: completion marker disagrees: the node is not complete: 1 of its")
