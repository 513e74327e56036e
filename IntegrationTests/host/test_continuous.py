"""Lakebench's sustained mode: `--mode continuous --duration S` makes this
node's planned files (checkpointed, resumable), then new files with ids
total_files + k × total_nodes + node_id until S seconds after the start;
the file in flight at the deadline is abandoned cleanly."""
import json
import signal
import time

import duckdb
import pyarrow.parquet as pq
import pytest

from support import METRICS_FIELDS, check_marker, clean_env, digests, hidden_files, metrics, parquet_files, run, start, wait_until

DURATION = 15
FILE_MB = 4
# Lakebench's Job arguments for sustained mode (above scale 10: --mode
# continuous --workers 8), verbatim but for the sizes: 9 files of 4 MiB
# instead of 199 of 512 MiB, and a 15 s duration.
SUSTAINED = ["--target-tb", f"{9 * FILE_MB / 1024 / 1024:.6f}", "--mode", "continuous", "--file-size-mb", FILE_MB,
             "--payload-kb", "2", "--bucket", "bronze", "--prefix", "customer/interactions", "--seed", "42",
             "--dirty-ratio", "0.08", "--total-nodes", "2", "--workers", "8", "--timestamp-start", "2024-01-01",
             "--timestamp-end", "2025-12-31", "--duration", DURATION]


def file_id(path):
    return int(path.stem.split("-")[-1])


def check_sustained_run(files, total_files, node, nodes, summary):
    """The ids are the node's planned ones, then total_files + k × nodes + node, k = 0, 1, … without a gap."""
    ids = sorted(file_id(f) for f in files)
    planned = list(range(node, total_files, nodes))
    assert ids[:len(planned)] == planned
    past = ids[len(planned):]
    assert past, "the run must go on past its planned files"
    assert past == [total_files + k * nodes + node for k in range(len(past))]
    assert summary["stop_reason"] == "deadline"
    assert summary["files_written"] == len(ids) and summary["files_past_plan"] == len(past)
    return planned, past


def test_sustained_mode_arguments_as_node_1_of_2(tmp_path):
    out = tmp_path / "out"
    resolved = json.loads(run([*SUSTAINED, "--output", out, "--print-resolved-args"], cwd=tmp_path,
                              env=clean_env(JOB_COMPLETION_INDEX=1)).stdout)
    total_files = resolved["total_files"]
    assert (total_files, resolved["mode"], resolved["duration"]) == (8, "continuous", DURATION)

    started = time.time()
    result = run([*SUSTAINED, "--output", out, "--summary-json", tmp_path / "s.json"], cwd=tmp_path,
                 env=clean_env(JOB_COMPLETION_INDEX=1))
    took = time.time() - started
    assert DURATION <= took <= DURATION + 10, f"the run must end within seconds of its deadline ({took:.1f} s)"
    summary = json.loads((tmp_path / "s.json").read_text())

    files = parquet_files(out)
    assert all(str(f.relative_to(out)).startswith("bronze/customer/interactions/part-") for f in files)
    planned, past = check_sustained_run(files, total_files, 1, 2, summary)
    # Every file is whole and readable; the one in flight at the deadline left nothing behind.
    assert hidden_files(out) == []
    rows = 0
    for f in files:
        meta = pq.read_metadata(f)
        assert meta.num_columns == 41
        rows += meta.num_rows
        assert abs(f.stat().st_size - FILE_MB * 2 ** 20) <= 0.10 * FILE_MB * 2 ** 20
    paths = [str(f) for f in files]
    assert duckdb.sql(f"select count(*) from read_parquet({paths!r})").fetchall() == [(rows,)]
    assert summary["rows_written"] == rows
    assert summary["bytes_written"] == sum(f.stat().st_size for f in files)
    # Planned files are checkpointed, new ones are not (as in the reference).
    checkpoint = json.loads((tmp_path / ".datagen_checkpoint.json").read_text())
    assert sorted(checkpoint["completed"]) == planned

    # The metrics line and the completion marker agree with what is on disk.
    line = metrics(result.stderr)
    assert set(line) == METRICS_FIELDS
    on_disk = {"files_written": len(files), "rows_written": rows, "bytes_written": sum(f.stat().st_size for f in files)}
    assert {k: line[k] for k in on_disk} == on_disk
    assert (line["schema"], line["node_id"], line["node_count"], line["total_files"]) == ("customer360", 1, 2, total_files)
    assert (line["bucket"], line["prefix"], line["file_size_mb"], line["dirty_ratio"]) == (
        "bronze", "customer/interactions", FILE_MB, 0.08)
    assert line["rows_per_file"] == summary["rows_per_file"] and line["cpu_seconds"] > 0
    markers = list((out / "bronze" / "customer" / "interactions" / "_corpus").iterdir())
    assert [m.name for m in markers] == ["c000-node-0001.json"]
    marker = check_marker(markers[0].read_text())
    assert {k: marker[k] for k in on_disk} == on_disk
    assert (marker["node_id"], marker["total_nodes"], marker["cycle"], marker["cycles"]) == (1, 2, 0, 1)
    assert marker["parameters"]["dirty_ratio"] == "0.08" and marker["domain_version"] == marker["model_version"]


