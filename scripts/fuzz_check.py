"""Reads back with pyarrow every Parquet file the writer fuzz target saved
(LB_FUZZ_OUT) and compares it value by value with the values it was given.

    python scripts/fuzz_check.py DIR
"""
import json
import math
import pathlib
import struct
import sys

import pyarrow as pa
import pyarrow.parquet as pq

# Read as their physical integers: timestamps and dates may be any value.
AS_INTEGER = {"timestampMicros": pa.int64(), "date": pa.int32()}


def same_float(expected_hex, actual, fmt):
    if actual is None:
        return False
    bits = int(expected_hex, 16)
    expected = struct.unpack(fmt, bits.to_bytes(struct.calcsize(fmt), "little"))[0]
    if math.isnan(expected):
        return math.isnan(actual)
    return struct.pack(fmt, expected) == struct.pack(fmt, actual)


def check(parquet, expected):
    table = pq.read_table(parquet)
    columns = expected["columns"]
    assert table.num_columns == len(columns), parquet
    for index, column in enumerate(columns):
        array = table.column(index)
        if column["type"] in AS_INTEGER:
            array = array.cast(AS_INTEGER[column["type"]])
        actual = array.to_pylist()
        wanted = expected["values"][index]
        assert len(actual) == len(wanted), f"{parquet}: column {column['name']}: {len(actual)} rows, wrote {len(wanted)}"
        for row, (want, got) in enumerate(zip(wanted, actual)):
            if want is None:
                ok = got is None
            elif column["type"] == "float":
                ok = same_float(want, got, "<f")
            elif column["type"] == "double":
                ok = same_float(want, got, "<d")
            elif column["type"] in ("int32", "int64", "timestampMicros", "date"):
                ok = got == int(want)
            else:
                ok = got == want
            assert ok, f"{parquet}: column {column['name']} row {row}: wrote {want!r}, read {got!r}"


def main(directory):
    files = sorted(pathlib.Path(directory).glob("*.parquet"))
    for parquet in files:
        check(parquet, json.loads(parquet.with_suffix(".json").read_text()))
    print(f"{len(files)} fuzz output(s) read back equal by pyarrow")
    return len(files)


if __name__ == "__main__":
    if main(sys.argv[1]) == 0:
        sys.exit("no fuzz outputs to check")
