"""Round-trip property tests: random cases written by LBParquet, read back by
pyarrow and DuckDB, compared value by value, type by type, and against
statistics and encodings computed here from the values. Labelled STRING
columns (values given as label indices) are checked like the others, plus
their dictionary pages: every distinct label, used or not."""
import json
import math
import struct

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from casegen import expected_encodings, expected_statistics, float_value, logical_values, make_case, to_json

CODECS = ["none", "snappy", "zstd", "lz4"]
CASES_PER_CODEC = 45
ARROW_TYPES = {
    "boolean": pa.bool_(), "int32": pa.int32(), "int64": pa.int64(), "float": pa.float32(),
    "double": pa.float64(), "string": pa.string(), "timestamp": pa.timestamp("us"), "date": pa.date32(),
}
DUCKDB_TYPES = {
    "boolean": "BOOLEAN", "int32": "INTEGER", "int64": "BIGINT", "float": "FLOAT", "double": "DOUBLE",
    "string": "VARCHAR", "timestamp": "TIMESTAMP", "date": "DATE",
}
PHYSICAL_TYPES = {
    "boolean": "BOOLEAN", "int32": "INT32", "int64": "INT64", "float": "FLOAT", "double": "DOUBLE",
    "string": "BYTE_ARRAY", "timestamp": "INT64", "date": "INT32",
}
PARAMS = [(codec, seed) for codec in CODECS for seed in range(CASES_PER_CODEC)]


@pytest.fixture(scope="session")
def written(tmp_path_factory, write_parquet):
    """Writes every case once (one tool run) and returns {(codec, seed): (case, path)}."""
    root = tmp_path_factory.mktemp("roundtrip")
    cases, pairs = {}, []
    for codec, seed in PARAMS:
        case = make_case(seed, codec)
        case_path = root / f"{codec}-{seed}.json"
        out_path = root / f"{codec}-{seed}.parquet"
        case_path.write_text(json.dumps(to_json(case)))
        cases[(codec, seed)] = (case, out_path)
        pairs.append((case_path, out_path))
    write_parquet(pairs)
    return cases


def column_values(case, index):
    """All values of a column as readers must see them, and its values per
    row group per page."""
    col = case["columns"][index]
    per_group = [[logical_values(col, cols[index]) for _, cols in group] for group in case["row_groups"]]
    flat = [v for group in per_group for page in group for v in page]
    return flat, per_group


def physical_from_arrow(type_, array):
    """Arrow values back in the cases' physical form (exact bits for floats)."""
    array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    if type_ in ("float", "double"):
        width, fmt = (8, "<Q") if type_ == "double" else (4, "<I")
        data = array.buffers()[1]
        out = []
        for i in range(len(array)):
            if not array[i].is_valid:
                out.append(None)
                continue
            at = (array.offset + i) * width
            out.append(struct.unpack(fmt, data[at:at + width].to_pybytes())[0])
        return out
    if type_ == "timestamp":
        return array.cast(pa.int64()).to_pylist()
    if type_ == "date":
        return array.cast(pa.int32()).to_pylist()
    return array.to_pylist()


def same_float(a, b):
    if a is None or b is None:
        return a is None and b is None
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1, a) == math.copysign(1, b)


