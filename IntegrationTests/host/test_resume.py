"""A failure mid-run leaves no partial file under a final name, and a resumed
run finishes the job with nothing lost or duplicated, byte for byte."""
import json
import signal
import subprocess
import time

import pytest

from support import BINARY, clean_env, digests, parquet_files, run

ARGS = ["--rows", 24_000, "--file-size-mb", 2, "--payload-kb", 2, "--workers", 2, "--seed", 3]


def test_kill_then_resume_gives_the_uninterrupted_result(tmp_path):
    reference = tmp_path / "reference"
    run([*ARGS, "--output", reference], cwd=tmp_path, env=clean_env())
    expected = digests(reference)
    assert len(expected) >= 10

    out = tmp_path / "killed"
    work = tmp_path / "work"
    work.mkdir()
    process = subprocess.Popen([str(BINARY), *map(str, ARGS), "--output", str(out), "--row-group-mb", "0.5"],
                               cwd=work, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and len(parquet_files(out)) < 2:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done_before = parquet_files(out)
    assert 2 <= len(done_before) < len(expected), "the run must be killed midway"
    # Only whole files carry final names (each reads back); others are hidden temporaries.
    for f in done_before:
        assert f.stat().st_size > 0

    # Resume must use the killed run's row layout: same flags.
    result = run([*ARGS, "--output", out, "--row-group-mb", "0.5", "--resume", "--summary-json", work / "s.json"], cwd=work)
    summary = json.loads((work / "s.json").read_text())
    assert summary["files_already_done"] >= len(done_before)
    assert summary["files_written"] + summary["files_already_done"] == len(expected)
    resumed = digests(out)
    # The row group size is a writer setting, so compare against a clean run with it.
    clean = tmp_path / "clean"
    run([*ARGS, "--output", clean, "--row-group-mb", "0.5"], cwd=tmp_path / "reference")
    assert resumed == digests(clean)
    assert not [p for p in out.rglob(".*") if p.is_file()], "temporary files must be gone"
    checkpoint = json.loads((work / ".datagen_checkpoint.json").read_text())
    assert sorted(checkpoint["completed"]) == list(range(len(expected)))
    assert "updated" in checkpoint


def test_resume_skips_checkpointed_files(tmp_path):
    run([*ARGS, "--output", tmp_path / "o"], cwd=tmp_path)
    before = {p: p.stat().st_mtime_ns for p in parquet_files(tmp_path / "o")}
    result = run([*ARGS, "--output", tmp_path / "o", "--resume"], cwd=tmp_path)
    assert "files: 0 new" in result.stdout
    assert {p: p.stat().st_mtime_ns for p in parquet_files(tmp_path / "o")} == before


def test_corrupt_checkpoint_is_an_error_not_a_restart(tmp_path):
    (tmp_path / ".datagen_checkpoint.json").write_text("{not json")
    result = run([*ARGS, "--output", tmp_path / "o", "--resume"], cwd=tmp_path, check=False)
    assert result.returncode != 0 and "checkpoint" in result.stderr
    assert not parquet_files(tmp_path / "o")


def test_resume_removes_only_this_nodes_leftovers(tmp_path):
    # Two nodes share one folder; node 0 resumes while node 1's temporaries are live.
    args = [*ARGS, "--total-nodes", 2, "--node-id", 0, "--output", tmp_path / "o"]
    run(args, cwd=tmp_path)
    folder = next(p.parent for p in parquet_files(tmp_path / "o"))
    mine = folder / ".part-000002.parquet.inprogress-99999"
    theirs = folder / ".part-000001.parquet.inprogress-99999"
    mine.write_bytes(b"half a file")
    theirs.write_bytes(b"another node at work")
    result = run([*args, "--resume"], cwd=tmp_path)
    assert "removed 1 unfinished" in result.stderr
    assert not mine.exists() and theirs.exists()


@pytest.mark.parametrize("change,differs", [
    (["--prefix", "second"], "prefix"),
    (["--cycle", 1, "--cycles", 2], "cycle"),
    (["--dirty-ratio", "0.2"], "parameters"),
    (["--compression", "zstd"], "compression"),
])
def test_resume_refuses_another_runs_checkpoint(tmp_path, change, differs):
    run([*ARGS, "--output", tmp_path / "o"], cwd=tmp_path)
    before = digests(tmp_path / "o")
    result = run([*ARGS, "--output", tmp_path / "o", *change, "--resume"], cwd=tmp_path, check=False)
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    assert result.returncode == 1 and len(lines) == 1
    assert "belongs to another run" in lines[0] and differs in lines[0]
    assert digests(tmp_path / "o") == before, "nothing written"
    checkpoint = json.loads((tmp_path / ".datagen_checkpoint.json").read_text())
    assert checkpoint["run"]["prefix"] == "lakebench-bronze/customer/interactions", "the first run's checkpoint is kept"


def test_unwritable_checkpoint_is_one_error_before_any_data(tmp_path):
    result = run([*ARGS, "--output", tmp_path / "o", "--checkpoint", tmp_path / "missing" / "ck.json"],
                 cwd=tmp_path, check=False)
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    assert result.returncode == 1 and len(lines) == 1 and "checkpoint" in lines[0]
    assert not parquet_files(tmp_path / "o")


def test_a_file_failing_midway_is_reported_then_resumed(tmp_path):
    # Writes past 6 MiB fail (RLIMIT_FSIZE) while four workers still have row
    # groups of the failing files in flight: each file fails cleanly, the run
    # exits 1 naming them, and --resume then makes exactly the clean result.
    import resource
    import signal

    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (6 << 20, 6 << 20))

    args = ["--target-gb", 3 * 16 / 1024, "--file-size-mb", 16, "--row-group-mb", 1, "--workers", 4, "--seed", 9]
    out = tmp_path / "out"
    failed = subprocess.run([str(BINARY), *map(str, args), "--output", str(out)], cwd=tmp_path, env=clean_env(),
                            capture_output=True, text=True, preexec_fn=limit_file_size, timeout=300)
    assert failed.returncode == 1, failed.stderr
    errors = [l for l in failed.stderr.splitlines() if "File too large" in l]
    assert len(errors) == 3 and all(f"part-00000{i}.parquet" in "".join(errors) for i in range(3))
    assert "rerun with --resume" in failed.stderr.splitlines()[-1]
    assert not parquet_files(out) and not [p for p in out.rglob(".*") if p.is_file()]

    run([*args, "--output", out, "--resume"], cwd=tmp_path)
    clean = tmp_path / "clean"
    run([*args, "--output", clean], cwd=tmp_path / "out")
    assert digests(out) == digests(clean) and len(digests(out)) == 3
