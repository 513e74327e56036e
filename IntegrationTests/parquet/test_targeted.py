"""Hand-made cases for behaviour the random cases may only brush: the
dictionary decision, floating-point statistics edge cases, statistics size
limit, labelled columns' statistics, nulls and index errors."""
import json
import random
import struct

import duckdb
import pyarrow.parquet as pq
import pytest

from casegen import hand_case, to_json

CODECS = ["none", "snappy", "zstd"]


def f64(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


@pytest.fixture
def write_case(tmp_path, write_parquet):
    def write(case):
        case_path, out_path = tmp_path / "case.json", tmp_path / "out.parquet"
        case_path.write_text(json.dumps(to_json(case)))
        write_parquet([(case_path, out_path)])
        return out_path
    return write


@pytest.mark.parametrize("codec", CODECS)
def test_dictionary_for_low_cardinality_plain_for_unique(write_case, codec):
    n = 2000
    low = [["red", "green", "blue", None][i % 4] for i in range(n)]
    unique = [f"user-{i:08d}-é" for i in range(n)]
    ints = [i % 7 for i in range(n)]
    path = write_case(hand_case(
        [("low", "string", True), ("unique", "string", False), ("ints", "int64", False)],
        [[[low, unique, ints]]], codec=codec))
    rg = pq.ParquetFile(path).metadata.row_group(0)
    assert rg.column(0).has_dictionary_page and "RLE_DICTIONARY" in rg.column(0).encodings
    assert not rg.column(1).has_dictionary_page and set(rg.column(1).encodings) == {"PLAIN"}
    assert rg.column(2).has_dictionary_page and "RLE_DICTIONARY" in rg.column(2).encodings
    table = pq.read_table(path)
    assert table.column("low").to_pylist() == low
    assert table.column("unique").to_pylist() == unique


@pytest.mark.parametrize("codec", CODECS)
def test_dictionary_overflow_mid_chunk(write_case, codec):
    """Page 1 is low-cardinality (dictionary), page 2 has new unique values
    that push the dictionary past its limit: page 2 and 3 fall back to PLAIN,
    the dictionary keeps only page 1's entries."""
    limit = 300
    page1 = [f"v{i % 5}" for i in range(500)]
    page2 = [f"new-{i:06d}" for i in range(500)]
    page3 = [f"v{i % 5}" for i in range(500)]
    path = write_case(hand_case(
        [("s", "string", True)], [[[page1], [page2], [page3]]], codec=codec, dictionary_page_limit=limit))
    chunk = pq.ParquetFile(path).metadata.row_group(0).column(0)
    assert chunk.has_dictionary_page
    assert set(chunk.encodings) == {"PLAIN", "RLE", "RLE_DICTIONARY"}
    # The dictionary page (header + body) holds 5 short entries, not page 2's.
    assert chunk.data_page_offset - chunk.dictionary_page_offset < 100
    assert chunk.statistics.min == "new-000000" and chunk.statistics.max == "v4"
    expected = page1 + page2 + page3
    assert pq.read_table(path).column(0).to_pylist() == expected
    got = duckdb.connect().execute("SELECT s FROM read_parquet(?)", [str(path)]).fetchall()
    assert [r[0] for r in got] == expected


@pytest.mark.parametrize("codec", CODECS)
def test_each_row_group_tries_the_dictionary_again(write_case, codec):
    """A fallback ends the dictionary for its own chunk only: the next row
    group's chunk of the same column starts with a dictionary again."""
    unique, low = [f"u-{i:06d}" for i in range(500)], [f"v{i % 5}" for i in range(500)]
    many, few = list(range(500)), [i % 3 for i in range(500)]
    path = write_case(hand_case(
        [("s", "string", False), ("n", "int64", False)], [[[unique, many]], [[low, few]]], codec=codec))
    metadata = pq.ParquetFile(path).metadata
    for column in range(2):
        first, second = metadata.row_group(0).column(column), metadata.row_group(1).column(column)
        assert not first.has_dictionary_page and set(first.encodings) == {"PLAIN"}
        assert second.has_dictionary_page and "RLE_DICTIONARY" in second.encodings
    table = pq.read_table(path)
    assert table.column("s").to_pylist() == unique + low
    assert table.column("n").to_pylist() == many + few


@pytest.mark.parametrize("values,lo,hi", [
    ([float("nan"), float("nan")], None, None),
    ([0.0], "-0.0", "0.0"),
    ([-0.0, 1.0], "-0.0", "1.0"),
    ([float("nan"), -0.0, 0.0, float("nan")], "-0.0", "0.0"),
    ([float("-inf"), float("nan"), 2.5], "-inf", "2.5"),
    ([-1.0, 0.0], "-1.0", "0.0"),
])
def test_float_statistics_edges(write_case, values, lo, hi):
    bits = [f64(v) for v in values]
    path = write_case(hand_case([("d", "double", False), ("f", "float", True)],
                                [[[bits, [struct.unpack("<I", struct.pack("<f", v))[0] for v in values]]]]))
    rg = pq.ParquetFile(path).metadata.row_group(0)
    for i in range(2):
        stats = rg.column(i).statistics
        if lo is None:
            assert not stats.has_min_max
        else:
            assert stats.has_min_max
            assert repr(float(stats.min_raw)) == lo and repr(float(stats.max_raw)) == hi


def test_long_strings_leave_out_min_max(write_case):
    long = "x" * 50
    path = write_case(hand_case([("s", "string", False), ("t", "string", False)],
                                [[[[long, "a"], ["b", "a"]]]], statistics_max_value_size=49))
    rg = pq.ParquetFile(path).metadata.row_group(0)
    assert not rg.column(0).statistics.has_min_max
    assert rg.column(1).statistics.has_min_max and rg.column(1).statistics.min == "a"


def test_all_null_and_boolean_statistics(write_case):
    path = write_case(hand_case([("n", "int64", True), ("b", "boolean", True), ("t", "boolean", False)],
                                [[[[None, None, None], [None, True, True], [False, False, False]]]]))
    rg = pq.ParquetFile(path).metadata.row_group(0)
    assert not rg.column(0).statistics.has_min_max and rg.column(0).statistics.null_count == 3
    assert (rg.column(1).statistics.min, rg.column(1).statistics.max) == (True, True)
    assert (rg.column(2).statistics.min, rg.column(2).statistics.max) == (False, False)


# ---------------------------------------------------------------------------
# Labelled STRING columns: values are indices into the column's labels.

LABELS = ["m", "", "zz", "m", "é", "e\u0301", "😀", "\uffff", "b"]


def labelled_metadata(path):
    """{(row group, column name): (min, max, null count, encodings, dictionary offset)} as DuckDB reads them."""
    rows = duckdb.connect().execute(
        "SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count, encodings,"
        " dictionary_page_offset FROM parquet_metadata(?)", [str(path)]).fetchall()
    return {(r[0], r[1]): r[2:] for r in rows}


@pytest.mark.parametrize("codec", CODECS)
def test_labelled_statistics_are_those_of_the_used_labels(write_case, codec):
    """Row group 0 uses the extreme labels ("" and 😀); row group 1 only
    "m" (two indices, one entry) and "b", over two pages; row group 2 the
    two spellings of é. Each row group's min/max are its own labels', not
    all labels' nor the previous row group's; every dictionary page holds
    all 8 distinct labels."""
    groups = [
        [[[1, 6, 0, None]]],
        [[[0, 3, None, 8]], [[3, 3, 8, None]]],
        [[[4, 5, 5, None]]],
    ]
    path = write_case(hand_case([("s", "string", True, LABELS)], groups, codec=codec))
    expected_ranges = [("", "😀"), ("b", "m"), ("e\u0301", "é")]
    expected_nulls = [1, 2, 1]
    expected = [None if i is None else LABELS[i] for group in groups for page in group for i in page[0]]

    pf = pq.ParquetFile(path)
    assert pf.schema.column(0).physical_type == "BYTE_ARRAY"
    assert str(pf.schema.column(0).logical_type) == "String"
    md = pf.metadata
    assert md.num_row_groups == 3
    meta = labelled_metadata(path)
    for g, ((lo, hi), nulls) in enumerate(zip(expected_ranges, expected_nulls)):
        chunk = md.row_group(g).column(0)
        assert (chunk.statistics.min, chunk.statistics.max, chunk.statistics.null_count) == (lo, hi, nulls), g
        assert chunk.has_dictionary_page and set(chunk.encodings) == {"PLAIN", "RLE", "RLE_DICTIONARY"}, g
        assert meta[(g, "s")][:3] == (lo, hi, nulls), g
    by_dictionary = pq.ParquetFile(path, read_dictionary=["s"])
    for g in range(3):
        for chunk in by_dictionary.read_row_group(g).column(0).chunks:
            assert sorted(chunk.dictionary.to_pylist()) == sorted(set(LABELS)), g
    assert pq.read_table(path).column(0).to_pylist() == expected
    got = duckdb.connect().execute("SELECT s FROM read_parquet(?)", [str(path)]).fetchall()
    assert [r[0] for r in got] == expected


@pytest.mark.parametrize("codec", CODECS)
def test_labelled_column_of_nulls_only(write_case, codec):
    """A labelled column with no values: row group 0 (two pages) and 1 all
    null, row group 2 one value. Null rows reach the writer with index
    UInt32.max (see Tests/ParquetRoundtrip), which it must ignore."""
    groups = [[[[None] * 5], [[None] * 3]], [[[None]]], [[[None, 2, None]]]]
    path = write_case(hand_case([("s", "string", True, LABELS)], groups, codec=codec))
    md = pq.ParquetFile(path).metadata
    meta = labelled_metadata(path)
    for g, nulls in enumerate([8, 1]):
        chunk = md.row_group(g).column(0)
        assert chunk.statistics.null_count == nulls and not chunk.statistics.has_min_max, g
        assert not chunk.has_dictionary_page and set(chunk.encodings) == {"PLAIN", "RLE"}, g
        assert meta[(g, "s")] == (None, None, nulls, "PLAIN, RLE", None), g
    last = md.row_group(2).column(0)
    assert (last.statistics.min, last.statistics.max, last.statistics.null_count) == ("zz", "zz", 2)
    assert last.has_dictionary_page
    expected = [None] * 9 + [None, "zz", None]
    assert pq.read_table(path).column(0).to_pylist() == expected
    got = duckdb.connect().execute("SELECT s FROM read_parquet(?)", [str(path)]).fetchall()
    assert [r[0] for r in got] == expected


@pytest.mark.parametrize("labels,nullable,groups", [
    pytest.param(["a", "b", "c"], False, [[[[0, 3, 1]]]], id="one-past-the-end"),
    pytest.param(["a", "b", "c"], False, [[[[0, 2**32 - 1]]]], id="uint32-max-in-a-required-row"),
    pytest.param(["a", "b", "c"], True, [[[[None, 1000, 1]]]], id="nullable"),
    pytest.param([f"l{i}" for i in range(100)], False, [[[[0, 99, 100]]]], id="past-100-labels"),
    # Two row groups already in the file: the partial file must go too.
    pytest.param(["a", "a"], True, [[[[0, 1]]], [[[None, 1]]], [[[1, 0]], [[0, 2]]]], id="third-row-group"),
    pytest.param([], False, [[[[0]]]], id="no-labels"),
])
def test_label_index_past_the_labels_fails_cleanly(tmp_path, run_roundtrip, labels, nullable, groups):
    """The writer refuses an index past the labels (ParquetError.invalidInput);
    the tool, as for any error, exits 1 with one line on stderr and leaves
    no file behind. An earlier pair on the same command line is kept."""
    good_case, good_out = tmp_path / "good.json", tmp_path / "good.parquet"
    good_case.write_text(json.dumps(to_json(hand_case([("s", "string", False, ["x"])], [[[[0, 0]]]]))))
    case_path, out_path = tmp_path / "bad.json", tmp_path / "bad.parquet"
    case_path.write_text(json.dumps(to_json(hand_case([("s", "string", nullable, labels)], groups))))
    result = run_roundtrip([(good_case, good_out), (case_path, out_path)])
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0] == f"parquet-roundtrip: invalid column input: column s has a label index past its {len(labels)} labels"
    assert not out_path.exists()
    assert pq.read_table(good_out).column(0).to_pylist() == ["x", "x"]



@pytest.mark.parametrize("codec", ["none", "snappy"])
def test_chunks_larger_than_a_page_block_read_back_whole(write_case, codec):
    # The encoder keeps a chunk's pages in blocks of 4 MiB: here chunks of
    # several blocks, of pages of 1 MB, and one page bigger than a block.
    rng = random.Random(7)

    def page(rows):
        return [[rng.randbytes(512).hex() for _ in range(rows)], list(range(rows))]
    groups = [[page(1000) for _ in range(9)], [page(1000), page(5000), page(1000)]]
    path = write_case(hand_case([("s", "string", False), ("n", "int64", False)], groups, codec=codec))
    metadata = pq.ParquetFile(path).metadata
    if codec == "none":
        assert metadata.row_group(0).column(0).total_compressed_size > 8 << 20
    expected = [v for group in groups for p in group for v in p[0]]
    assert pq.read_table(path).column("s").to_pylist() == expected
    rows = sum(len(p[1]) for group in groups for p in group)
    assert duckdb.execute(f"SELECT count(*), sum(n) FROM '{path}'").fetchone() == \
        (rows, sum(sum(p[1]) for group in groups for p in group))
