"""Random test cases for the writer and what readers must see in them.

Values are kept in their physical form: booleans, ints (INT32, INT64, DATE
days, TIMESTAMP microseconds), IEEE bit patterns for FLOAT/DOUBLE (so NaN
payloads, -0.0 and infinities travel exactly) and str for strings. A
labelled string column (one with `labels`) keeps its values as label
indices; `logical_values` turns them into the strings readers must see.
"""
import math
import random
import struct

TYPES = ["boolean", "int32", "int64", "float", "double", "string", "timestamp", "date"]
WIDTH = {"int32": 4, "date": 4, "float": 4, "int64": 8, "timestamp": 8, "double": 8}
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)

FLOAT_SPECIALS = [0x7FC00000, 0x7F800001, 0xFFC00001, 0x7F800000, 0xFF800000, 0x80000000, 0, 1, 0x7F7FFFFF, 0xFF7FFFFF]
DOUBLE_SPECIALS = [
    0x7FF8000000000000, 0x7FF0000000000001, 0xFFF8000000000001, 0x7FF0000000000000, 0xFFF0000000000000,
    0x8000000000000000, 0, 1, 0x7FEFFFFFFFFFFFFF, 0xFFEFFFFFFFFFFFFF,
]
ALPHABET = "abcxyzAZ09 _-é日本語😀ÿĀ\u0100\u07ff\u0800\uffff"


def float_value(bits, double):
    return struct.unpack("<d" if double else "<f", struct.pack("<Q" if double else "<I", bits))[0]


def random_value(rng, type_, counter):
    """One fresh value; `counter` makes strings unique when asked."""
    r = rng.random()
    if type_ == "boolean":
        return rng.random() < 0.5
    if type_ in ("int32", "date"):
        lo, hi = INT32
        return rng.choice([lo, hi, 0, -1, 1, 4095, 4096]) if r < 0.1 else rng.randint(lo, hi) if r < 0.5 else rng.randint(-1000, 1000)
    if type_ in ("int64", "timestamp"):
        lo, hi = INT64
        return rng.choice([lo, hi, lo + 1, 0, -1, 4095, 4096]) if r < 0.1 else rng.randint(lo, hi) if r < 0.5 else rng.randint(-(10**15), 10**15)
    if type_ == "float":
        if r < 0.15:
            return rng.choice(FLOAT_SPECIALS)
        if r < 0.3:
            return rng.getrandbits(32)
        return struct.unpack("<I", struct.pack("<f", rng.uniform(-1e6, 1e6)))[0]
    if type_ == "double":
        if r < 0.15:
            return rng.choice(DOUBLE_SPECIALS)
        if r < 0.3:
            return rng.getrandbits(64)
        return struct.unpack("<Q", struct.pack("<d", rng.uniform(-1e12, 1e12)))[0]
    if type_ == "string":
        if r < 0.1:
            s = ""
        else:
            n = rng.randint(0, 300) if r < 0.2 else rng.randint(0, 24)
            s = "".join(rng.choice(ALPHABET) for _ in range(n))
        return s if counter is None else f"{s}#{counter}"
    raise ValueError(type_)


# Labels that are easy to get wrong: the empty string, prefixes of each
# other, canonically equivalent but byte-wise different spellings (é as one
# code point and as e + combining accent; Å and the Angstrom sign), and code
# points whose UTF-8 order differs from their UTF-16 order (U+FFFF sorts
# before U+1F600 byte-wise, after it in UTF-16).
LABEL_SPECIALS = ["", "a", "ab", "A", " ", "zz", "é", "e\u0301", "Å", "\u212b", "\uffff", "😀", "日本語", "ÿ"]


def random_labels(rng):
    """A column's labels: 1 to ~1200 of them (dictionary index bit widths 0
    to 11), with repeats, usually an empty string and non-ASCII ones."""
    shape = rng.random()
    n = 1 if shape < 0.12 else rng.randint(2, 12) if shape < 0.75 else rng.randint(100, 1200)
    labels = []
    for _ in range(n):
        r = rng.random()
        if labels and r < 0.15:
            labels.append(rng.choice(labels))  # a repeated label: same dictionary entry
        elif r < 0.35:
            labels.append(rng.choice(LABEL_SPECIALS))
        else:
            length = rng.randint(0, 60) if r < 0.4 else rng.randint(1, 10)
            labels.append("".join(rng.choice(ALPHABET) for _ in range(length)))
    if rng.random() < 0.5:
        labels.insert(rng.randint(0, len(labels)), "")
    return labels


