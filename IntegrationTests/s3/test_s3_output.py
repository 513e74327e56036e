"""Output to a real S3 server (SeaweedFS, SigV4): Lakebench's Job arguments and
environment unchanged, multipart objects identical to local output, and clear
failures that write nothing."""
import json
import time

import duckdb
import pyarrow.fs
import pyarrow.parquet as pq
import pytest

from s3_support import ACCESS_KEY, REGION, SECRET_KEY, assert_nothing_written, assert_one_clear_line, free_ports, sha256
from support import parquet_files, run

PART = 16 * 2 ** 20  # S3UploadOptions' default part size

# Lakebench's Kubernetes Job, exactly as its template passes it (as in tests/host/test_lakebench_contract.py).
JOB_ARGS = ["--target-tb", "0.097656", "--mode", "batch", "--file-size-mb", "512", "--payload-kb", "2",
            "--bucket", "bronze", "--prefix", "customer/interactions", "--seed", "42", "--dirty-ratio", "0.08",
            "--total-nodes", "4", "--workers", "1", "--timestamp-start", "2024-01-01", "--timestamp-end", "2025-12-31"]


def job_args(bucket, prefix):
    # Only the size shrunk (its real plan is 199 × 512 MiB): 8 files of 16 MiB over 4 nodes.
    args = list(JOB_ARGS)
    args[args.index("--target-tb") + 1] = f"{9 * 16 / 1024 / 1024:.6f}"  # six decimals, as Lakebench prints
    args[args.index("--file-size-mb") + 1] = "16"
    args[args.index("--bucket") + 1] = bucket
    args[args.index("--prefix") + 1] = prefix
    return args


def arrow_fs(seaweed):
    return pyarrow.fs.S3FileSystem(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION, scheme="http",
                                   endpoint_override=f"127.0.0.1:{seaweed.port}")


def duckdb_count(seaweed, bucket, key, scratch):
    """Row count by DuckDB: over S3 when httpfs loads (it cannot be installed
    offline), else from the object's bytes fetched into a local file."""
    con = duckdb.connect()
    try:
        con.execute("LOAD httpfs")
    except duckdb.Error:
        local = scratch / key.replace("/", "_")
        local.write_bytes(seaweed.body(bucket, key))
        return con.execute("SELECT count(*) FROM read_parquet(?)", [str(local)]).fetchall()[0][0]
    con.execute(f"CREATE SECRET (TYPE s3, KEY_ID '{ACCESS_KEY}', SECRET '{SECRET_KEY}', REGION '{REGION}', "
                f"ENDPOINT '127.0.0.1:{seaweed.port}', URL_STYLE 'path', USE_SSL false)")
    return con.execute("SELECT count(*) FROM read_parquet(?)", [f"s3://{bucket}/{key}"]).fetchall()[0][0]


@pytest.mark.parametrize("prefix", ["customer/interactions", "customer/interactions/"], ids=["prefix", "slash"])
def test_lakebench_job_writes_to_s3(seaweed, tmp_path, prefix):
    bucket = seaweed.create_bucket("lb-job-slash" if prefix.endswith("/") else "lb-job")
    # The Job's environment: S3_REGION (not AWS_REGION), S3_PATH_STYLE, credentials, the pod's index.
    env = seaweed.env(AWS_REGION=None, S3_REGION=REGION, S3_PATH_STYLE="true", JOB_COMPLETION_INDEX=2)
    run([*job_args(bucket, prefix), "--summary-json", tmp_path / "summary.json"], cwd=tmp_path, env=env)

    keys = ["customer/interactions/part-000002.parquet", "customer/interactions/part-000006.parquet"]
    assert seaweed.keys(bucket) == keys
    assert seaweed.open_uploads(bucket) == []
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["location"] == f"s3://{bucket}"
    assert [f["key"] for f in summary["files"]] == keys
    assert (summary["node_id"], summary["total_nodes"], summary["files_written"]) == (2, 4, 2)
    assert not parquet_files(tmp_path) and not (tmp_path / "output").exists(), "S3 output must write nothing locally"

    fs = arrow_fs(seaweed)
    for f in summary["files"]:
        info = fs.get_file_info(f"{bucket}/{f['key']}")
        assert info.size == f["bytes"]
        assert abs(info.size - 16 * 2 ** 20) <= 0.10 * 16 * 2 ** 20
        table = pq.read_table(f"{bucket}/{f['key']}", filesystem=fs)
        assert table.num_rows == f["rows"] == summary["rows_per_file"]
        assert table.num_columns == 41
        metadata = pq.read_metadata(f"{bucket}/{f['key']}", filesystem=fs).metadata
        assert int(metadata[b"lb_datagen.file_id"]) == f["file_id"] == int(f["key"][-14:-8])
        assert duckdb_count(seaweed, bucket, f["key"], tmp_path) == f["rows"]
    assert sum(f["rows"] for f in summary["files"]) == summary["rows_written"]


