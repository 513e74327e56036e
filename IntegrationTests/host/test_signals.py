"""SIGTERM and SIGINT (Kubernetes stopping a pod, Ctrl-C) stop a run within
seconds and cleanly: the file in flight is abandoned (no temporary file
left), the checkpoint holds every finished file, one stderr line says what
happened and how to resume, the exit status is 128 + signal, and no
completion marker is written. `--resume` then gives exactly the files of a
run that was never stopped."""
import json
import signal
import time

import pyarrow.parquet as pq
import pytest

from support import clean_env, digests, hidden_files, parquet_files, run, start, wait_until

# 12 files of 4 MiB in 1 MiB row groups: a stop lands inside a file.
ARGS = ["--target-gb", 12 * 4 / 1024, "--file-size-mb", 4, "--row-group-mb", 1, "--workers", 2, "--seed", 11]


def stop_and_check(process, number, out, work):
    """Sends the signal; checks the prompt, clean, one-line exit. Returns the finished files."""
    sent = time.time()
    process.send_signal(number)
    _, stderr = process.communicate(timeout=30)
    assert time.time() - sent < 10, "a stop must take seconds, not the rest of the run"
    assert process.returncode == 128 + number, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert f"stopped by {signal.Signals(number).name}" in lines[0] and "--resume" in lines[0], lines[0]
    assert hidden_files(out) == [], "the file in flight must leave no temporary file"
    assert not list(out.rglob("_corpus")), "an interrupted node writes no completion marker"
    finished = parquet_files(out)
    for f in finished:
        pq.read_metadata(f)  # every file under a final name is whole
    checkpoint = json.loads((work / ".datagen_checkpoint.json").read_text())
    assert sorted(checkpoint["completed"]) == sorted(int(f.stem.split("-")[-1]) for f in finished)
    return finished


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The files of a run never stopped."""
    folder = tmp_path_factory.mktemp("reference")
    run([*ARGS, "--output", folder / "out"], cwd=folder)
    return digests(folder / "out")


# (signal, files finished before it is sent): as the first file begins, after the first file, midway.
MOMENTS = [(signal.SIGTERM, 0), (signal.SIGINT, 1), (signal.SIGTERM, 5), (signal.SIGINT, 8)]


@pytest.mark.parametrize("number,after", MOMENTS, ids=[f"{s.name}-after-{n}" for s, n in MOMENTS])
def test_a_signal_stops_a_batch_run_cleanly_and_resume_finishes_it(tmp_path, reference, number, after):
    out, work = tmp_path / "out", tmp_path / "work"
    work.mkdir()
    process = start([*ARGS, "--quiet", "--output", out], cwd=work)
    if after == 0:
        # The run has begun (its checkpoint is written before any data) but no file is finished.
        assert wait_until(lambda: (work / ".datagen_checkpoint.json").exists() or process.poll() is not None)
    else:
        assert wait_until(lambda: len(parquet_files(out)) >= after or process.poll() is not None)
    assert process.poll() is None, "the run ended before the signal"
    finished = stop_and_check(process, number, out, work)
    assert len(finished) < len(reference)

    result = run([*ARGS, "--output", out, "--resume", "--summary-json", work / "s.json"], cwd=work)
    summary = json.loads((work / "s.json").read_text())
    assert summary["files_already_done"] == len(finished)
    assert summary["files_written"] == len(reference) - len(finished)
    assert digests(out) == reference
    assert hidden_files(out) == []
    assert result.returncode == 0


def test_a_second_signal_exits_at_once(tmp_path):
    # One large row group per file: the first stop waits for the row groups
    # being made, seconds each, so the second signal comes while it waits.
    args = ["--target-gb", 4, "--file-size-mb", 1024, "--row-group-mb", 1024, "--workers", 2]
    process = start([*args, "--output", tmp_path / "out"], cwd=tmp_path)
    time.sleep(1.5)
    assert process.poll() is None
    process.send_signal(signal.SIGTERM)
    time.sleep(0.1)  # two signals sent at once may arrive as one
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM
    assert "second SIGTERM: exiting at once" in stderr, stderr


def test_sigquit_ends_the_run_without_a_crash_backtrace(tmp_path):
    process = start([*ARGS, "--output", tmp_path / "out"], cwd=tmp_path)
    assert wait_until(lambda: parquet_files(tmp_path / "out") or process.poll() is not None)
    process.send_signal(signal.SIGQUIT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGQUIT
    for word in ("crash", "Backtrace", "Thread 0", "💣"):
        assert word not in stderr, stderr