class ColumnSpec:
    labels = None

    def __init__(self, rng, index, type_):
        self.type = type_
        self.name = f"c{index}_{type_}"
        self.nullable = rng.random() < 0.6
        self.null_ratio = rng.choice([0.0, 0.05, 0.5, 0.95, 1.0]) if self.nullable else 0.0
        # low: few distinct values (dictionary); unique: every value new
        # (PLAIN); mixed: low, then unique from the second page on, so a
        # small dictionary limit overflows mid-chunk; prefixed: unique
        # strings sharing their first 9 bytes, so min and max are settled
        # past an 8-byte prefix.
        self.mode = rng.choice(["low", "low", "unique", "random", "mixed", "prefixed"])
        self.pool = [random_value(rng, type_, None) for _ in range(rng.randint(1, 6))]


class LabelledSpec:
    """A labelled STRING column of a random case. Each row group draws its
    rows from its own subset of the labels, so a chunk's min/max differ from
    the labels' and other labels stay unused."""

    type = "string"

    def __init__(self, rng, index):
        self.name = f"c{index}_labels"
        self.labels = random_labels(rng)
        self.nullable = rng.random() < 0.6
        self.null_ratio = rng.choice([0.0, 0.05, 0.5, 0.95, 1.0]) if self.nullable else 0.0
        self.used = []

    def start_row_group(self, rng):
        n = len(self.labels)
        k = n if rng.random() < 0.2 else rng.randint(1, min(n, rng.choice([2, 5, n])))
        self.used = rng.sample(range(n), k)

    def page_values(self, rng, rows):
        return [None if self.nullable and rng.random() < self.null_ratio else rng.choice(self.used)
                for _ in range(rows)]


def make_case(seed, codec):
    rng = random.Random(seed)
    shape = rng.random()
    ncols = rng.randint(1, 8)
    types = [TYPES[seed % len(TYPES)]] + [rng.choice(TYPES) for _ in range(ncols - 1)]
    columns = [ColumnSpec(rng, i, t) for i, t in enumerate(types)]
    # Labelled columns come last and draw from their own generator, so the
    # other columns' values are those of cases without labels.
    lrng = random.Random(f"labels-{seed}-{codec}")
    labelled = [LabelledSpec(lrng, ncols + j) for j in range(lrng.choice([0, 0, 1, 1, 2]))]
    if shape < 0.06:
        layout = []  # no row groups at all
    elif shape < 0.12:
        layout = [[0]]  # one empty row group
    elif shape < 0.2:
        layout = [[1]]  # one row
    elif shape < 0.3:
        layout = [[rng.randint(1, 20)] for _ in range(rng.randint(8, 20))]  # many row groups
    else:
        layout = [[rng.randint(0, 400) for _ in range(rng.randint(1, 4))] for _ in range(rng.randint(1, 4))]
    counter = 0
    row_groups = []
    for pages in layout:
        group = []
        for col in labelled:
            col.start_row_group(lrng)
        for page_index, rows in enumerate(pages):
            page_columns = []
            for col in columns:
                values = []
                for _ in range(rows):
                    if col.nullable and rng.random() < col.null_ratio:
                        values.append(None)
                        continue
                    unique = col.mode in ("unique", "prefixed") or (col.mode == "mixed" and page_index > 0)
                    if col.mode == "prefixed" and col.type == "string":
                        counter += 1
                        values.append(f"customer-{rng.randint(0, 99999):05d}#{counter}")
                    elif col.mode == "low" or (col.mode == "mixed" and page_index == 0):
                        values.append(rng.choice(col.pool))
                    else:
                        counter += 1
                        values.append(random_value(rng, col.type, counter if unique else None))
                page_columns.append(values)
            for col in labelled:
                page_columns.append(col.page_values(lrng, rows))
            group.append((rows, page_columns))
        row_groups.append(group)
    return {
        "seed": seed,
        "codec": codec,
        "zstd_level": rng.choice([1, 3, 9]),
        "dictionary_page_limit": rng.choice([1 << 20, 1 << 20, 64, 300, 2000]),
        "statistics_max_value_size": rng.choice([4096, 4096, 8, 40]),
        "created_by": "lb-datagen version 0.0.0-test",
        "kv": [["seed", str(seed)], ["päräm", "välue ✓"]],
        "columns": columns + labelled,
        "row_groups": row_groups,
    }


def to_json(case):
    def encode(type_, v):
        if v is None:
            return None
        if type_ in ("int64", "timestamp"):
            return str(v)
        if type_ == "float":
            return f"{v:08x}"
        if type_ == "double":
            return f"{v:016x}"
        return v

    def column(c):
        json = {"name": c.name, "type": c.type, "nullable": c.nullable}
        if c.labels is not None:
            json["labels"] = c.labels
        return json

    return {
        "columns": [column(c) for c in case["columns"]],
        "codec": case["codec"],
        "zstd_level": case["zstd_level"],
        "dictionary_page_limit": case["dictionary_page_limit"],
        "statistics_max_value_size": case["statistics_max_value_size"],
        "created_by": case["created_by"],
        "kv": case["kv"],
        "row_groups": [
            [
                {"rows": rows, "columns": [[encode(c.type, v) for v in vals] for c, vals in zip(case["columns"], cols)]}
                for rows, cols in group
            ]
            for group in case["row_groups"]
        ],
    }