def test_multipart_object_is_byte_identical_to_local_output(seaweed, tmp_path):
    bucket = seaweed.create_bucket("lb-multipart")
    # One ~40 MiB file (three 16 MiB parts), streamed as ten row groups while they are made.
    args = ["--target-gb", 40 / 1024, "--file-size-mb", 40, "--payload-kb", 2, "--row-group-mb", 4, "--workers", 2,
            "--seed", 11, "--bucket", bucket, "--prefix", "big", "--summary-json", tmp_path / "s3.json"]
    (tmp_path / "s3").mkdir()
    run(args, cwd=tmp_path / "s3", env=seaweed.env())
    (tmp_path / "local").mkdir()
    run([*args, "--output", tmp_path / "local" / "out"], cwd=tmp_path / "local")

    assert seaweed.keys(bucket) == ["big/part-000000.parquet"]
    local = tmp_path / "local" / "out" / bucket / "big" / "part-000000.parquet"
    body = seaweed.body(bucket, "big/part-000000.parquet")
    assert len(body) > 2 * PART, "the object must need at least three parts"
    assert len(body) == local.stat().st_size
    assert sha256(body) == sha256(local.read_bytes())
    # It went up as a multipart upload (an S3 multipart ETag ends in -<parts>) and none is left open.
    etag = seaweed.client().head_object(Bucket=bucket, Key="big/part-000000.parquet")["ETag"].strip('"')
    assert etag.endswith(f"-{-(-len(body) // PART)}"), etag
    assert seaweed.open_uploads(bucket) == []
    summary = json.loads((tmp_path / "s3.json").read_text())
    assert pq.read_metadata(f"{bucket}/big/part-000000.parquet", filesystem=arrow_fs(seaweed)).num_rows \
        == summary["rows_written"]


SMALL = ["--target-gb", 8 / 1024, "--file-size-mb", 4, "--workers", 2, "--prefix", "never"]


def test_wrong_secret_fails_clearly_and_writes_nothing(seaweed, tmp_path):
    bucket = seaweed.create_bucket("lb-errors")
    result = run([*SMALL, "--bucket", bucket], cwd=tmp_path, check=False,
                 env=seaweed.env(AWS_SECRET_ACCESS_KEY="not-the-secret"))
    assert_one_clear_line(result, bucket, "access denied", "SignatureDoesNotMatch", "AWS_SECRET_ACCESS_KEY")
    assert_nothing_written(seaweed, bucket, tmp_path)


def test_missing_bucket_fails_clearly_and_creates_nothing(seaweed, tmp_path):
    result = run([*SMALL, "--bucket", "lb-no-such-bucket"], cwd=tmp_path, check=False, env=seaweed.env())
    assert_one_clear_line(result, "lb-no-such-bucket", "does not exist", seaweed.endpoint)
    assert "lb-no-such-bucket" not in [b["Name"] for b in seaweed.client().list_buckets()["Buckets"]]
    assert not parquet_files(tmp_path) and not (tmp_path / "output").exists()


