"""Helpers shared by the end-to-end tests (imported as `support`; the
conftest files only hold fixtures, since several folders have their own).

The tests run the built binary (LB_BUILD_DIR, default .build/release, as
`make build` leaves it: lb-datagen with plugins/ beside it) and read every
file back with real readers: pyarrow and DuckDB from the venv that
scripts/setup.sh creates.
"""
import hashlib
import os
import pathlib
import subprocess

REPO = pathlib.Path(__file__).resolve().parent.parent
BUILD_DIR = (REPO / os.environ.get("LB_BUILD_DIR", ".build/release")).resolve()
BINARY = BUILD_DIR / "lb-datagen"
PLUGINS = BUILD_DIR / "plugins"
ABI_INCLUDE = REPO / "Sources" / "CLBDomain" / "include"

# Variables that would point a run at S3 or another node unless a test asks.
_SCRUBBED = ("S3_ENDPOINT", "AWS_ENDPOINT_URL", "DG_LOCAL_DIR", "DG_COMPRESSION", "JOB_COMPLETION_INDEX", "LB_PLUGINS_DIR",
             "LB_DOMAIN")


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run(args, cwd, env=None, check=True, timeout=600):
    """Runs lb-datagen; returns the CompletedProcess (text)."""
    result = subprocess.run([str(BINARY), *map(str, args)], cwd=cwd, env=env or clean_env(),
                            capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"lb-datagen {' '.join(map(str, args))} exited {result.returncode}:\n{result.stderr}")
    return result


def parquet_files(root):
    return sorted(p for p in pathlib.Path(root).rglob("*.parquet") if not p.name.startswith("."))


def read_rows(root, columns=None):
    """Every row (or only `columns`) of every Parquet file under root, in file order, as dicts."""
    import pyarrow.parquet as pq
    return [row for f in parquet_files(root) for row in pq.read_table(f, columns=columns).to_pylist()]


def generate_domain(out, domain, params, rows, file_size_mb, row_group_mb):
    """A 2-worker run of `domain` with each of `params` as --param into out:
    its files, their tables, and every row as a dict, in file order."""
    import pyarrow.parquet as pq
    args = ["--domain", domain, "--rows", rows, "--file-size-mb", file_size_mb, "--row-group-mb", row_group_mb,
            "--workers", 2, "--output", out]
    for p in params:
        args += ["--param", p]
    run(args, cwd=out)
    files = parquet_files(out)
    tables = [pq.read_table(f) for f in files]
    return files, tables, [row for table in tables for row in table.to_pylist()]


def digests(root):
    """Relative path -> sha256 of every Parquet file under root."""
    root = pathlib.Path(root)
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in parquet_files(root)}


def domain_rows(stdout):
    """`lb-datagen domains` output as (name, file) pairs: the plugin library,
    or for a spec domain its spec file (shown before the library that reads it)."""
    rows = [line.split("\t") for line in stdout.splitlines() if line.strip()]
    return [(r[0], r[3].split(" (")[0]) for r in rows]


def shipped_domains():
    """The domain names the build folder's plugins folder offers."""
    return {name for name, _ in domain_rows(run(["domains"], cwd=REPO).stdout)}


def start(args, cwd, env=None):
    """Starts lb-datagen without waiting (stdout and stderr piped, text)."""
    return subprocess.Popen([str(BINARY), *map(str, args)], cwd=cwd, env=env or clean_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until(condition, timeout=60, step=0.005):
    """Polls until condition() is true; False if the time ran out."""
    import time
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def hidden_files(root):
    """Files whose name starts with a dot (temporaries) under root."""
    return [p for p in pathlib.Path(root).rglob(".*") if p.is_file()]


METRICS_FIELDS = {"schema", "node_id", "node_count", "cores_used", "bucket", "prefix", "target_tb", "customer_id_max",
                  "dirty_ratio", "file_size_mb", "rows_per_file", "total_files", "files_written", "bytes_written",
                  "rows_written", "elapsed_s", "gen_s", "encode_parquet_s", "s3_put_s", "throughput_mbps",
                  "cpu_seconds"}
MARKER_FIELDS = {"format", "schema", "model_version", "build_commit", "cycle", "cycles", "node_id", "total_nodes",
                 "delivery_mode", "files_written", "rows_written", "bytes_written", "seed_ref", "corpus_args",
                 "corpus_args_sha256", "completed_utc"}


def metrics(stderr):
    """The LB_METRICS_JSON line's fields (there must be exactly one such line)."""
    import json
    lines = [line for line in stderr.splitlines() if line.startswith("LB_METRICS_JSON ")]
    assert len(lines) == 1, stderr
    return json.loads(lines[0].removeprefix("LB_METRICS_JSON "))


def check_marker(text):
    """Parses a completion marker; checks it is canonical JSON and that its hash is of its corpus_args."""
    import json
    marker = json.loads(text)
    assert MARKER_FIELDS <= set(marker), MARKER_FIELDS - set(marker)
    canonical = lambda value: json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert text == canonical(marker), "the marker is canonical JSON"
    assert marker["corpus_args_sha256"] == hashlib.sha256(canonical(marker["corpus_args"]).encode()).hexdigest()
    return marker
