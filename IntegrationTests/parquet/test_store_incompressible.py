"""--store-incompressible (DG_STORE_INCOMPRESSIBLE=true): a column chunk
whose first data page is PLAIN and does not shrink by an eighth under the
codec is stored uncompressed, and says so in its own metadata (Parquet names
the codec per column chunk). Off by default. The files hold the same rows in
the same row groups either way, pyarrow and DuckDB read them alike (Spark:
readers/test_spark.py), and the bytes do not depend on the worker count."""
import math

import duckdb
import pyarrow.parquet as pq
import pytest

from support import clean_env, digests, parquet_files, run

# customer360 at payload 2: interaction_payload is 4,096 random hex characters a row.
ARGS = ["--rows", 12_000, "--payload-kb", 2, "--file-size-mb", 24, "--row-group-mb", 8, "--seed", 9]
PAYLOAD = "interaction_payload"


def make(tmp_path, name, *extra, workers=2, env=None):
    out = tmp_path / name
    run([*ARGS, "--workers", workers, *extra, "--output", out], cwd=tmp_path, env=env)
    files = parquet_files(out)
    assert len(files) >= 2, files
    return out, files


def codecs(files):
    """Column name -> the set of codecs its chunks use, over every row group of every file."""
    found = {}
    for (_, _, name), chunk in chunks(files).items():
        found.setdefault(name, set()).add(chunk.compression)
    return found


def chunk_ratio(files, column):
    """Compressed over uncompressed bytes of a column's chunks, all files."""
    compressed = uncompressed = 0
    for (_, _, name), chunk in chunks(files).items():
        if name == column:
            compressed += chunk.total_compressed_size
            uncompressed += chunk.total_uncompressed_size
    return compressed / uncompressed


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("incompressible")
    return tmp_path, make(tmp_path, "plain"), make(tmp_path, "stored", "--store-incompressible")


def test_off_by_default_every_chunk_is_snappy(runs):
    _, (_, files), _ = runs
    assert set().union(*codecs(files).values()) == {"SNAPPY"}
    # Snappy over random hex buys nothing: what the option is for.
    assert chunk_ratio(files, PAYLOAD) > 0.95


def same_values(a, b):
    """Tables equal column by column, NaN equal to NaN (Table.equals says no)."""
    if a.schema != b.schema or a.num_rows != b.num_rows:
        return False
    for name in a.column_names:
        left, right = a.column(name).to_pylist(), b.column(name).to_pylist()
        if left != right and any(x != y and not (isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y))
                                 for x, y in zip(left, right)):
            return False
    return True


def chunks(files):
    """(file, row group, column) -> its chunk's metadata, every file."""
    found = {}
    for n, f in enumerate(files):
        meta = pq.ParquetFile(f).metadata
        for g in range(meta.num_row_groups):
            for c in range(meta.num_columns):
                chunk = meta.row_group(g).column(c)
                found[(n, g, chunk.path_in_schema)] = chunk
    return found


def test_only_the_plain_chunks_the_codec_cannot_shrink_are_stored(runs):
    _, (_, plain), (_, stored) = runs
    found = codecs(stored)
    assert found[PAYLOAD] == {"UNCOMPRESSED"}
    # Columns snappy does shrink keep it: ids, e-mail addresses, campaign ids.
    assert {name for name in ("id", "email_raw", "campaign_id") if found[name] == {"SNAPPY"}} == \
        {"id", "email_raw", "campaign_id"}, found
    # The same files and row groups, chunk by chunk.
    plain_chunks, stored_chunks = chunks(plain), chunks(stored)
    assert plain_chunks.keys() == stored_chunks.keys()
    for where, chunk in stored_chunks.items():
        before = plain_chunks[where]
        assert chunk.num_values == before.num_values
        # (page headers hold the compressed size: a varint may differ by a byte)
        assert abs(chunk.total_uncompressed_size - before.total_uncompressed_size) <= 4 * 64, where
        ratio = before.total_compressed_size / before.total_uncompressed_size
        if chunk.compression == "UNCOMPRESSED":
            # PLAIN, no dictionary, and snappy saved little on the whole chunk too.
            assert not before.has_dictionary_page and ratio > 0.8, (where, ratio)
            assert chunk.total_compressed_size == chunk.total_uncompressed_size
        else:
            assert chunk.compression == "SNAPPY"
            assert before.has_dictionary_page or ratio < 0.95, (where, ratio)
            assert chunk.total_compressed_size == before.total_compressed_size
    # Dropping a codec that saved under an eighth grows the files by little.
    plain_bytes, stored_bytes = sum(f.stat().st_size for f in plain), sum(f.stat().st_size for f in stored)
    assert plain_bytes <= stored_bytes < plain_bytes * 1.05


def test_the_rows_are_the_same_for_pyarrow_and_duckdb(runs):
    _, (_, plain), (_, stored) = runs
    assert same_values(pq.read_table(stored), pq.read_table(plain))
    query = (f"SELECT count(*), sum(hash({PAYLOAD})), sum(hash(session_fingerprint)), max(event_timestamp)"
             " FROM read_parquet(?)")
    answers = [duckdb.execute(query, [[str(f) for f in files]]).fetchall() for files in (plain, stored)]
    assert answers[0] == answers[1] and answers[0][0][0] == 12_000


def test_same_bytes_whatever_the_workers_and_by_the_environment(runs):
    tmp_path, _, (stored_dir, _) = runs
    one, _ = make(tmp_path, "one-worker", "--store-incompressible", workers=1)
    by_env, _ = make(tmp_path, "by-env", env=clean_env(DG_STORE_INCOMPRESSIBLE="true"))
    assert digests(one) == digests(stored_dir) == digests(by_env)


def test_a_bad_setting_is_refused_before_anything_is_written(tmp_path):
    result = run([*ARGS, "--output", tmp_path / "out"], cwd=tmp_path, check=False,
                 env=clean_env(DG_STORE_INCOMPRESSIBLE="maybe"))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DG_STORE_INCOMPRESSIBLE" in lines[0] and "'maybe'" in lines[0], result.stderr
    assert not (tmp_path / "out").exists()


def test_resume_knows_which_setting_made_the_files(tmp_path):
    out = tmp_path / "out"
    run([*ARGS, "--store-incompressible", "--output", out], cwd=tmp_path)
    made = digests(out)
    other = run([*ARGS, "--output", out, "--resume"], cwd=tmp_path, check=False)
    assert other.returncode != 0 and "belongs to another run (compression differ)" in other.stderr, other.stderr
    same = run([*ARGS, "--store-incompressible", "--output", out, "--resume"], cwd=tmp_path)
    assert "files: 0 new, 3 already done" in same.stdout, same.stdout
    assert digests(out) == made