def test_endpoint_with_nothing_listening_fails_clearly(seaweed, tmp_path):
    bucket = seaweed.create_bucket("lb-errors")
    nobody = f"http://127.0.0.1:{free_ports(1)[0]}"
    started = time.time()
    result = run([*SMALL, "--bucket", bucket], cwd=tmp_path, check=False, env=seaweed.env(S3_ENDPOINT=nobody),
                 timeout=120)
    elapsed = time.time() - started
    assert_one_clear_line(result, bucket, "cannot connect", nobody, "S3_ENDPOINT")
    assert elapsed < 60, f"gave up only after {elapsed:.0f} s"
    assert_nothing_written(seaweed, bucket, tmp_path)


@pytest.mark.parametrize("mode,parts", [("batch", None), ("continuous", 5 * 2**20)])
def test_delivery_modes(seaweed, tmp_path, mode, parts):
    # Lakebench's newer Job: batch = one PUT per finished file; continuous = 5 MiB parts while generating.
    bucket = seaweed.create_bucket(f"lb-delivery-{mode}")
    run(["--target-gb", 24 / 1024, "--file-size-mb", 24, "--payload-kb", 2, "--row-group-mb", 4, "--seed", 5,
         "--bucket", bucket, "--prefix", "d", "--delivery-mode", mode], cwd=tmp_path, env=seaweed.env())
    [key] = seaweed.keys(bucket)
    body = seaweed.body(bucket, key)
    etag = seaweed.client().head_object(Bucket=bucket, Key=key)["ETag"].strip('"')
    if parts is None:
        assert "-" not in etag, f"one PUT, not a multipart upload: {etag}"
    else:
        assert etag.endswith(f"-{-(-len(body) // parts)}"), etag
    assert seaweed.open_uploads(bucket) == []
    (tmp_path / "local").mkdir()
    run(["--target-gb", 24 / 1024, "--file-size-mb", 24, "--payload-kb", 2, "--row-group-mb", 4, "--seed", 5,
         "--bucket", bucket, "--prefix", "d", "--output", tmp_path / "local"], cwd=tmp_path / "local")
    assert sha256(body) == sha256((tmp_path / "local" / bucket / key).read_bytes())


@pytest.mark.parametrize("variable", ["AWS_REGION", "S3_REGION"])
def test_region_with_spaces_is_named_not_taken_for_bad_credentials(seaweed, tmp_path, variable):
    # The region is part of every signature: with a space in it the server
    # answers SignatureDoesNotMatch, which reads like a wrong secret.
    bucket = seaweed.create_bucket("lb-errors")
    env = seaweed.env(**{"AWS_REGION": None, variable: "us east 1"})
    result = run([*SMALL, "--bucket", bucket], cwd=tmp_path, check=False, env=env)
    assert_one_clear_line(result, variable, "'us east 1'", "not a region name")
    assert "AWS_SECRET_ACCESS_KEY" not in result.stderr and "access denied" not in result.stderr
    assert_nothing_written(seaweed, bucket, tmp_path)


def test_an_s3_url_as_output_names_bucket_and_prefix(seaweed, tmp_path):
    # Once this made a local folder named "s3:".
    bucket = seaweed.create_bucket("lb-url")
    args = ["--rows", 3000, "--file-size-mb", 1, "--payload-kb", 0, "--seed", 5]
    run([*args, "--output", f"s3://{bucket}/from/the/url/"], cwd=tmp_path, env=seaweed.env())
    assert seaweed.keys(bucket) == ["from/the/url/part-000000.parquet"]
    assert not (tmp_path / "s3:").exists()
    run([*args, "--output", tmp_path / "local"], cwd=tmp_path)
    local = tmp_path / "local" / "lakebench-bronze" / "customer" / "interactions" / "part-000000.parquet"
    assert sha256(seaweed.body(bucket, "from/the/url/part-000000.parquet")) == sha256(local.read_bytes())
    assert pq.read_table(local).num_rows == 3000
    # A URL without a path takes the domain's prefix.
    run([*args, "--output", f"s3://{bucket}"], cwd=tmp_path, env=seaweed.env())
    assert "customer/interactions/part-000000.parquet" in seaweed.keys(bucket)
