"""Lakebench's Job as containers: the image (`make image`) run three times
with JOB_COMPLETION_INDEX 0..2, the Job's argument list (sizes shrunk) and
its S3 environment, against the test SeaweedFS on the host network. Together
they must write exactly the objects one local node writes, byte for byte."""
import pyarrow.parquet as pq

from support import digests, parquet_files, run

NODES = 3
# Lakebench's Job list with the size shrunk: 7 files of 1 MiB over 3 nodes.
JOB_ARGS = ["--target-tb", f"{7.5 / 1024 / 1024:.6f}", "--mode", "batch", "--file-size-mb", "1", "--payload-kb", "2",
            "--bucket", "bronze-containers", "--prefix", "customer/interactions", "--seed", "42", "--dirty-ratio", "0.08",
            "--total-nodes", str(NODES), "--workers", "1", "--timestamp-start", "2024-01-01",
            "--timestamp-end", "2025-12-31"]


def test_three_pods_write_what_one_local_node_writes(engine, image, seaweed, tmp_path):
    bucket = seaweed.create_bucket("bronze-containers")
    s3_env = {name: value for name, value in seaweed.env(S3_REGION="us-east-1").items()
              if name in ("S3_ENDPOINT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "S3_REGION",
                          "S3_PATH_STYLE")}

    # The pods one after the other, so each one's share can be seen: file N belongs to node N % 3.
    written = set()
    for index in range(NODES):
        engine.run(image, JOB_ARGS, env={**s3_env, "JOB_COMPLETION_INDEX": index}, network="host")
        keys = set(seaweed.keys(bucket, "customer/interactions/"))
        assert keys - written == {f"customer/interactions/part-{n:06d}.parquet" for n in range(index, 7, NODES)}
        written = keys

    objects = seaweed.digests(bucket, "customer/interactions/")
    assert sorted(objects) == [f"part-{n:06d}.parquet" for n in range(7)]

    # One local node, the whole plan, the same arguments.
    local = [*JOB_ARGS, "--output", tmp_path / "local"]
    local[local.index("--total-nodes") + 1] = "1"
    run(local, cwd=tmp_path)
    expected = {name.removeprefix("bronze-containers/customer/interactions/"): digest
                for name, digest in digests(tmp_path / "local").items()}
    assert objects == expected
    for f in parquet_files(tmp_path / "local")[:1]:
        assert pq.read_metadata(f).num_columns == 41
