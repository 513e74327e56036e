"""Lakebench starts the image with fixed argument lists (spec/cli.md); they
must work unchanged, with --output pointing local output at a folder."""
import json

import duckdb
import pyarrow.parquet as pq
import pytest

from support import clean_env, parquet_files, run

# Lakebench's Kubernetes Job, exactly as its template passes it.
JOB_ARGS = ["--target-tb", "0.097656", "--mode", "batch", "--file-size-mb", "512", "--payload-kb", "2",
            "--bucket", "bronze", "--prefix", "customer/interactions", "--seed", "42", "--dirty-ratio", "0.08",
            "--total-nodes", "4", "--workers", "1", "--timestamp-start", "2024-01-01", "--timestamp-end", "2025-12-31"]


def test_job_arguments_resolve_to_the_reference_plan(tmp_path):
    result = run([*JOB_ARGS, "--output", tmp_path, "--print-resolved-args"], cwd=tmp_path,
                 env=clean_env(JOB_COMPLETION_INDEX=3))
    resolved = json.loads(result.stdout)
    assert resolved["target_bytes"] == round(0.097656 * 1024 ** 4)
    assert resolved["total_files"] == 199  # the reference's file count at scale 10
    assert (resolved["node_id"], resolved["total_nodes"], resolved["workers"]) == (3, 4, 1)
    assert resolved["params"] == {"dirty_ratio": "0.08", "payload_kb": "2", "timestamp_end": "2025-12-31",
                                  "timestamp_start": "2024-01-01"}
    assert not parquet_files(tmp_path)


def test_job_arguments_generate_with_a_smaller_target(tmp_path):
    # The Job's list with only the size shrunk (its real plan is 199 × 512 MiB):
    # 8 files of 16 MiB over 4 nodes, this pod being index 2.
    args = list(JOB_ARGS)
    args[args.index("--target-tb") + 1] = f"{9 * 16 / 1024 / 1024:.6f}"  # six decimals, as Lakebench prints: 8.98 files
    args[args.index("--file-size-mb") + 1] = "16"
    run([*args, "--output", tmp_path], cwd=tmp_path, env=clean_env(JOB_COMPLETION_INDEX=2))
    files = parquet_files(tmp_path)
    assert [str(f.relative_to(tmp_path)) for f in files] == [
        "bronze/customer/interactions/part-000002.parquet", "bronze/customer/interactions/part-000006.parquet"]
    for f in files:
        assert abs(f.stat().st_size - 16 * 2 ** 20) <= 0.10 * 16 * 2 ** 20
        assert pq.read_metadata(f).num_columns == 41


def test_local_mode_arguments(tmp_path):
    # Lakebench's local mode: --bucket B --target-tb T --file-size-mb 16 --mode batch, defaults for the rest.
    run(["--bucket", "lakebench-bronze", "--target-tb", f"{3 * 16 / 1024 / 1024:.6f}", "--file-size-mb", "16",
         "--mode", "batch", "--output", tmp_path], cwd=tmp_path)
    files = parquet_files(tmp_path)
    assert [f.name for f in files] == ["part-000000.parquet", "part-000001.parquet", "part-000002.parquet"]
    assert (tmp_path / ".datagen_checkpoint.json").exists()
    assert json.loads((tmp_path / ".datagen_checkpoint.json").read_text())["completed"] == [0, 1, 2]


def test_prefix_with_trailing_slash_gives_no_double_slash(tmp_path):
    run(["--rows", 1000, "--payload-kb", 0, "--file-size-mb", 1, "--prefix", "customer/interactions/", "--output", tmp_path,
         "--summary-json", tmp_path / "s.json"], cwd=tmp_path)
    summary = json.loads((tmp_path / "s.json").read_text())
    assert [f["key"] for f in summary["files"]] == ["lakebench-bronze/customer/interactions/part-000000.parquet"]
    assert all("//" not in f["key"] for f in summary["files"])


def test_newer_job_flags(tmp_path):
    # Lakebench v1.6+ template flags: --schema, --mode all, --customer-id-max, --workers 0, cycles.
    run(["--schema", "customer360", "--target-tb", f"{2 * 4 / 1024 / 1024:.6f}", "--customer-id-max", "1000",
         "--mode", "all", "--delivery-mode", "batch", "--file-size-mb", "4", "--bucket", "bronze",
         "--prefix", "customer/interactions", "--seed", "42", "--dirty-ratio", "0.08", "--total-nodes", "1",
         "--workers", "0", "--cycle", "1", "--cycles", "2", "--output", tmp_path], cwd=tmp_path)
    files = parquet_files(tmp_path)
    assert [f.name for f in files] == ["part-c001-000000.parquet", "part-c001-000001.parquet"]
    table = pq.read_table(files[1], columns=["customer_id", "id"])
    assert max(table.column("customer_id").to_pylist()) <= 1000
    rows_per_file = int(pq.read_metadata(files[0]).metadata[b"lb_datagen.rows_per_file"])
    assert table.column("id")[0].as_py() == ((1 << 32) + 1) * rows_per_file


@pytest.mark.parametrize("codec,name", [("zstd3", "ZSTD"), ("lz4", "LZ4_RAW"), ("none", "UNCOMPRESSED")])
def test_dg_compression_and_local_dir_env(tmp_path, codec, name):
    run(["--rows", 2000, "--file-size-mb", 1], cwd=tmp_path,
        env=clean_env(DG_COMPRESSION=codec, DG_LOCAL_DIR=tmp_path / "data"))
    files = [str(f) for f in parquet_files(tmp_path / "data")]
    assert files
    assert duckdb.sql(f"select distinct compression from parquet_metadata({files!r})").fetchall() == [(name,)]
    assert duckdb.sql(f"select count(*) from read_parquet({files!r})").fetchall() == [(2000,)]
