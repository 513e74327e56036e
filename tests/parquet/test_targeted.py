"""Hand-made cases for behaviour the random cases may only brush: the
dictionary decision, floating-point statistics edge cases, statistics size
limit."""
import json
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
