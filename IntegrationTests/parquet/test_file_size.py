"""File size against pyarrow: a Customer360-like batch written by our writer
and by pq.write_table with the same codec must be within 10% of each other's
size (ours at most 10% larger)."""
import json
import random
import struct
import uuid

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from casegen import hand_case, to_json

ROWS = 2048
PAGE_ROWS = 512


def customer360_batch(seed, payload):
    rng = random.Random(seed)
    segments = ["bronze", "silver", "gold", "platinum"]
    countries = ["US", "DE", "FR", "GB", "JP", "BR", "IN", "CA", "ES", "IT", "NL", "SE"]
    columns = [
        ("customer_id", "string", False, pa.string(), lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))),
        ("segment", "string", True, pa.string(), lambda: None if rng.random() < 0.05 else rng.choices(segments, [50, 30, 15, 5])[0]),
        ("country", "string", False, pa.string(), lambda: rng.choice(countries)),
        ("lifetime_orders", "int64", False, pa.int64(), lambda: int(rng.paretovariate(1.1))),
        ("lifetime_value", "double", True, pa.float64(), lambda: None if rng.random() < 0.1 else round(rng.lognormvariate(5, 1.5), 2)),
        ("signup_ts", "timestamp", False, pa.timestamp("us"), lambda: 1_500_000_000_000_000 + rng.randrange(10**14)),
        ("birth_date", "date", True, pa.date32(), lambda: None if rng.random() < 0.2 else rng.randrange(-20000, 10000)),
        ("is_active", "boolean", False, pa.bool_(), lambda: rng.random() < 0.8),
        ("payload", "string", False, pa.string(), lambda: f"{rng.getrandbits(4096 * 4):04096x}"),
    ]
    if not payload:
        columns = columns[:-1]
    values = [[make() for _ in range(ROWS)] for *_, make in columns]
    return columns, values


def as_case_values(type_, values):
    if type_ == "double":
        return [None if v is None else struct.unpack("<Q", struct.pack("<d", v))[0] for v in values]
    return values


def arrow_table(columns, values):
    arrays, fields = [], []
    for (name, type_, nullable, arrow_type, _), vals in zip(columns, values):
        if type_ in ("timestamp", "date"):
            arr = pa.array(vals, pa.int64() if type_ == "timestamp" else pa.int32()).cast(arrow_type)
        else:
            arr = pa.array(vals, arrow_type)
        arrays.append(arr)
        fields.append(pa.field(name, arrow_type, nullable=nullable))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


@pytest.mark.parametrize("payload", [True, False], ids=["payload4k", "nopayload"])
@pytest.mark.parametrize("codec,level", [("snappy", None), ("zstd", 1), ("zstd", 3)])
def test_size_within_ten_percent_of_pyarrow(tmp_path, write_parquet, codec, level, payload):
    columns, values = customer360_batch(7, payload)
    pages = []
    for start in range(0, ROWS, PAGE_ROWS):
        pages.append([as_case_values(c[1], v[start:start + PAGE_ROWS]) for c, v in zip(columns, values)])
    case = hand_case([(n, t, nl) for n, t, nl, *_ in columns], [pages], codec=codec, zstd_level=level or 3)
    case_path, ours = tmp_path / "case.json", tmp_path / "ours.parquet"
    case_path.write_text(json.dumps(to_json(case)))
    write_parquet([(case_path, ours)])

    theirs = tmp_path / "pyarrow.parquet"
    table = arrow_table(columns, values)
    pq.write_table(table, theirs, compression=codec, compression_level=level)

    ours_size, theirs_size = ours.stat().st_size, theirs.stat().st_size
    print(f"{codec}{level or ''} payload={payload}: ours {ours_size} bytes, pyarrow {theirs_size} bytes, ratio {ours_size / theirs_size:.3f}")
    assert pq.read_table(ours).equals(table)
    assert ours_size <= theirs_size * 1.10