@pytest.mark.parametrize("codec,seed", PARAMS)
def test_pyarrow_reads_values_types_statistics_encodings(written, codec, seed):
    case, path = written[(codec, seed)]
    columns = case["columns"]
    pf = pq.ParquetFile(path)
    md = pf.metadata

    # Schema: exact Arrow types and nullability.
    schema = pf.schema_arrow
    assert [f.name for f in schema] == [c.name for c in columns]
    for i, (field, col) in enumerate(zip(schema, columns)):
        assert field.type == ARROW_TYPES[col.type], (col.name, field.type)
        assert field.nullable == col.nullable, col.name
        # The Parquet types: a labelled column is an ordinary UTF-8 string column.
        parquet_column = pf.schema.column(i)
        assert parquet_column.physical_type == PHYSICAL_TYPES[col.type], col.name
        if col.type == "string":
            assert str(parquet_column.logical_type) == "String", col.name
            assert parquet_column.converted_type == "UTF8", col.name
    assert dict(schema.metadata or {}) == {k.encode(): v.encode() for k, v in case["kv"]}
    assert md.created_by == case["created_by"]

    # Shape.
    group_rows = [sum(rows for rows, _ in group) for group in case["row_groups"]]
    assert md.num_row_groups == len(group_rows)
    assert md.num_rows == sum(group_rows)
    assert [md.row_group(i).num_rows for i in range(md.num_row_groups)] == group_rows

    # Values, exactly.
    table = pf.read()
    for i, col in enumerate(columns):
        flat, per_group = column_values(case, i)
        assert physical_from_arrow(col.type, table.column(i)) == flat, col.name

    # Statistics and encodings per chunk.
    for g, group in enumerate(case["row_groups"]):
        rg = md.row_group(g)
        for i, col in enumerate(columns):
            _, per_group = column_values(case, i)
            pages = per_group[g]
            chunk = rg.column(i)
            values = [v for page in pages for v in page]
            nulls, lo, hi = expected_statistics(col.type, values, case["statistics_max_value_size"])
            stats = chunk.statistics
            assert stats is not None, col.name
            assert stats.null_count == nulls, col.name
            if lo is None:
                assert not stats.has_min_max, (col.name, stats)
            else:
                assert stats.has_min_max, col.name
                got_lo, got_hi = stats.min_raw, stats.max_raw
                if col.type in ("float", "double"):
                    assert same_float(got_lo, lo) and same_float(got_hi, hi), (col.name, got_lo, got_hi, lo, hi)
                elif col.type == "string":
                    got = [x.decode() if isinstance(x, bytes) else x for x in (got_lo, got_hi)]
                    assert got == [lo, hi], col.name
                else:
                    assert (got_lo, got_hi) == (lo, hi), col.name
            labelled = col.labels is not None
            encodings, has_dictionary = expected_encodings(
                col.type, col.nullable, pages, case["dictionary_page_limit"], labelled)
            assert set(chunk.encodings) == encodings, (col.name, chunk.encodings)
            assert chunk.has_dictionary_page == has_dictionary, col.name
            if labelled:
                assert has_dictionary == any(v is not None for v in values), col.name
            assert chunk.compression == {"none": "UNCOMPRESSED", "snappy": "SNAPPY", "zstd": "ZSTD", "lz4": "LZ4"}[codec]  # pyarrow calls LZ4_RAW "LZ4"
            assert chunk.num_values == len(values)

    # A labelled chunk's dictionary page holds each distinct label once,
    # used or not (read back as the Arrow dictionary, entries in any order).
    labelled = [c.name for c in columns if c.labels is not None]
    if labelled:
        by_dictionary = pq.ParquetFile(path, read_dictionary=labelled)
        for g in range(md.num_row_groups):
            rg = md.row_group(g)
            table = by_dictionary.read_row_group(g, columns=labelled)
            for name in labelled:
                i = [c.name for c in columns].index(name)
                if not rg.column(i).has_dictionary_page:
                    continue
                chunks = table.column(name).chunks
                assert chunks and all(pa.types.is_dictionary(ch.type) for ch in chunks), name
                for ch in chunks:
                    assert sorted(ch.dictionary.to_pylist()) == sorted(set(columns[i].labels)), name


