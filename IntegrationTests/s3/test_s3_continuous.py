"""Sustained mode and signals against a real S3 server: new objects until
the deadline, the upload in flight at the deadline or at a signal aborted
(no open multipart upload left), and --resume finishing a stopped run with
the objects an uninterrupted run makes."""
import io
import json
import signal
import time

import pyarrow.parquet as pq
import pytest

from s3_support import SeaweedFS
from support import METRICS_FIELDS, check_marker, metrics, run, start, wait_until

BUCKET = "lb-continuous"


@pytest.fixture(scope="module")
def seaweed():
    """A server of this module's own: its runs write gigabytes, which would
    use up the volumes of the session's shared server."""
    server = SeaweedFS()
    yield server
    server.stop()
DURATION = 15
FILE_MB = 8
SUSTAINED = ["--target-tb", f"{9 * FILE_MB / 1024 / 1024:.6f}", "--mode", "continuous", "--file-size-mb", FILE_MB,
             "--payload-kb", "2", "--prefix", "customer/interactions", "--seed", "42",
             "--dirty-ratio", "0.08", "--total-nodes", "2", "--workers", "8", "--timestamp-start", "2024-01-01",
             "--timestamp-end", "2025-12-31", "--duration", DURATION]


def ids_of(keys):
    return sorted(int(k[-14:-8]) for k in keys if k.endswith(".parquet"))


def check_objects(seaweed, bucket, prefix, summary):
    """Every object is whole and readable; rows and bytes agree with the summary."""
    keys = seaweed.keys(bucket, prefix)
    rows = size = 0
    for key in keys:
        body = seaweed.body(bucket, key)
        table = pq.read_table(io.BytesIO(body), columns=["id"])
        rows += table.num_rows
        size += len(body)
    assert (summary["rows_written"], summary["bytes_written"]) == (rows, size)
    return keys


def test_sustained_mode_arguments_against_s3(seaweed, tmp_path):
    bucket = seaweed.create_bucket(BUCKET)
    args = [*SUSTAINED, "--bucket", bucket]
    env = seaweed.env(JOB_COMPLETION_INDEX=1)
    total_files = json.loads(run([*args, "--print-resolved-args"], cwd=tmp_path, env=env).stdout)["total_files"]
    started = time.time()
    result = run([*args, "--summary-json", tmp_path / "s.json"], cwd=tmp_path, env=env)
    took = time.time() - started
    assert DURATION <= took <= DURATION + 10, took
    summary = json.loads((tmp_path / "s.json").read_text())
    keys = check_objects(seaweed, bucket, "customer/interactions/", summary)
    ids = ids_of(keys)
    planned = list(range(1, total_files, 2))
    assert ids[:len(planned)] == planned
    past = ids[len(planned):]
    assert past and past == [total_files + 2 * k + 1 for k in range(len(past))]
    assert summary["stop_reason"] == "deadline"
    assert seaweed.open_uploads(bucket, "customer/interactions/") == [], "the upload in flight at the deadline is aborted"
    # The metrics line and the marker agree with the bucket.
    line = metrics(result.stderr)
    assert set(line) == METRICS_FIELDS
    assert (line["files_written"], line["bucket"], line["node_id"]) == (len(keys), bucket, 1)
    assert seaweed.keys(bucket, "customer/interactions/_corpus/", markers=True) == ["customer/interactions/_corpus/c000-node-0001.json"]
    marker = check_marker(seaweed.body(bucket, "customer/interactions/_corpus/c000-node-0001.json").decode())
    assert (marker["files_written"], marker["rows_written"], marker["bytes_written"]) == (
        len(keys), summary["rows_written"], summary["bytes_written"])


@pytest.mark.parametrize("delivery", ["batch", "continuous"])
def test_continuous_mode_in_both_delivery_modes(seaweed, tmp_path, delivery):
    bucket = seaweed.create_bucket(BUCKET)
    run(["--target-gb", 2 * 6 / 1024, "--file-size-mb", 6, "--workers", 2, "--mode", "continuous", "--duration", 8,
         "--delivery-mode", delivery, "--bucket", bucket, "--prefix", f"c-{delivery}", "--summary-json", tmp_path / "s.json"],
        cwd=tmp_path, env=seaweed.env())
    summary = json.loads((tmp_path / "s.json").read_text())
    ids = ids_of(check_objects(seaweed, bucket, f"c-{delivery}/", summary))
    assert ids == list(range(len(ids))) and len(ids) >= 3, ids  # two planned files, then new ones
    assert seaweed.open_uploads(bucket, f"c-{delivery}/") == []


# Five ~24 MiB objects, each a multipart upload of 16 MiB parts, in 4 MiB row groups.
ARGS = ["--target-gb", 5 * 24 / 1024, "--file-size-mb", 24, "--row-group-mb", 4, "--workers", 2, "--seed", 6]


@pytest.mark.parametrize("mode,number", [("batch", signal.SIGTERM), ("continuous", signal.SIGINT)])
def test_a_signal_during_an_upload_aborts_it_and_resume_finishes(seaweed, tmp_path, mode, number):
    bucket = seaweed.create_bucket(BUCKET)
    (tmp_path / "reference").mkdir()
    run([*ARGS, "--bucket", bucket, "--prefix", f"reference-{mode}"], cwd=tmp_path / "reference", env=seaweed.env())
    expected = seaweed.digests(bucket, f"reference-{mode}/")

    work = tmp_path / "work"
    work.mkdir()
    stopped = f"stopped-{mode}/"
    args = [*ARGS, "--bucket", bucket, "--prefix", stopped, "--mode", mode]
    if mode == "continuous":
        args += ["--duration", 120]
    process = start([*args, "--quiet"], cwd=work, env=seaweed.env())
    assert wait_until(lambda: (seaweed.keys(bucket, stopped) and seaweed.open_uploads(bucket, stopped))
                      or process.poll() is not None, step=0.01)
    assert process.poll() is None, "the run ended before the signal"
    sent = time.time()
    process.send_signal(number)
    _, stderr = process.communicate(timeout=60)
    assert time.time() - sent < 10
    assert process.returncode == 128 + number, stderr
    assert len(stderr.strip().splitlines()) == 1 and "--resume" in stderr, stderr
    assert seaweed.open_uploads(bucket, stopped) == [], "the upload in flight is aborted"
    assert not seaweed.keys(bucket, stopped + "_corpus/", markers=True)
    done = seaweed.digests(bucket, stopped)
    assert 1 <= len(done) < len(expected)
    assert all(expected[k] == d for k, d in done.items())

    resume = [*args[:-2], "--duration", 8] if mode == "continuous" else args
    run([*resume, "--resume"], cwd=work, env=seaweed.env())
    after = seaweed.digests(bucket, stopped)
    assert {k: after[k] for k in expected} == expected
    assert seaweed.keys(bucket, stopped + "_corpus/", markers=True) == [stopped + "_corpus/c000-node-0000.json"]
    assert seaweed.open_uploads(bucket, stopped) == []
