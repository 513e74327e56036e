"""Resume over S3: a run killed in the middle of a multipart upload, resumed,
gives exactly the objects of an uninterrupted run and leaves no upload open;
objects already in the bucket count as done without a local checkpoint."""
import json
import signal
import subprocess
import time


from fault_proxy import FaultProxy
from s3_support import sha256
from support import BINARY, run

FILES = 5
# Five ~40 MiB files (three 16 MiB parts each), streamed in ~4 MiB row groups.
ARGS = ["--target-gb", FILES * 40 / 1024, "--file-size-mb", 40, "--row-group-mb", 4, "--payload-kb", 2,
        "--workers", 2, "--seed", 5]


def test_kill_during_upload_then_resume_gives_the_uninterrupted_objects(seaweed, tmp_path):
    bucket = seaweed.create_bucket("lb-resume")
    (tmp_path / "reference").mkdir()
    run([*ARGS, "--bucket", bucket, "--prefix", "reference"], cwd=tmp_path / "reference", env=seaweed.env())
    expected = seaweed.digests(bucket, "reference/")
    assert sorted(expected) == [f"part-{i:06d}.parquet" for i in range(FILES)]

    work = tmp_path / "work"
    work.mkdir()
    args = [*ARGS, "--bucket", bucket, "--prefix", "killed"]
    process = subprocess.Popen([str(BINARY), *map(str, args)], cwd=work, env=seaweed.env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and process.poll() is None:
            if seaweed.keys(bucket, "killed/") and seaweed.open_uploads(bucket, "killed/"):
                break
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed mid-upload"
    done_before = seaweed.keys(bucket, "killed/")
    open_before = seaweed.open_uploads(bucket, "killed/")
    assert 1 <= len(done_before) < FILES and open_before, (done_before, open_before)
    # Whatever is visible is complete: each finished object is already the reference's.
    for key in done_before:
        assert seaweed.digests(bucket, key)[""] == expected[key.removeprefix("killed/")]

    result = run([*args, "--resume", "--summary-json", work / "summary.json"], cwd=work, env=seaweed.env())
    assert "removed" in result.stderr and "unfinished" in result.stderr, result.stderr
    summary = json.loads((work / "summary.json").read_text())
    assert summary["files_already_done"] >= len(done_before)
    assert summary["files_written"] + summary["files_already_done"] == FILES
    assert seaweed.digests(bucket, "killed/") == expected
    assert seaweed.open_uploads(bucket, "killed/") == []
    assert seaweed.open_uploads(bucket) == []
    checkpoint = json.loads((work / ".datagen_checkpoint.json").read_text())
    assert sorted(checkpoint["completed"]) == list(range(FILES))


SMALL = ["--target-gb", 3 * 6 / 1024, "--file-size-mb", 6, "--workers", 2, "--seed", 9]


def test_resume_in_a_fresh_container_trusts_the_objects(seaweed, tmp_path):
    # A restarted pod has no local checkpoint: the objects under the prefix are the record.
    bucket = seaweed.create_bucket("lb-fresh")
    args = [*SMALL, "--bucket", bucket, "--prefix", "fresh/"]
    (tmp_path / "first").mkdir()
    run(args, cwd=tmp_path / "first", env=seaweed.env())
    before = seaweed.digests(bucket, "fresh/")
    assert len(before) == 3
    s3 = seaweed.client()
    s3.delete_object(Bucket=bucket, Key="fresh/part-000001.parquet")
    # Not plan keys: must neither count as done nor be touched.
    s3.put_object(Bucket=bucket, Key="fresh/part-000001.parquet.tmp", Body=b"x")
    s3.put_object(Bucket=bucket, Key="fresh-other/part-000001.parquet", Body=b"x")

    (tmp_path / "restarted").mkdir()
    run([*args, "--resume", "--summary-json", tmp_path / "restarted" / "s.json"], cwd=tmp_path / "restarted",
        env=seaweed.env())
    summary = json.loads((tmp_path / "restarted" / "s.json").read_text())
    assert (summary["files_written"], summary["files_already_done"]) == (1, 2)
    assert [f["key"] for f in summary["files"]] == ["fresh/part-000001.parquet"]
    after = seaweed.digests(bucket, "fresh/")
    assert after.pop("part-000001.parquet.tmp") and after == before
    assert seaweed.keys(bucket, "fresh-other/") == ["fresh-other/part-000001.parquet"]


def test_resume_leaves_other_nodes_uploads_alone(seaweed, tmp_path):
    # Lakebench's Job runs its nodes at once under one prefix: a restarted pod's
    # --resume must abort only its own files' leftovers, not a live upload of
    # another node (whose CompleteMultipartUpload would then fail).
    bucket = seaweed.create_bucket("lb-nodes")
    s3 = seaweed.client()
    own = s3.create_multipart_upload(Bucket=bucket, Key="nodes/part-000000.parquet")["UploadId"]
    other = s3.create_multipart_upload(Bucket=bucket, Key="nodes/part-000001.parquet")["UploadId"]
    run([*SMALL, "--bucket", bucket, "--prefix", "nodes", "--total-nodes", 2, "--node-id", 0, "--resume"],
        cwd=tmp_path, env=seaweed.env())
    assert seaweed.keys(bucket, "nodes/") == ["nodes/part-000000.parquet", "nodes/part-000002.parquet"]
    assert ("nodes/part-000000.parquet", own) not in seaweed.open_uploads(bucket, "nodes/")
    assert seaweed.open_uploads(bucket, "nodes/") == [("nodes/part-000001.parquet", other)]


def test_two_runs_of_one_node_at_once_both_succeed(seaweed, tmp_path):
    # Kubernetes may start a node's new pod (with --resume) while the old one
    # is still writing. Here the old pod's first CompleteMultipartUpload is
    # held back until the new pod has started the same object: the newcomer
    # must not abort the old pod's live upload, nor the old pod the
    # newcomer's. Both finish, and the objects are those of one clean run.
    bucket = seaweed.create_bucket("lb-twice")
    (tmp_path / "local").mkdir()
    run([*ARGS, "--bucket", bucket, "--prefix", "twice", "--output", tmp_path / "local" / "out"],
        cwd=tmp_path / "local")
    local = tmp_path / "local" / "out" / bucket / "twice"
    expected = {p.name: sha256(p.read_bytes()) for p in local.glob("*.parquet")}
    assert len(expected) == FILES

    args = [*ARGS, "--bucket", bucket, "--prefix", "twice", "--resume"]
    key = "twice/part-000000.parquet"
    with FaultProxy(seaweed.port) as proxy:
        held = proxy.hold("CompleteMultipartUpload", nth=1)
        runs = {}
        (tmp_path / "old").mkdir()
        runs["old"] = subprocess.Popen([str(BINARY), *map(str, args)], cwd=tmp_path / "old",
                                       env=seaweed.env(S3_ENDPOINT=proxy.endpoint),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert held.wait(60), "the old run never completed an upload"
        [old_upload] = [u for k, u in seaweed.open_uploads(bucket, "twice/") if k == key]
        (tmp_path / "new").mkdir()
        runs["new"] = subprocess.Popen([str(BINARY), *map(str, args)], cwd=tmp_path / "new", env=seaweed.env(),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 60
        while time.time() < deadline and runs["new"].poll() is None:
            if any(k == key and u != old_upload for k, u in seaweed.open_uploads(bucket, "twice/")):
                break
            time.sleep(0.01)
        proxy.release()
        results = {name: (p.wait(timeout=300), p.stderr.read()) for name, p in runs.items()}
    for p in runs.values():
        p.stderr.close()
    assert results["new"][0] == 0, results["new"][1]
    assert results["old"][0] == 0, results["old"][1]
    assert proxy.statuses("CompleteMultipartUpload")[0] == 200
    assert seaweed.digests(bucket, "twice/") == expected
    assert seaweed.open_uploads(bucket, "twice/") == []


def test_resume_and_verify_check_the_objects_themselves(seaweed, tmp_path):
    # A cut-short or empty object under a plan key is made again, found by
    # reading its footer (ranged GET); another seed's object is refused.
    bucket = seaweed.create_bucket("lb-verify")
    args = [*SMALL, "--bucket", bucket, "--prefix", "v"]
    (tmp_path / "first").mkdir()
    run(args, cwd=tmp_path / "first", env=seaweed.env())
    before = seaweed.digests(bucket, "v/")
    s3 = seaweed.client()

    # A marker that disagrees with the plan is one line naming it.
    marker_key = "v/_corpus/c000-node-0000.json"
    marker = json.loads(seaweed.body(bucket, marker_key))
    s3.put_object(Bucket=bucket, Key=marker_key, Body=json.dumps({**marker, "rows_written": 1}).encode())
    report = run(["verify", *args], cwd=tmp_path, env=seaweed.env(), check=False)
    problems = [l for l in report.stdout.splitlines() if l.startswith(f"s3://{bucket}/")]
    assert report.returncode == 1 and problems == [
        f"s3://{bucket}/{marker_key}: completion marker disagrees: rows_written 1, expected {marker['rows_written']}"
    ], report.stdout
    s3.put_object(Bucket=bucket, Key=marker_key, Body=json.dumps(marker).encode())

    s3.put_object(Bucket=bucket, Key="v/part-000000.parquet", Body=seaweed.body(bucket, "v/part-000000.parquet")[:-10])
    s3.put_object(Bucket=bucket, Key="v/part-000002.parquet", Body=b"")

    report = run(["verify", *args], cwd=tmp_path, env=seaweed.env(), check=False)
    problems = [l for l in report.stdout.splitlines() if l.startswith(f"s3://{bucket}/")]
    assert report.returncode == 1 and len(problems) == 3, report.stdout
    assert all("not a whole Parquet file" in l for l in problems[:2])
    # The node's completion marker stands beside files that are not whole.
    assert problems[2].startswith(f"s3://{bucket}/v/_corpus/c000-node-0000.json: completion marker disagrees: "
                                  "the node is not complete: 2 of its")

    (tmp_path / "restarted").mkdir()
    result = run([*args, "--resume"], cwd=tmp_path / "restarted", env=seaweed.env())
    assert result.stderr.count("making it again") == 2, result.stderr
    assert seaweed.digests(bucket, "v/") == before
    assert run(["verify", *args], cwd=tmp_path, env=seaweed.env()).returncode == 0

    (tmp_path / "other").mkdir()
    other = [*args]
    other[other.index("--seed") + 1] = 99
    refused = run([*other, "--resume"], cwd=tmp_path / "other", env=seaweed.env(), check=False)
    assert refused.returncode == 1 and "made by another run" in refused.stderr and "lb_datagen.seed" in refused.stderr
    assert seaweed.digests(bucket, "v/") == before