@pytest.mark.parametrize("codec,seed", PARAMS)
def test_duckdb_reads_values_and_types(written, codec, seed):
    case, path = written[(codec, seed)]
    columns = case["columns"]
    con = duckdb.connect()
    described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    assert [(r[0], r[1]) for r in described] == [(c.name, DUCKDB_TYPES[c.type]) for c in columns]
    schema = con.execute("SELECT name, repetition_type FROM parquet_schema(?)", [str(path)]).fetchall()
    assert schema[1:] == [(c.name, "OPTIONAL" if c.nullable else "REQUIRED") for c in columns]

    def select(col):
        q = f'"{col.name}"'
        if col.type == "timestamp":
            return f"epoch_us({q})"  # ±(2^63 - 1) read as ±infinity -> NULL
        if col.type == "date":
            return f"{q} - DATE '1970-01-01'"
        return q

    rows = con.execute(
        f"SELECT {', '.join(select(c) for c in columns)} FROM read_parquet(?)", [str(path)]
    ).fetchall()
    for i, col in enumerate(columns):
        flat, _ = column_values(case, i)
        got = [row[i] for row in rows]
        if col.type in ("float", "double"):
            expected = [None if v is None else float_value(v, col.type == "double") for v in flat]
            assert len(got) == len(expected)
            bad = [(a, b) for a, b in zip(got, expected) if not same_float(a, b)]
            assert not bad, (col.name, bad[:5])
        elif col.type == "timestamp":
            # DuckDB reserves INT64_MAX and -INT64_MAX for ±infinity.
            expected = [None if v is not None and abs(v) == 2**63 - 1 else v for v in flat]
            assert got == expected, col.name
        else:
            assert got == flat, col.name

    # Labelled chunks as DuckDB reads their metadata: the same statistics
    # (those of the labels present in the row group), a dictionary page.
    meta = con.execute(
        "SELECT row_group_id, column_id, type, stats_min_value, stats_max_value, stats_null_count, encodings,"
        " dictionary_page_offset FROM parquet_metadata(?)", [str(path)]).fetchall()
    by_chunk = {(r[0], r[1]): r[2:] for r in meta}
    for i, col in enumerate(columns):
        if col.labels is None:
            continue
        _, per_group = column_values(case, i)
        for g, pages in enumerate(per_group):
            values = [v for page in pages for v in page]
            nulls, lo, hi = expected_statistics(col.type, values, case["statistics_max_value_size"])
            type_, got_lo, got_hi, got_nulls, encodings, dictionary_offset = by_chunk[(g, i)]
            assert type_ == "BYTE_ARRAY", col.name
            assert (got_lo, got_hi, got_nulls) == (lo, hi, nulls), (col.name, g)
            present = len(values) > nulls
            assert ("RLE_DICTIONARY" in encodings.split(", ")) == present, (col.name, g, encodings)
            assert (dictionary_offset is not None) == present, (col.name, g)


def test_random_cases_cover_labelled_columns():
    """The random cases reach what labelled columns must get right; a change
    to casegen that stops generating one of these fails here."""
    seen = {}

    def saw(what):
        seen[what] = seen.get(what, 0) + 1

    for codec, seed in PARAMS:
        case = make_case(seed, codec)
        for i, col in enumerate(case["columns"]):
            if col.labels is None:
                continue
            saw(("codec", codec))
            saw("nullable" if col.nullable else "required")
            labels = col.labels
            if len(set(labels)) < len(labels):
                saw("repeated label")
            if "" in labels:
                saw("empty label")
            if any(not x.isascii() for x in labels):
                saw("non-ASCII label")
            if len(set(labels)) == 1:
                saw("one distinct label")
            if len(set(labels)) > 256:
                saw("over 256 distinct labels")
            _, per_group = column_values(case, i)
            if len(per_group) > 1:
                saw("several row groups")
            for pages in per_group:
                if sum(1 for page in pages if page) > 1:
                    saw("several pages")
                values = [v for page in pages for v in page if v is not None]
                if not values:
                    if any(pages):
                        saw("row group of nulls only")
                    continue
                if set(values) < set(labels):
                    saw("unused labels")
                by_bytes = sorted(set(labels), key=lambda x: x.encode())
                if (min(values, key=str.encode), max(values, key=str.encode)) != (by_bytes[0], by_bytes[-1]):
                    saw("used min/max differ from the labels'")
    wanted = [("codec", c) for c in CODECS] + [
        "nullable", "required", "repeated label", "empty label", "non-ASCII label", "one distinct label",
        "over 256 distinct labels", "several row groups", "several pages", "row group of nulls only",
        "unused labels", "used min/max differ from the labels'",
    ]
    missing = [w for w in wanted if seen.get(w, 0) < 3]
    assert not missing, (missing, seen)