# ---------------------------------------------------------------------------
# What the writer must produce, computed independently of it.


def logical_values(col, values):
    """The values readers must see: a labelled column's indices as labels."""
    if col.labels is None:
        return list(values)
    return [None if v is None else col.labels[v] for v in values]


def sort_key(type_, v):
    if type_ == "string":
        return v.encode("utf-8")  # unsigned byte-wise order
    if type_ in ("float", "double"):
        return float_value(v, type_ == "double")
    return v


def expected_statistics(type_, values, max_value_size):
    """(null_count, min, max) with min/max None when they must be absent."""
    nulls = sum(v is None for v in values)
    present = [v for v in values if v is not None]
    if type_ in ("float", "double"):
        present = [x for x in (float_value(v, type_ == "double") for v in present) if not math.isnan(x)]
        if not present:
            return nulls, None, None
        lo, hi = min(present), max(present)
        return nulls, (-0.0 if lo == 0 else lo), (0.0 if hi == 0 else hi)
    if not present:
        return nulls, None, None
    lo = min(present, key=lambda v: sort_key(type_, v))
    hi = max(present, key=lambda v: sort_key(type_, v))
    if type_ == "string" and max(len(lo.encode()), len(hi.encode())) > max_value_size:
        return nulls, None, None
    return nulls, lo, hi


def dictionary_key(type_, v):
    return v.encode("utf-8") if type_ == "string" else v


def expected_encodings(type_, nullable, pages, limit, labelled=False):
    """Models the writer's dictionary policy for one chunk: returns the set
    of encodings and whether a dictionary page exists."""
    encodings, dict_pages, _ = model_pages(type_, nullable, pages, limit, labelled)
    return encodings, dict_pages > 0


def model_pages(type_, nullable, pages, limit, labelled=False):
    """(encodings, dictionary-encoded data pages, PLAIN data pages). A
    labelled column's pages with values are always dictionary-encoded (its
    labels are the dictionary, whatever the limit); pages of nulls only are
    PLAIN, like other columns'."""
    active = type_ != "boolean"
    keys, size = set(), 0
    dict_pages = plain_pages = 0
    for values in pages:
        if len(values) == 0:
            continue  # an append of 0 rows writes no page
        present = [dictionary_key(type_, v) for v in values if v is not None]
        if not present:
            plain_pages += 1
            continue
        if labelled:
            dict_pages += 1
            continue
        if active:
            first = dict_pages == 0
            if type_ == "string":
                max_entries = len(present) // 2 if first else math.inf
            else:
                max_entries = min(limit // WIDTH[type_], len(present) // 2 if first else math.inf)
            new_keys, new_size, ok = set(keys), size, True
            for k in present:
                if k in new_keys:
                    continue
                grown = new_size + 4 + len(k) if type_ == "string" else 0
                if len(new_keys) >= max_entries or grown > limit:
                    ok = False
                    break
                new_keys.add(k)
                new_size = grown
            if ok:
                keys, size = new_keys, new_size
                dict_pages += 1
                continue
            active = False
        plain_pages += 1
    if dict_pages + plain_pages == 0:
        plain_pages = 1  # an empty chunk still gets one (empty) data page
    encodings = {"PLAIN"}
    if nullable:
        encodings.add("RLE")
    if dict_pages:
        encodings.add("RLE_DICTIONARY")
    return encodings, dict_pages, plain_pages


class FixedColumn:
    """A column of a hand-written case (same fields as ColumnSpec)."""

    def __init__(self, name, type_, nullable, labels=None):
        self.name, self.type, self.nullable, self.labels = name, type_, nullable, labels


def hand_case(columns, row_groups, codec="snappy", **options):
    """A case from hand-picked values: columns as (name, type, nullable) or
    (name, "string", nullable, labels) for a labelled column (its values
    then label indices), row_groups as lists of pages, each page a list of
    per-column values."""
    case = {
        "codec": codec, "zstd_level": 3, "dictionary_page_limit": 1 << 20,
        "statistics_max_value_size": 4096, "created_by": "lb-datagen version 0.0.0-test", "kv": [],
        "columns": [FixedColumn(*c) for c in columns],
        "row_groups": [[(len(page[0]), page) for page in group] for group in row_groups],
    }
    case.update(options)
    return case
