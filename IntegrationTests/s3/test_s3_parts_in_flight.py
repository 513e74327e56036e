"""S3_PARTS_IN_FLIGHT bounds an upload: the fault proxy in front of
SeaweedFS holds every UploadPart until as many as the setting allows are
waiting there, checks that no more come while the writer is stalled, then
lets them all through; over the whole run it counts the most UploadParts
ever outstanding at once, which must be the setting, and the generator's
peak RSS (VmHWM, read from /proc while it runs) must stay within the same
run's local peak plus (parts in flight + 1) parts. The run's summary
counts the time the parts spent being sent (wall, and the CPU of the
threads sending them): the held ones alone make up the time they were held.
"""
import json
import time

import pytest

from fault_proxy import FaultProxy
from s3_support import sha256
from support import start, wait_until

PART_MB = 5
FILE = "part-000000.parquet"
# One ~62 MiB object, one worker: 13 parts of 5 MiB, more than either setting lets out at once.
ARGS = ["--target-gb", 60 / 1024, "--file-size-mb", 60, "--payload-kb", 2, "--row-group-mb", 4, "--seed", 5,
        "--workers", 1, "--delivery-mode", "continuous", "--s3-part-size-mb", PART_MB]
# Room for what moves between runs (allocator, libcurl's buffers): under one part.
SLACK_MB = 4


def peak_rss_mb(pid):
    """VmHWM of a running process in MiB; None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def finish(process, peak=0.0):
    """Waits for the process, reading its peak RSS until it exits; returns (peak MiB, stderr)."""
    while process.poll() is None:
        peak = max(peak, peak_rss_mb(process.pid) or 0)
        time.sleep(0.01)
    stderr = process.stderr.read()
    assert process.returncode == 0, stderr
    return peak, stderr


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The object's bytes and the peak RSS of the same run into a local folder."""
    cwd = tmp_path_factory.mktemp("local")
    peak, _ = finish(start([*ARGS, "--bucket", "local", "--prefix", "f", "--output", cwd / "out",
                            "--summary-json", cwd / "summary.json"], cwd=cwd))
    summary = json.loads((cwd / "summary.json").read_text())
    assert "transfer_seconds" not in summary and "transfer_cpu_seconds" not in summary  # nothing sent
    return (cwd / "out" / "local" / "f" / FILE).read_bytes(), peak


@pytest.fixture(scope="module")
def bucket(seaweed):
    return seaweed.create_bucket("lb-in-flight")


@pytest.mark.parametrize("in_flight", [2, 5])
def test_parts_in_flight_bound_the_uploads_and_the_memory(seaweed, bucket, reference, tmp_path, in_flight):
    data, local_peak = reference
    prefix = f"in-flight-{in_flight}"
    with FaultProxy(seaweed.port) as proxy:
        proxy.hold("UploadPart")
        env = seaweed.env(S3_ENDPOINT=proxy.endpoint, S3_PARTS_IN_FLIGHT=str(in_flight))
        process = start([*ARGS, "--bucket", bucket, "--prefix", prefix, "--summary-json", tmp_path / "summary.json"],
                        cwd=tmp_path, env=env)
        try:
            peak = 0.0

            def stalled():
                nonlocal peak
                peak = max(peak, peak_rss_mb(process.pid) or 0)
                return proxy.outstanding("UploadPart") >= in_flight or process.poll() is not None
            assert wait_until(stalled, timeout=120, step=0.01), "the parts never piled up at the proxy"
            held_since = time.monotonic()
            # The writer is stalled now; one that did not wait for a free slot would send more meanwhile.
            time.sleep(1.0)
            assert proxy.outstanding("UploadPart") == in_flight, proxy.log
            held_seconds = time.monotonic() - held_since
            peak = max(peak, peak_rss_mb(process.pid) or 0)
        finally:
            proxy.release()
        peak, _ = finish(process, peak)

    parts = proxy.seen("UploadPart")
    assert len(parts) == -(-len(data) // (PART_MB << 20)) == 13, parts
    assert all(s.status == 200 for s in parts), parts
    assert proxy.most_at_once("UploadPart") == in_flight
    assert sha256(seaweed.body(bucket, f"{prefix}/{FILE}")) == sha256(data)
    assert seaweed.open_uploads(bucket, prefix + "/") == []
    # Each part in flight holds its buffer, and one more fills: 13 parts held at once would be 65 MiB.
    bound = local_peak + (in_flight + 1) * PART_MB + SLACK_MB
    assert peak <= bound, f"peak RSS {peak:.1f} MiB over {bound:.1f} (local run: {local_peak:.1f} MiB)"

    summary = json.loads((tmp_path / "summary.json").read_text())
    # The held parts were being sent all the while, blocked, not computing.
    assert summary["transfer_seconds"] >= in_flight * held_seconds, summary
    assert 0 < summary["transfer_cpu_seconds"] < summary["transfer_seconds"] / 2, summary
