"""How S3 uploads are guarded (S3_CHECKSUM, S3_SIGN_PAYLOAD and
S3_CHECKSUM_TRAILER, or their flags): in every mode each part carries the
checksum it names (in a header, or in the trailer of an aws-chunked body)
and the object arrives byte for byte; a part altered on the way (the fault
proxy flips a byte) is refused by SeaweedFS and sent again; a store that
refuses the checksum header or trailer is found at the preflight, which
names the settings to use; part size and parts in flight are settings too."""
import base64
import hashlib
import math

import pytest

from fault_proxy import FaultProxy
from s3_support import assert_one_clear_line, sha256
from support import run

PART = 5 * 2 ** 20
FILE = "part-000000.parquet"
# One ~24 MiB object, five 5 MiB parts (--delivery-mode continuous).
ARGS = ["--target-gb", 24 / 1024, "--file-size-mb", 24, "--payload-kb", 2, "--row-group-mb", 4, "--seed", 5,
        "--delivery-mode", "continuous"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("local")
    run([*ARGS, "--bucket", "local", "--prefix", "f", "--output", cwd / "out"], cwd=cwd)
    return (cwd / "out" / "local" / "f" / FILE).read_bytes()


@pytest.fixture(scope="module")
def bucket(seaweed):
    return seaweed.create_bucket("lb-integrity")


def crc(data, poly, bits):
    """Reflected CRC with all-ones start and end (CRC-32C, CRC-64/NVME), bitwise: slow, plain."""
    mask = (1 << bits) - 1
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ poly if c & 1 else c >> 1
        table.append(c)
    c = mask
    for b in data:
        c = table[(c ^ b) & 0xFF] ^ (c >> 8)
    return (c ^ mask).to_bytes(bits // 8, "big")


def expected_checksum(mode, body):
    """The header a part of `body` carries in `mode`, and its value."""
    if mode == "crc32c":
        return "x-amz-checksum-crc32c", base64.b64encode(crc(body, 0x82F63B78, 32)).decode()
    if mode == "crc64nvme":
        return "x-amz-checksum-crc64nvme", base64.b64encode(crc(body, 0x9A6C9329AC4BC9B5, 64)).decode()
    return "content-md5", base64.b64encode(hashlib.md5(body).digest()).decode()


@pytest.mark.parametrize("mode,signed,trailer", [
    (None, None, None), ("crc32c", "false", "false"), ("crc64nvme", "false", None), ("crc64nvme", "false", "false"),
    ("md5", "false", None), ("md5", "true", None), ("crc32c", "true", None),
], ids=["default", "crc32c-header", "crc64nvme", "crc64nvme-header", "md5", "md5-signed", "crc32c-signed"])
def test_each_mode_guards_every_part_and_a_part_altered_on_the_way_is_refused(seaweed, bucket, reference, tmp_path,
                                                                              mode, signed, trailer):
    prefix = f"mode-{mode}-{signed}-{trailer}"
    # A CRC on an unsigned body goes as a trailer unless asked otherwise.
    in_trailer = mode != "md5" and signed != "true" and trailer != "false"
    with FaultProxy(seaweed.port) as proxy:
        proxy.corrupt("UploadPart", nth=2)
        env = seaweed.env(S3_ENDPOINT=proxy.endpoint, S3_CHECKSUM=mode, S3_SIGN_PAYLOAD=signed,
                          S3_CHECKSUM_TRAILER=trailer)
        result = run([*ARGS, "--bucket", bucket, "--prefix", prefix], cwd=tmp_path, check=False, env=env)
    assert result.returncode == 0, result.stderr
    key = f"{prefix}/{FILE}"
    body = seaweed.body(bucket, key)
    assert sha256(body) == sha256(reference)
    parts = proxy.seen("UploadPart")
    # The altered part was refused (400 BadDigest, or a payload hash mismatch) and sent again.
    assert [s.status for s in parts].count(400) == 1 and len(parts) == math.ceil(len(body) / PART) + 1, parts
    assert sorted(s.status for s in parts) == [200] * (len(parts) - 1) + [400]
    for seen in parts:
        number = int(seen.path.split("partNumber=")[1].split("&")[0])
        chunk = reference[(number - 1) * PART:number * PART]
        name, value = expected_checksum(mode or "crc32c", chunk)
        if in_trailer:
            assert seen.headers.get("trailer:" + name) == value, (number, name, seen.headers)
            assert name not in seen.headers and seen.headers["x-amz-trailer"] == name
            assert seen.headers["content-encoding"] == "aws-chunked"
            assert seen.headers["x-amz-decoded-content-length"] == str(len(chunk))
            assert seen.headers["x-amz-content-sha256"] == "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
            continue
        assert seen.headers.get(name) == value, (number, name, seen.headers)
        unsigned = seen.headers["x-amz-content-sha256"] == "UNSIGNED-PAYLOAD"
        assert unsigned == (signed != "true"), seen.headers["x-amz-content-sha256"]
        if signed == "true":
            assert seen.headers["x-amz-content-sha256"] == hashlib.sha256(chunk).hexdigest()
    if mode != "md5":  # announced at the start of the upload, as S3 wants for a CRC
        [create] = [s for s in proxy.seen("CreateMultipartUpload") if FILE in s.path]
        assert create.headers["x-amz-checksum-algorithm"] == (mode or "crc32c").upper()
    assert seaweed.open_uploads(bucket, prefix + "/") == []


def test_store_refusing_the_checksum_trailer_is_found_at_the_preflight(seaweed, bucket, tmp_path):
    with FaultProxy(seaweed.port) as proxy:
        for operation in ("PreflightUploadPart", "UploadPart", "PutObject"):
            proxy.fail(operation, 400, "InvalidArgument", if_header="x-amz-trailer",
                       message="Unsupported x-amz-content-sha256 STREAMING-UNSIGNED-PAYLOAD-TRAILER")
        env = seaweed.env(S3_ENDPOINT=proxy.endpoint)
        result = run([*ARGS, "--bucket", bucket, "--prefix", "no-trailer"], cwd=tmp_path, check=False, env=env)
        assert_one_clear_line(result, bucket, "refused an upload part", "crc32c checksum trailer", "400 InvalidArgument",
                              "S3_CHECKSUM_TRAILER=false", "--s3-checksum-trailer false")
        assert proxy.statuses("PreflightUploadPart") == [400] and proxy.statuses("UploadPart") == []
        assert seaweed.keys(bucket, "no-trailer/") == [] and seaweed.open_uploads(bucket) == []

        # The setting it names works with that store: the checksum goes as a header.
        result = run([*ARGS, "--bucket", bucket, "--prefix", "no-trailer", "--s3-checksum-trailer", "false"],
                     cwd=tmp_path, check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert seaweed.keys(bucket, "no-trailer/") == [f"no-trailer/{FILE}"]
    assert all("x-amz-checksum-crc32c" in s.headers for s in proxy.seen("UploadPart"))


def test_store_refusing_the_checksum_header_is_found_at_the_preflight(seaweed, bucket, tmp_path):
    with FaultProxy(seaweed.port) as proxy:
        for operation in ("PreflightUploadPart", "UploadPart", "PutObject"):
            proxy.fail(operation, 400, "InvalidArgument", if_header="x-amz-checksum-crc32c",
                       message="Unsupported header x-amz-checksum-crc32c")
        env = seaweed.env(S3_ENDPOINT=proxy.endpoint, S3_CHECKSUM_TRAILER="false")
        result = run([*ARGS, "--bucket", bucket, "--prefix", "refused"], cwd=tmp_path, check=False, env=env)
        assert_one_clear_line(result, bucket, "refused an upload part", "crc32c", "400 InvalidArgument",
                              "S3_CHECKSUM=md5", "S3_SIGN_PAYLOAD=true", "--s3-checksum md5")
        assert proxy.statuses("PreflightUploadPart") == [400]  # one byte, before any data
        assert proxy.statuses("UploadPart") == [] and proxy.statuses("PreflightAbortMultipartUpload") == [204]
        assert seaweed.keys(bucket, "refused/") == [] and seaweed.open_uploads(bucket) == []

        # The settings it names work with that store.
        result = run([*ARGS, "--bucket", bucket, "--prefix", "refused", "--s3-checksum", "md5",
                      "--s3-sign-payload", "true"], cwd=tmp_path, check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert seaweed.keys(bucket, "refused/") == [f"refused/{FILE}"]
    assert seaweed.open_uploads(bucket) == []


def test_part_size_and_parts_in_flight_are_settings(seaweed, bucket, reference, tmp_path):
    with FaultProxy(seaweed.port) as proxy:
        env = seaweed.env(S3_ENDPOINT=proxy.endpoint, S3_PARTS_IN_FLIGHT="1")
        run([*ARGS, "--bucket", bucket, "--prefix", "sized", "--s3-part-size-mb", "7"], cwd=tmp_path, env=env)
    key = f"sized/{FILE}"
    assert sha256(seaweed.body(bucket, key)) == sha256(reference)
    etag = seaweed.client().head_object(Bucket=bucket, Key=key)["ETag"].strip('"')
    assert etag.endswith(f"-{math.ceil(len(reference) / (7 * 2 ** 20))}"), etag
    # One part in flight: each part went up after the one before was answered.
    parts = [s for s in proxy.seen("UploadPart") if "sized/" in s.path]
    assert [int(s.path.split("partNumber=")[1].split("&")[0]) for s in parts] == list(range(1, len(parts) + 1))


@pytest.mark.parametrize("variable,flag,value,words", [
    ("S3_CHECKSUM", "--s3-checksum", "sha1", ["S3_CHECKSUM", "--s3-checksum", "crc32c, crc64nvme or md5", "'sha1'"]),
    ("S3_SIGN_PAYLOAD", "--s3-sign-payload", "maybe", ["S3_SIGN_PAYLOAD", "true or false", "'maybe'"]),
    ("S3_CHECKSUM_TRAILER", "--s3-checksum-trailer", "maybe", ["S3_CHECKSUM_TRAILER", "true or false", "'maybe'"]),
    ("S3_PART_SIZE_MB", "--s3-part-size-mb", "4", ["S3_PART_SIZE_MB", "between 5 and 5120", "'4'"]),
    ("S3_PARTS_IN_FLIGHT", "--s3-parts-in-flight", "0", ["S3_PARTS_IN_FLIGHT", "between 1 and 64", "'0'"]),
])
def test_bad_upload_settings_are_refused_before_anything_is_written(seaweed, bucket, tmp_path, variable, flag, value,
                                                                    words):
    for how in ("env", "flag"):
        extra = [flag, value] if how == "flag" else []
        env = seaweed.env(**({variable: value} if how == "env" else {}))
        result = run([*ARGS, "--bucket", bucket, "--prefix", "bad", *extra], cwd=tmp_path, check=False, env=env)
        assert_one_clear_line(result, *words)
    assert seaweed.keys(bucket, "bad/") == []


def test_a_single_put_carries_its_checksum_as_a_header(seaweed, bucket, tmp_path):
    # Some stores keep a PUT's Content-Encoding (aws-chunked too) as the
    # object's: an object small enough for one PUT never goes aws-chunked.
    with FaultProxy(seaweed.port) as proxy:
        env = seaweed.env(S3_ENDPOINT=proxy.endpoint)
        run(["--target-gb", 2 / 1024, "--file-size-mb", 1, "--payload-kb", 0, "--bucket", bucket, "--prefix", "single"],
            cwd=tmp_path, env=env)
    puts = proxy.seen("PutObject")
    assert puts and all(s.status == 200 for s in puts)
    for seen in puts:
        assert "x-amz-checksum-crc32c" in seen.headers and "x-amz-trailer" not in seen.headers, seen.headers
        assert "aws-chunked" not in seen.headers.get("content-encoding", "")
    head = seaweed.client().head_object(Bucket=bucket, Key=seaweed.keys(bucket, "single/")[0])
    assert "ContentEncoding" not in head or "aws-chunked" not in head["ContentEncoding"]
