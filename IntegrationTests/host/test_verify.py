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
    assert report.returncode == 1 and len(problems) == 4, report.stdout
    assert problems[0].endswith(f"{files[0].name}: missing")
    assert all("not a whole Parquet file" in line for line in problems[1:])
    assert f"{len(expected) - 4} whole, 4 problem(s)" in report.stdout

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
