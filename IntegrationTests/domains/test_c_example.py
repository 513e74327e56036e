"""The plain-C example domain (Plugins/Examples/c-domain): built with cc into
a temporary plugins folder next to the shipped plugins, selected with
--plugins-dir and --domain, its files read back by pyarrow and DuckDB."""
import collections
import os
import shutil
import subprocess

import duckdb
import pyarrow.parquet as pq
import pytest

from support import ABI_INCLUDE, PLUGINS, REPO, parquet_files, run

SOURCE = REPO / "Plugins" / "Examples" / "c-domain" / "c_domain.c"
SHIPPED = ["libCustomer360.so", "libIoT.so", "libClickstream.so"]


@pytest.fixture(scope="module")
def plugins(tmp_path_factory):
    if shutil.which("cc") is None:
        pytest.skip("no C compiler")
    directory = tmp_path_factory.mktemp("plugins")
    # The documented build line, run from the repository root.
    subprocess.run(["cc", "-shared", "-fPIC", "-O2", f"-I{ABI_INCLUDE.relative_to(REPO)}",
                    "-o", str(directory / "libcdomain.so"), str(SOURCE.relative_to(REPO))],
                   cwd=REPO, check=True)
    for name in SHIPPED:
        os.symlink((PLUGINS / name).resolve(), directory / name)
    return directory


def test_listed_beside_the_shipped_domains(tmp_path, plugins):
    result = run(["domains", "--plugins-dir", plugins], cwd=tmp_path)
    names = {line.split("\t")[0] for line in result.stdout.splitlines() if line.strip()}
    assert {"orders", "customer360", "iot", "clickstream"} <= names


def test_describe(tmp_path, plugins):
    result = run(["describe", "orders", "--plugins-dir", plugins], cwd=tmp_path)
    assert "customers" in result.stdout and "100000" in result.stdout
    assert "coupon_code" in result.stdout


@pytest.fixture(scope="module")
def dataset(plugins, tmp_path_factory):
    out = tmp_path_factory.mktemp("orders")
    run(["--plugins-dir", plugins, "--domain", "orders", "--rows", 120_000, "--file-size-mb", 1,
         "--workers", 2, "--output", out, "--param", "customers=5000"], cwd=out)
    files = parquet_files(out)
    assert len(files) >= 2
    return out, files


def test_files_read_back(dataset):
    out, files = dataset
    schema = pq.read_schema(files[0])
    assert [(f.name, str(f.type), f.nullable) for f in schema] == [
        ("order_id", "int64", False), ("order_ts", "timestamp[us]", False), ("customer_id", "int64", False),
        ("customer_tier", "string", False), ("amount", "double", False), ("status", "string", False),
        ("coupon_code", "string", True)]
    assert schema.metadata[b"lb_datagen.domain"] == b"orders"
    assert all("/examples/orders/" in str(f) for f in files)
    rows = [r for f in files for r in pq.read_table(f).to_pylist()]
    assert [r["order_id"] for r in rows] == list(range(120_000))
    assert {r["customer_id"] for r in rows} <= set(range(1, 5001))
    coupons = sum(r["coupon_code"] is not None for r in rows) / len(rows)
    assert 0.13 < coupons < 0.17
    assert {r["coupon_code"] for r in rows} == {None, "SAVE10", "SAVE20", "FREESHIP"}
    # Per-customer attribute from the run seed and the id: one tier per customer, across files.
    tiers = collections.defaultdict(set)
    for r in rows:
        tiers[r["customer_id"]].add(r["customer_tier"])
    assert all(len(t) == 1 for t in tiers.values())
    [(count, nulls)] = duckdb.connect().execute(
        f"select count(*), count(*) filter (where coupon_code is null) from read_parquet('{out}/**/*.parquet')"
    ).fetchall()
    assert count == 120_000 and nulls == sum(r["coupon_code"] is None for r in rows)


def test_deterministic_across_workers(plugins, dataset, tmp_path):
    from support import digests
    out, _ = dataset
    run(["--plugins-dir", plugins, "--domain", "orders", "--rows", 120_000, "--file-size-mb", 1,
         "--workers", 1, "--output", tmp_path, "--param", "customers=5000"], cwd=tmp_path)
    assert digests(tmp_path) == digests(out)


def test_parameter_error_comes_through_lb_error(plugins, tmp_path):
    result = run(["--plugins-dir", plugins, "--domain", "orders", "--rows", 1000, "--output", tmp_path,
                  "--param", "customers=lots"], cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert "parameter customers: expected a whole number" in result.stderr
    assert "'lots'" in result.stderr
    assert not parquet_files(tmp_path)
