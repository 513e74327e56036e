"""Bad input: one clear line on stderr, a non-zero exit, and nothing written."""
import pytest

from support import clean_env, run

GOOD = ["--rows", 1000, "--file-size-mb", 1]

CASES = {
    "unknown flag": ["--bogus", 1, *GOOD],
    "unknown domain": ["--domain", "nope", *GOOD],
    "no size": ["--file-size-mb", 1],
    "two sizes": ["--rows", 10, "--target-gb", 1],
    "negative size": ["--target-tb", -1],
    "zero size": ["--target-gb", 0],
    "NaN size": ["--target-gb", "nan"],
    "zero file size": ["--rows", 10, "--file-size-mb", 0],
    "negative file size": ["--rows", 10, "--file-size-mb", -5],
    "unparseable number": ["--rows", "ten"],
    "end before start": [*GOOD, "--timestamp-start", "2025-01-01", "--timestamp-end", "2024-01-01"],
    "end equals start": [*GOOD, "--timestamp-start", "2025-01-01", "--timestamp-end", "2025-01-01"],
    "malformed date": [*GOOD, "--timestamp-start", "2024-13-01"],
    "dirty ratio above one": [*GOOD, "--dirty-ratio", "1.5"],
    "bad param value": [*GOOD, "--param", "zipf_alpha=0.5"],
    "unknown param": [*GOOD, "--param", "colour=blue"],
    "param without value": [*GOOD, "--param", "colour"],
    "bad weights": [*GOOD, "--param", "interaction_weights=purchase:1"],
    "unknown codec": [*GOOD, "--compression", "lzo"],
    "node id out of range": [*GOOD, "--node-id", 4, "--total-nodes", 4],
    "zero nodes": [*GOOD, "--total-nodes", 0],
    "negative workers": [*GOOD, "--workers", -1],
    "repeated flag": [*GOOD, "--seed", 1, "--seed", 2],
    "duration in batch mode": [*GOOD, "--duration", 60],
    "zero duration": [*GOOD, "--mode", "continuous", "--duration", 0],
    "NaN duration": [*GOOD, "--mode", "continuous", "--duration", "nan"],
    "huge duration": [*GOOD, "--mode", "continuous", "--duration", "1e300"],
    "bad mode": [*GOOD, "--mode", "turbo"],
    "cycle past cycles": [*GOOD, "--cycle", 2, "--cycles", 2],
    "unreadable plugins dir": [*GOOD, "--plugins-dir", "/nonexistent/plugins"],
    "huge target": ["--target-tb", "1e30", "--file-size-mb", 1],
    "huge row group": [*GOOD, "--row-group-mb", "1e300"],
    "tiny file size": ["--target-gb", 1, "--file-size-mb", "1e-9"],
    "prefix escaping the output": [*GOOD, "--prefix", "../../escape"],
    "prefix with a dot segment": [*GOOD, "--prefix", "a/./b"],
    "domain and its alias": [*GOOD, "--domain", "customer360", "--schema", "iot"],
    "workers and its alias": [*GOOD, "--workers", 2, "--threads", 3],
    "param twice": [*GOOD, "--param", "dirty_ratio=0.1", "--param", "dirty_ratio=0.2"],
    "param and its flag": [*GOOD, "--param", "dirty_ratio=0.1", "--dirty-ratio", "0.2"],
    "rows at Int64.max": ["--rows", 9223372036854775807],
    "a billion tiny files": ["--rows", 1_000_000_000, "--file-size-mb", 0.001],
    "file below one row": ["--target-gb", 0.001, "--file-size-mb", 0.001],
    "100000 workers": [*GOOD, "--workers", 100_000],
    "cycle past 2^31": [*GOOD, "--cycle", 2**31, "--cycles", 2**31 + 1],
    "cycle past 2^32": [*GOOD, "--cycle", 2**32, "--cycles", 2**32 + 1],
    "bucket ..": [*GOOD, "--bucket", ".."],
    "bucket .": [*GOOD, "--bucket", "."],
    "http output": [*GOOD, "--output", "http://example.com/x"],
    "s3 output with two prefixes": [*GOOD, "--output", "s3://bucket/p", "--prefix", "q"],
    "s3 output with two buckets": [*GOOD, "--output", "s3://bucket/p", "--bucket", "other"],
    "s3 output with a dot prefix": [*GOOD, "--output", "s3://bucket/a/../b"],
    # A value quoted in the message stays on the message's one line.
    "unknown domain over two lines": [*GOOD, "--domain", "no\npe"],
    "unknown codec over two lines": [*GOOD, "--compression", "l\r\nzo"],
    "unknown param over two lines": [*GOOD, "--param", "col\nour=blue"],
}

# Problems found in the arguments themselves exit 2; the rest of this table
# (a bad domain parameter or plugins folder, found while preparing) exits 1.
FOUND_WHILE_PREPARING = {"end before start", "end equals start", "malformed date", "dirty ratio above one",
                         "bad param value", "unknown param", "unknown param over two lines", "bad weights",
                         "unreadable plugins dir",
                         # known once the domain's row layout is measured:
                         "rows at Int64.max", "a billion tiny files", "file below one row", "cycle past 2^31",
                         "cycle past 2^32"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, name):
    out = tmp_path / "out"
    output = [] if "--output" in CASES[name] else ["--output", out]
    result = run([*CASES[name], *output], cwd=tmp_path, check=False)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == (1 if name in FOUND_WHILE_PREPARING else 2), result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("lb-datagen: error: ")
    assert not out.exists() or not any(out.rglob("*.parquet"))
    assert not (tmp_path / ".datagen_checkpoint.json").exists()


def test_bad_job_completion_index(tmp_path):
    result = run([*GOOD, "--output", tmp_path / "out"], cwd=tmp_path, check=False,
                 env=clean_env(JOB_COMPLETION_INDEX="x"))
    assert result.returncode != 0 and "JOB_COMPLETION_INDEX" in result.stderr


def test_messages_name_the_problem(tmp_path):
    def stderr(args):
        return run([*args, "--output", tmp_path / "o"], cwd=tmp_path, check=False).stderr
    assert "timestamp_end" in stderr(CASES["end before start"])
    assert "'nope'" in stderr(CASES["unknown domain"]) and "customer360" in stderr(CASES["unknown domain"])
    assert "--bogus" in stderr(CASES["unknown flag"])
    assert "--seed" in stderr(CASES["repeated flag"])
    assert "/nonexistent/plugins" in stderr(CASES["unreadable plugins dir"])
    assert "--schema" in stderr(CASES["domain and its alias"]) and "dirty_ratio" in stderr(CASES["param and its flag"])


def test_size_and_range_messages_say_what_to_do(tmp_path):
    def stderr(args):
        return run([*args, "--output", tmp_path / "o"], cwd=tmp_path, check=False).stderr
    assert "more than the 10000000 a run may plan" in stderr(CASES["rows at Int64.max"])
    tiny = stderr(CASES["file below one row"])
    assert "below the smallest file of customer360" in tiny and "use --file-size-mb 0.0" in tiny
    assert "--workers must be between 0 (all CPUs) and 256" in stderr(CASES["100000 workers"])
    assert "--cycle 2147483648 is out of range" in stderr(CASES["cycle past 2^31"])
    assert "'..'" in stderr(CASES["bucket .."])
    assert "s3://bucket/prefix" in run([*CASES["http output"]], cwd=tmp_path, check=False).stderr
