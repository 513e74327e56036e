"""S3 faults, injected by a proxy in front of SeaweedFS (fault_proxy.py):
throttling and server errors are retried and leave the object exactly as a
clean run makes it; a CompleteMultipartUpload whose answer is lost still
counts as done, proven by the object's ETag or, where that cannot tell, by
the token in its metadata; a part that keeps failing ends the run with one clear line,
nothing under the key and no upload open, and --resume then finishes the
job; a throttled preflight is retried."""
import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest

from fault_proxy import FaultProxy
from s3_support import sha256
from support import run

PART = 5 * 2 ** 20  # --delivery-mode continuous: 5 MiB parts, 4 in flight
PARTS = 5
FILE = "part-000000.parquet"
# One ~24 MiB object: a multipart upload of five parts.
ARGS = ["--target-gb", 24 / 1024, "--file-size-mb", 24, "--payload-kb", 2, "--row-group-mb", 4, "--seed", 5,
        "--delivery-mode", "continuous"]


def args(bucket, prefix):
    return [*ARGS, "--bucket", bucket, "--prefix", prefix]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The sha256 and size of the object as the same run writes it locally
    (the bytes depend neither on bucket, prefix nor delivery mode)."""
    cwd = tmp_path_factory.mktemp("local")
    run([*args("local", "f"), "--output", cwd / "out"], cwd=cwd)
    data = (cwd / "out" / "local" / "f" / FILE).read_bytes()
    assert -(-len(data) // PART) == PARTS, f"{len(data)} bytes are not {PARTS} parts of {PART}"
    return hashlib.sha256(data).hexdigest(), len(data)


@pytest.fixture(scope="module")
def bucket(seaweed):
    # One bucket, a prefix per test: each bucket SeaweedFS writes to takes 7 of its volumes.
    return seaweed.create_bucket("lb-faults")


@pytest.fixture
def proxy(seaweed):
    with FaultProxy(seaweed.port) as p:
        yield p


def assert_clean_success(result):
    assert result.returncode == 0, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line.lower() or "fail" in line.lower()]
    assert not errors, result.stderr
    assert "errors: 0" in result.stdout, result.stdout


def assert_object_is_reference(seaweed, bucket, prefix, reference):
    key = f"{prefix}/{FILE}"
    assert seaweed.keys(bucket, prefix + "/") == [key]
    body = seaweed.body(bucket, key)
    assert (sha256(body), len(body)) == reference
    # Made from all its parts by one CompleteMultipartUpload (a multipart ETag ends in -<parts>).
    etag = seaweed.client().head_object(Bucket=bucket, Key=key)["ETag"].strip('"')
    assert etag.endswith(f"-{PARTS}"), etag
    assert seaweed.open_uploads(bucket, prefix + "/") == []


def part_number(seen):
    return int(parse_qs(urlsplit(seen.path).query)["partNumber"][0])


def test_throttled_part_and_failed_create_are_retried(seaweed, bucket, proxy, tmp_path, reference):
    proxy.fail("CreateMultipartUpload", 500, "InternalError", nth=1)
    proxy.fail("UploadPart", 503, "SlowDown", nth=2)
    result = run(args(bucket, "retry"), cwd=tmp_path, check=False, env=seaweed.env(S3_ENDPOINT=proxy.endpoint))
    assert_clean_success(result)
    assert_object_is_reference(seaweed, bucket, "retry", reference)

    # Each fault was answered once, and the same request went again after a pause.
    creates = proxy.seen("CreateMultipartUpload")
    assert [s.status for s in creates] == [500, 200] and creates[0].path == creates[1].path, creates
    assert creates[1].at - creates[0].at >= 0.1, creates  # S3RetryPolicy: >= 0.125 s before the 2nd attempt
    parts = proxy.seen("UploadPart")
    assert len(parts) == PARTS + 1, parts
    [throttled] = [s for s in parts if s.status == 503]
    # The same part of the same upload went again, and went through.
    retried = [s for s in parts if s.path == throttled.path]
    assert [s.status for s in retried] == [503, 200] and retried[1].at - retried[0].at >= 0.1, parts
    assert sorted(part_number(s) for s in parts if s.status == 200) == list(range(1, PARTS + 1))
    assert proxy.statuses("CompleteMultipartUpload") == [200]
    assert proxy.statuses("AbortMultipartUpload") == []


@pytest.mark.parametrize("reset,keep_alive,resent_answer", [
    (False, True, None), (True, True, None), (False, True, 404), (False, False, 404),
], ids=["fin", "rst", "nosuchupload", "nosuchupload-no-keepalive"])
def test_lost_answer_to_complete_still_succeeds(seaweed, bucket, tmp_path, reference, reset, keep_alive,
                                                resent_answer, request):
    # SeaweedFS completes a completed upload again (200); other stores say
    # 404 NoSuchUpload, played here by the proxy. Over a reused connection
    # libcurl itself sends the request again at once (the client counts one
    # attempt); without keep-alive the client's own retry does, after a pause.
    prefix = "lost-" + request.node.callspec.id
    with FaultProxy(seaweed.port, keep_alive=keep_alive) as proxy:
        proxy.lose_answer("CompleteMultipartUpload", nth=1, reset=reset)
        if resent_answer:
            proxy.fail("CompleteMultipartUpload", resent_answer, "NoSuchUpload",
                       message="The specified multipart upload does not exist.")
        result = run(args(bucket, prefix), cwd=tmp_path, check=False, env=seaweed.env(S3_ENDPOINT=proxy.endpoint))
    assert_clean_success(result)
    assert_object_is_reference(seaweed, bucket, prefix, reference)
    # The server completed the upload; its answer never reached the client, which asked again.
    assert proxy.statuses("CompleteMultipartUpload") == [None, resent_answer or 200], proxy.log
    if resent_answer:  # and then looked for the object
        assert proxy.statuses("HeadObject") == [200], proxy.log
    assert proxy.statuses("AbortMultipartUpload") == []


@pytest.mark.parametrize("etag", ['"0123456789abcdef0123456789abcdef-5"', '"lb-opaque-etag"'],
                         ids=["other-md5-of-md5s", "not-md5-form"])
def test_lost_answer_to_complete_is_recovered_by_the_upload_token(seaweed, bucket, tmp_path, reference, etag, request):
    # As above, the resent CompleteMultipartUpload hears NoSuchUpload; and
    # the object's ETag, as the HEAD that follows sees it, is not the one
    # these parts make (a store that makes ETags otherwise): only the token
    # the upload was started with, in the object's metadata, proves it ours.
    prefix = "token-" + request.node.callspec.id
    with FaultProxy(seaweed.port) as proxy:
        proxy.lose_answer("CompleteMultipartUpload", nth=1)
        proxy.fail("CompleteMultipartUpload", 404, "NoSuchUpload", message="The specified multipart upload does not exist.")
        proxy.rewrite_answer("HeadObject", "ETag", etag)
        result = run(args(bucket, prefix), cwd=tmp_path, check=False, env=seaweed.env(S3_ENDPOINT=proxy.endpoint))
    assert_clean_success(result)
    assert_object_is_reference(seaweed, bucket, prefix, reference)
    assert proxy.statuses("CompleteMultipartUpload") == [None, 404], proxy.log
    assert proxy.statuses("HeadObject") == [200], proxy.log
    assert proxy.statuses("AbortMultipartUpload") == []
    # The token sent at the start is the one the object carries.
    [create] = proxy.seen("CreateMultipartUpload")
    token = create.headers["x-amz-meta-lb-datagen-upload"]
    assert len(token) == 32
    metadata = seaweed.client().head_object(Bucket=bucket, Key=f"{prefix}/{FILE}")["Metadata"]
    assert metadata == {"lb-datagen-upload": token}, metadata


def test_complete_refused_with_another_object_under_the_key_fails(seaweed, bucket, proxy, tmp_path):
    # NoSuchUpload to the only CompleteMultipartUpload sent, and an object of
    # as many parts, but other bytes, already under the key (an earlier
    # run's): not ours, so the run fails, aborts its upload and leaves it be.
    key = f"stale/{FILE}"
    s3 = seaweed.client()
    upload = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    etags = [s3.upload_part(Bucket=bucket, Key=key, UploadId=upload, PartNumber=n, Body=bytes([n]) * PART)["ETag"]
             for n in range(1, PARTS + 1)]
    s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload, MultipartUpload={
        "Parts": [{"PartNumber": n, "ETag": e} for n, e in enumerate(etags, 1)]})
    stale = sha256(seaweed.body(bucket, key))
    proxy.fail("CompleteMultipartUpload", 404, "NoSuchUpload")
    result = run(args(bucket, "stale"), cwd=tmp_path, check=False, env=seaweed.env(S3_ENDPOINT=proxy.endpoint))
    assert result.returncode != 0
    assert f"CompleteMultipartUpload {bucket}/{key}: 404 NoSuchUpload" in result.stderr, result.stderr
    assert proxy.statuses("CompleteMultipartUpload") == [404]
    assert proxy.statuses("AbortMultipartUpload") == [204]
    assert seaweed.keys(bucket, "stale/") == [key] and sha256(seaweed.body(bucket, key)) == stale
    assert seaweed.open_uploads(bucket, "stale/") == []


def test_part_failing_past_the_retry_budget_then_resume(seaweed, bucket, proxy, tmp_path, reference):
    key = f"budget/{FILE}"
    proxy.fail("UploadPart", 500, "InternalError")
    result = run(args(bucket, "budget"), cwd=tmp_path, check=False, env=seaweed.env(S3_ENDPOINT=proxy.endpoint))
    assert result.returncode != 0
    # One line for the file, naming its key and the last answer; then the run's verdict.
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert f"{bucket}/{key}" in lines[0] and "500 InternalError" in lines[0] and "after 5 attempts" in lines[0], lines
    assert "1 file(s) failed" in lines[1] and key not in lines[1], lines
    assert seaweed.keys(bucket, "budget/") == []
    assert seaweed.open_uploads(bucket, "budget/") == []

    parts = proxy.seen("UploadPart")
    assert parts and all(s.status == 500 for s in parts), parts
    tries = {}
    for s in parts:
        tries[s.path] = tries.get(s.path, 0) + 1
    assert max(tries.values()) == 5, tries  # S3RetryPolicy: five attempts, no more
    assert proxy.statuses("CompleteMultipartUpload") == []
    # The upload that was started is the one aborted.
    [created] = proxy.seen("CreateMultipartUpload")
    [aborted] = proxy.seen("AbortMultipartUpload")
    assert aborted.status == 204 and urlsplit(aborted.path).path == urlsplit(created.path).path

    # The faults are over: --resume in the same working directory finishes the job.
    proxy.clear()
    run([*args(bucket, "budget"), "--resume"], cwd=tmp_path, env=seaweed.env(S3_ENDPOINT=proxy.endpoint))
    assert_object_is_reference(seaweed, bucket, "budget", reference)
    assert proxy.statuses("CompleteMultipartUpload") == [200]


def test_throttled_preflight_is_retried(seaweed, bucket, proxy, tmp_path):
    proxy.fail("HeadBucket", 429, "SlowDown", nth=1)
    result = run(["--target-gb", 8 / 1024, "--file-size-mb", 4, "--workers", 2, "--seed", 3, "--bucket", bucket,
                  "--prefix", "preflight"], cwd=tmp_path, check=False, env=seaweed.env(S3_ENDPOINT=proxy.endpoint))
    assert_clean_success(result)
    heads = proxy.seen("HeadBucket")
    assert [s.status for s in heads][:2] == [429, 200] and heads[1].at - heads[0].at >= 0.1, heads
    assert seaweed.keys(bucket, "preflight/") == ["preflight/part-000000.parquet", "preflight/part-000001.parquet"]
    assert proxy.statuses("PutObject") == [200, 200, 200]  # two files, then the completion marker


def test_lost_answer_to_create_leaves_no_upload_open(seaweed, bucket, proxy, tmp_path, reference):
    proxy.lose_answer("CreateMultipartUpload", nth=1)
    result = run(args(bucket, "lost-create"), cwd=tmp_path, check=False, env=seaweed.env(S3_ENDPOINT=proxy.endpoint))
    assert_clean_success(result)
    assert proxy.statuses("CreateMultipartUpload") == [None, 200]
    assert_object_is_reference(seaweed, bucket, "lost-create", reference)  # fails: the first upload is still open