def test_new_files_are_the_files_a_larger_batch_run_makes(tmp_path):
    # Determinism across modes: file N is file N, whether planned or made past the plan.
    args = ["--file-size-mb", 2, "--payload-kb", 1, "--workers", 2, "--seed", 4]
    run(["--target-gb", 40 * 2 / 1024, *args, "--output", tmp_path / "batch"], cwd=tmp_path)
    run(["--target-gb", 6 * 2 / 1024, *args, "--mode", "continuous", "--duration", 3, "--output", tmp_path / "cont",
         "--summary-json", tmp_path / "s.json"], cwd=tmp_path)
    batch, cont = digests(tmp_path / "batch"), digests(tmp_path / "cont")
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["files_past_plan"] >= 1
    common = sorted(set(batch) & set(cont))
    assert len(common) >= 7, "six planned files and at least one new one"
    assert all(batch[name] == cont[name] for name in common)


# Signals during a continuous run: in its planned files, and past them.
ARGS = ["--target-gb", 12 * 4 / 1024, "--file-size-mb", 4, "--row-group-mb", 1, "--workers", 1, "--seed", 8,
        "--mode", "continuous"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """Files 0..39 as a batch run makes them."""
    folder = tmp_path_factory.mktemp("reference")
    run(["--target-gb", 40 * 4 / 1024, *ARGS[2:-2], "--output", folder / "out"], cwd=folder)
    return digests(folder / "out")


@pytest.mark.parametrize("number,phase", [(signal.SIGTERM, "planned"), (signal.SIGINT, "past the plan")])
def test_a_signal_stops_a_continuous_run_and_resume_goes_on(tmp_path, reference, number, phase):
    out, work = tmp_path / "out", tmp_path / "work"
    work.mkdir()
    process = start([*ARGS, "--quiet", "--duration", 60, "--output", out], cwd=work)
    wanted = (lambda ids: len(ids) >= 2) if phase == "planned" else (lambda ids: any(i >= 12 for i in ids))
    assert wait_until(lambda: wanted([file_id(f) for f in parquet_files(out)]) or process.poll() is not None)
    assert process.poll() is None
    sent = time.time()
    process.send_signal(number)
    _, stderr = process.communicate(timeout=30)
    assert time.time() - sent < 10
    assert process.returncode == 128 + number
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and f"stopped by {signal.Signals(number).name}" in lines[0], stderr
    assert hidden_files(out) == [] and not list(out.rglob("_corpus"))
    before = digests(out)
    checkpoint = json.loads((work / ".datagen_checkpoint.json").read_text())
    assert sorted(checkpoint["completed"]) == sorted(i for i in map(lambda n: int(n[-14:-8]), before) if i < 12)

    result = run([*ARGS, "--duration", 4, "--output", out, "--resume", "--summary-json", work / "s.json"], cwd=work)
    assert metrics(result.stderr)["files_written"] == len(digests(out)) - len(before)
    assert list(out.rglob("_corpus/c000-node-0000.json")), "the resumed node finished: its marker is written"
    after = digests(out)
    summary = json.loads((work / "s.json").read_text())
    assert summary["stop_reason"] == "deadline"
    assert summary["files_already_done"] == len([n for n in before if int(n[-14:-8]) < 12])
    ids = sorted(int(n[-14:-8]) for n in after)
    assert ids[:12] == list(range(12)), "every planned file is made"
    assert ids == list(range(len(ids))), "new files go on without a gap or a repeat"
    assert all(after[n] == d for n, d in before.items()), "files of the stopped run are kept as they were"
    common = set(after) & set(reference)
    assert len(common) >= 13
    assert all(after[n] == reference[n] for n in common)
    assert hidden_files(out) == []
