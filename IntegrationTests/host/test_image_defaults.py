"""What a container image relies on: `--version` names the plugin ABI and the
Swift release a plugin must match, LB_DOMAIN picks the default domain, and
Lakebench's fixed customer360 flags are ignored (one warning) by a domain
that has no such parameters, so a custom image keeps the Job unchanged."""
import re
import shutil
import subprocess

import pyarrow.parquet as pq

from support import ABI_INCLUDE, clean_env, digests, parquet_files, run

# Lakebench's Job arguments (spec/cli.md), sizes shrunk to 2 files of 1 MiB, one node.
JOB_ARGS = ["--target-tb", f"{2 / 1024 / 1024:.6f}", "--mode", "batch", "--file-size-mb", "1", "--payload-kb", "2",
            "--bucket", "bronze", "--prefix", "iot/readings", "--seed", "42", "--dirty-ratio", "0.08",
            "--total-nodes", "1", "--workers", "1", "--customer-id-max", "1000000",
            "--timestamp-start", "2024-01-01", "--timestamp-end", "2025-12-31"]


def warnings(result):
    return [line for line in result.stderr.splitlines() if "warning" in line]


def test_version_names_the_abi_and_the_swift_release(tmp_path):
    lines = run(["--version"], cwd=tmp_path).stdout.splitlines()
    abi = re.search(r"#define LB_DOMAIN_ABI_VERSION (\d+)u", (ABI_INCLUDE / "lb_domain.h").read_text()).group(1)
    assert re.fullmatch(r"lb-datagen \d+\.\d+\.\d+", lines[0])
    assert lines[1] == f"plugin ABI {abi}"
    assert lines[2].startswith("Swift ")
    if shutil.which("swiftc"):
        toolchain = re.search(r"Swift version (\S+)", subprocess.run(["swiftc", "--version"], capture_output=True,
                                                                      text=True).stdout).group(1)
        assert lines[2] == f"Swift {toolchain}"
    # The same version the files record.
    run(["--rows", 10, "--output", tmp_path], cwd=tmp_path)
    created_by = pq.read_metadata(parquet_files(tmp_path)[0]).created_by
    assert created_by == lines[0].replace("lb-datagen ", "lb-datagen version ")


def test_lb_domain_sets_the_default_domain(tmp_path):
    run(["--rows", 100, "--output", tmp_path], cwd=tmp_path, env=clean_env(LB_DOMAIN="clickstream"))
    [f] = parquet_files(tmp_path)
    assert pq.read_schema(f).metadata[b"lb_datagen.domain"] == b"clickstream"
    assert pq.read_table(f).num_rows == 100


def test_domain_and_schema_override_lb_domain(tmp_path):
    for flag in ("--domain", "--schema"):
        out = tmp_path / flag.strip("-")
        run(["--rows", 100, "--output", out, flag, "iot"], cwd=tmp_path, env=clean_env(LB_DOMAIN="clickstream"))
        [f] = parquet_files(out)
        assert pq.read_schema(f).metadata[b"lb_datagen.domain"] == b"iot"


def test_unknown_lb_domain_is_bad_input(tmp_path):
    result = run(["--rows", 100, "--output", tmp_path], cwd=tmp_path, env=clean_env(LB_DOMAIN="nosuch"), check=False)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "unknown domain 'nosuch'" in result.stderr
    assert not parquet_files(tmp_path)


def test_job_shorthands_are_ignored_by_a_domain_without_them(tmp_path):
    # iot declares timestamp_start (applied) but none of the other four (ignored, one line).
    job = run([*JOB_ARGS, "--output", tmp_path / "job"], cwd=tmp_path, env=clean_env(LB_DOMAIN="iot"))
    assert warnings(job) == ["lb-datagen: warning: domain iot has no parameter for --customer-id-max, "
                             "--dirty-ratio, --payload-kb, --timestamp-end; ignoring them"]
    files = parquet_files(tmp_path / "job")
    assert len(files) == 2
    assert sum(pq.read_table(f).num_rows for f in files) > 0
    parameters = pq.read_schema(files[0]).metadata[b"lb_datagen.parameters"].decode()
    assert '"timestamp_start": "2024-01-01"' in parameters and "payload_kb" not in parameters
    # The ignored flags change nothing: the same bytes as the run without them.
    plain = list(JOB_ARGS)
    for flag in ("--payload-kb", "--dirty-ratio", "--customer-id-max", "--timestamp-end"):
        i = plain.index(flag)
        del plain[i:i + 2]
    alone = run([*plain, "--domain", "iot", "--output", tmp_path / "alone"], cwd=tmp_path)
    assert warnings(alone) == []
    assert digests(tmp_path / "job") == digests(tmp_path / "alone")


def test_customer360_still_takes_the_shorthands(tmp_path):
    result = run(["--rows", 100, "--payload-kb", "0", "--dirty-ratio", "0", "--output", tmp_path], cwd=tmp_path)
    assert warnings(result) == []
    parameters = pq.read_schema(parquet_files(tmp_path)[0]).metadata[b"lb_datagen.parameters"].decode()
    assert '"payload_kb": "0"' in parameters and '"dirty_ratio": "0"' in parameters


def test_unknown_param_stays_an_error(tmp_path):
    result = run(["--rows", 100, "--domain", "iot", "--param", "payload_kb=2", "--output", tmp_path], cwd=tmp_path,
                 check=False)
    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1 and "no parameter 'payload_kb'" in result.stderr
    assert not parquet_files(tmp_path)
