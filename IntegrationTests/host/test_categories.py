"""Category columns (ABI v2): a plugin writes label indices, the host writes
its labels as the Parquet dictionary. Readers get the labels back; a domain
that names its labels wrongly, or writes an index past them, fails with one
clear line and writes nothing."""
import shutil
import subprocess

import duckdb
import pyarrow.parquet as pq
import pytest

from support import ABI_INCLUDE, PLUGINS, REPO, parquet_files, run

MAX_LABELS = 65536      # LB_CATEGORY_MAX_LABELS
MAX_BYTES = 1 << 20     # LB_CATEGORY_MAX_BYTES

# A C domain with two category columns: `color`, nullable, whose labels come
# from the `colors` parameter (repeats allowed), and `size`, fixed S/M/L.
# Row n of a file: color = colors[n % count], null when n % 5 == 3 (its index
# then NULL_INDEX); size = "SML"[n % 3]. The macros break it one way each:
#   HAS_LABELS  0: no labels function
#   LABELS      0: the parameter's; 1: fail with a message; 2: fail with no
#               message; 3: zero labels; 4: a NULL table; 5: a NULL label;
#               6: MAX_LABELS + EXTRA labels "00000", "00001", ... (hex);
#               7: 16 labels of MAX_BYTES / 16 bytes, the last EXTRA longer;
#               8: label 1 is not UTF-8
#   BAD_COLUMN  1 (color) or 2 (size): row BAD_ROW of file BAD_FILE holds
#               the first index past the labels
CATEGORY_DOMAIN = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lb_domain.h"

static const lb_column_def columns[] = {
    {"n", LB_TYPE_INT64, 0, "row number in the file"},
    {"color", LB_TYPE_CATEGORY, 1, "colors[n % count], null when n % 5 == 3"},
    {"size", LB_TYPE_CATEGORY, 0, "S, M, L by n % 3"},
};
static const lb_param_def params[] = {{"colors", "red,green,red,blue", "labels of color"}};
static const char *const sizes[] = {"S", "M", "L"};

typedef struct state {
    char *text;            /* the labels' bytes */
    const char **labels;   /* the color labels */
    uint32_t count;
} state;

static void *open_domain(const lb_domain *d, const lb_param *p, uint32_t n, uint64_t seed, lb_error *e) {
    state *s = calloc(1, sizeof *s);
    if (LABELS == 6) {
        s->count = MAX_LABELS_ + EXTRA;
        s->text = malloc((size_t)s->count * 6);
        s->labels = calloc(s->count, sizeof *s->labels);
        for (uint32_t i = 0; i < s->count; i++) {
            snprintf(s->text + (size_t)i * 6, 6, "%05x", i & 0xFFFFFu);
            s->labels[i] = s->text + (size_t)i * 6;
        }
    } else if (LABELS == 7) {
        size_t length = MAX_BYTES_ / 16;
        s->count = 16;
        s->text = malloc(16 * (length + 1) + EXTRA);
        s->labels = calloc(s->count, sizeof *s->labels);
        char *at = s->text;
        for (uint32_t i = 0; i < 16; i++) {
            size_t l = length + (i == 15 ? EXTRA : 0);
            memset(at, 'a' + i, l);
            at[l] = 0;
            s->labels[i] = at;
            at += l + 1;
        }
    } else {
        s->text = strdup(p[0].value);
        s->count = 1;
        for (char *c = s->text; *c; c++) s->count += *c == ',';
        s->labels = calloc(s->count, sizeof *s->labels);
        uint32_t i = 0;
        for (char *label = strtok(s->text, ","); label; label = strtok(NULL, ",")) s->labels[i++] = label;
        if (LABELS == 5) s->labels[1] = NULL;
        if (LABELS == 8) s->labels[1] = "caf\xe9";  /* Latin-1, not UTF-8 */
    }
    return s;
}

static int labels(void *opaque, uint32_t column, const char *const **out, uint32_t *count, lb_error *error) {
    state *s = opaque;
    if (column == 2) { *out = sizes; *count = 3; return 0; }
    if (column != 1) { snprintf(error->message, LB_ERROR_CAPACITY, "column %u is no category", column); return 1; }
    switch (LABELS) {
    case 1: snprintf(error->message, LB_ERROR_CAPACITY, "the colour chart is missing"); return 1;
    case 2: return 7;
    case 3: *out = (const char *const *)s->labels; *count = 0; return 0;
    case 4: *out = NULL; *count = 3; return 0;
    default: *out = (const char *const *)s->labels; *count = s->count; return 0;
    }
}

static int fill(void *opaque, lb_batch *batch, lb_error *error) {
    state *s = opaque;
    int64_t *n = batch->columns[0].values;
    uint32_t *color = batch->columns[1].values;
    uint8_t *valid = batch->columns[1].validity;
    uint32_t *size = batch->columns[2].values;
    for (uint64_t r = 0; r < batch->row_count; r++) {
        uint64_t row = batch->first_row + r;
        n[r] = (int64_t)row;
        color[r] = (uint32_t)(row % s->count);
        size[r] = (uint32_t)(row % 3);
        if (row % 5 == 3) { valid[r] = 0; color[r] = NULL_INDEX; }
    }
    if (BAD_COLUMN && batch->file_id == BAD_FILE && BAD_ROW >= batch->first_row &&
        BAD_ROW < batch->first_row + batch->row_count) {
        uint64_t r = BAD_ROW - batch->first_row;
        if (BAD_COLUMN == 1) color[r] = s->count; else size[r] = 3;
    }
    return 0;
}

static void close_domain(void *opaque) {
    state *s = opaque;
    free(s->labels);
    free(s->text);
    free(s);
}

static const lb_domain domain = {
    LB_DOMAIN_ABI_VERSION, sizeof(lb_domain), NAME, "1", "category test domain", "test/categories",
    columns, 3, params, 1, NULL, open_domain, fill, close_domain, HAS_LABELS ? labels : NULL,
};
int lb_domain_register(lb_registrar *registrar) { return registrar->add_domain(registrar, &domain); }
"""


def build(directory, name, *, has_labels=1, labels=0, extra=0, null_index="0u", bad_column=0, bad_file=0, bad_row=7):
    source = directory / f"{name}.c"
    source.write_text(CATEGORY_DOMAIN)
    library = directory / f"lib{name}.so"
    defines = {"NAME": f'"{name}"', "HAS_LABELS": has_labels, "LABELS": labels, "EXTRA": extra,
               "NULL_INDEX": null_index, "BAD_COLUMN": bad_column, "BAD_FILE": bad_file, "BAD_ROW": bad_row,
               "MAX_LABELS_": MAX_LABELS, "MAX_BYTES_": MAX_BYTES}
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-Wno-unused-parameter",
                    f"-I{ABI_INCLUDE}", *(f"-D{k}={v}" for k, v in defines.items()),
                    "-o", str(library), str(source)], check=True)
    source.unlink()
    return library


@pytest.fixture
def plugins(tmp_path):
    if shutil.which("cc") is None:
        pytest.skip("no C compiler")
    directory = tmp_path / "plugins"
    directory.mkdir()
    return directory


def generate(plugins, domain, out, *extra, rows=5000, check=True):
    size = [] if "--file-size-mb" in extra else ["--file-size-mb", 1]
    return run(["--plugins-dir", plugins, "--domain", domain, "--rows", rows, *size,
                "--output", out, *extra], cwd=out.parent, check=check)


def errors(result):
    return [line for line in result.stderr.splitlines() if "error:" in line]


def expected_rows(count, colors, rows):
    return [{"n": n, "color": None if n % 5 == 3 else colors[n % count], "size": "SML"[n % 3]} for n in range(rows)]


@pytest.mark.parametrize("colors", [None, "north,south,north,east,west,north"])
def test_category_columns_read_back_as_their_labels(tmp_path, plugins, colors):
    build(plugins, "cats")
    out = tmp_path / "out"
    generate(plugins, "cats", out, *(["--param", f"colors={colors}"] if colors else []))
    labels = (colors or "red,green,red,blue").split(",")
    expected = expected_rows(len(labels), labels, 5000)
    [f] = parquet_files(out)
    schema = pq.read_schema(f)
    assert [(field.name, str(field.type), field.nullable) for field in schema] == [
        ("n", "int64", False), ("color", "string", True), ("size", "string", False)]
    assert pq.read_table(f).to_pylist() == expected
    # Dictionary-encoded: every distinct label once, repeats sharing an entry.
    metadata = pq.ParquetFile(f).metadata.row_group(0)
    for index in (1, 2):
        assert any("DICTIONARY" in e for e in metadata.column(index).encodings), metadata.column(index).encodings
    dictionary = pq.read_table(f, read_dictionary=["color"]).column("color").chunk(0).dictionary.to_pylist()
    assert sorted(dictionary) == sorted(set(labels))
    rows = duckdb.connect().execute(f"select n, color, size from read_parquet('{f}') order by n").fetchall()
    assert rows == [(r["n"], r["color"], r["size"]) for r in expected]
    [(nulls,)] = duckdb.connect().execute(f"select count(*) from read_parquet('{f}') where color is null").fetchall()
    assert nulls == 1000


def test_category_columns_across_files_and_row_groups(tmp_path, plugins):
    build(plugins, "cats")
    out = tmp_path / "out"
    generate(plugins, "cats", out, "--workers", 2, "--row-group-mb", 1, rows=2_000_000)
    files = parquet_files(out)
    assert len(files) >= 2 and pq.ParquetFile(files[0]).metadata.num_row_groups >= 2
    [(rows, wrong, nulls)] = duckdb.connect().execute(f"""
        select count(*),
               count(*) filter (where color is distinct from
                   (case when n % 5 = 3 then null else ['red', 'green', 'red', 'blue'][n % 4 + 1] end)
                   or size <> ['S', 'M', 'L'][n % 3 + 1]),
               count(*) filter (where color is null)
        from read_parquet('{out}/**/*.parquet')""").fetchall()
    assert (rows, wrong) == (2_000_000, 0) and nulls > 0


def test_labels_at_the_limits_are_accepted(tmp_path, plugins):
    build(plugins, "manylabels", labels=6)
    build(plugins, "biglabels", labels=7)
    out = tmp_path / "many"
    generate(plugins, "manylabels", out, "--file-size-mb", 4, rows=70_000)   # every index, then wrapping
    [f] = parquet_files(out)
    labels = [f"{i:05x}" for i in range(MAX_LABELS)]
    assert pq.read_table(f).to_pylist() == expected_rows(MAX_LABELS, labels, 70_000)
    out = tmp_path / "big"
    generate(plugins, "biglabels", out, rows=100)
    [f] = parquet_files(out)
    colors = pq.read_table(f).column("color").to_pylist()
    assert [c and (c[0], len(c)) for c in colors] == [
        None if n % 5 == 3 else (chr(ord("a") + n % 16), MAX_BYTES // 16) for n in range(100)]


def test_category_without_labels_function_is_skipped(tmp_path, plugins):
    library = build(plugins, "nolabels", has_labels=0)
    build(plugins, "cats")
    result = run(["domains", "--plugins-dir", plugins], cwd=tmp_path)
    lines = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert len(lines) == 1, result.stderr
    assert str(library) in lines[0] and "column color is a category" in lines[0] and "no labels function" in lines[0]
    listed = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert "cats" in listed and "nolabels" not in listed
    out = tmp_path / "out"
    result = generate(plugins, "nolabels", out, check=False)
    assert result.returncode != 0 and "nolabels" in result.stderr
    assert not parquet_files(out)


LABEL_FAILURES = {
    "labels fails": (dict(labels=1), "labels of column color: the colour chart is missing"),
    "labels fails silently": (dict(labels=2), "labels of column color: status 7"),
    "zero labels": (dict(labels=3), "category column color has no labels"),
    "no label table": (dict(labels=4), "category column color has no labels"),
    "a NULL label": (dict(labels=5), "label 1 of column color is NULL"),
    "too many labels": (dict(labels=6, extra=1), f"has {MAX_LABELS + 1} labels, more than {MAX_LABELS}"),
    "too many bytes": (dict(labels=7, extra=1), f"take {MAX_BYTES + 1} bytes, more than {MAX_BYTES}"),
    "a label not UTF-8": (dict(labels=8), "label 1 of column color is not UTF-8"),
}


@pytest.mark.parametrize("case", LABEL_FAILURES)
def test_bad_labels_fail_the_run_with_one_line(tmp_path, plugins, case):
    options, complaint = LABEL_FAILURES[case]
    build(plugins, "badlabels", **options)
    out = tmp_path / "out"
    result = generate(plugins, "badlabels", out, check=False)
    assert result.returncode != 0
    lines = errors(result)
    assert len(lines) == 1, result.stderr
    assert "domain badlabels" in lines[0] and complaint in lines[0]
    assert not parquet_files(out)


# An index past the labels in a non-null row: in the first rows (found while
# sizing, before any file) or in the second file (found by a worker).
@pytest.mark.parametrize("bad_column,bad_file,bad_row", [(1, 0, 7), (2, 0, 7), (1, 1, 12), (2, 1, 4000)])
def test_index_past_the_labels_fails_naming_the_library(tmp_path, plugins, bad_column, bad_file, bad_row):
    library = build(plugins, "badindex", bad_column=bad_column, bad_file=bad_file, bad_row=bad_row)
    out = tmp_path / "out"
    result = generate(plugins, "badindex", out, "--workers", 2, "--row-group-mb", 1, rows=2_000_000, check=False)
    assert result.returncode == 1
    lines = errors(result)
    assert len(lines) == 1, result.stderr
    column, count = ("color", 4) if bad_column == 1 else ("size", 3)
    assert str(library) in lines[0] and f"column {column} has label index {count}, past its {count} labels" in lines[0]
    if bad_file == 0:
        assert not parquet_files(out)


def test_null_rows_may_hold_any_index(tmp_path, plugins):
    build(plugins, "nullindex", null_index="0xFFFFFFFFu")
    out = tmp_path / "out"
    generate(plugins, "nullindex", out)
    [f] = parquet_files(out)
    assert pq.read_table(f).to_pylist() == expected_rows(4, ["red", "green", "red", "blue"], 5000)


def test_c_example_category_columns(tmp_path, plugins):
    """Plugins/Examples/c-domain declares status and customer_tier as
    categories; they read back as exactly its labels."""
    subprocess.run(["cc", "-shared", "-fPIC", "-O2", f"-I{ABI_INCLUDE}", "-o", str(plugins / "libcdomain.so"),
                    str(REPO / "Plugins" / "Examples" / "c-domain" / "c_domain.c")], check=True)
    out = tmp_path / "out"
    generate(plugins, "orders", out, "--param", "customers=500", rows=20_000)
    [f] = parquet_files(out)
    table = pq.read_table(f)
    assert set(table.column("status").to_pylist()) == {"placed", "shipped", "delivered", "returned"}
    assert set(table.column("customer_tier").to_pylist()) == {"standard", "plus", "vip"}
    metadata = pq.ParquetFile(f).metadata.row_group(0)
    names = [metadata.column(i).path_in_schema for i in range(metadata.num_columns)]
    for name in ("customer_tier", "status"):
        assert any("DICTIONARY" in e for e in metadata.column(names.index(name)).encodings)
    [(statuses, tiers)] = duckdb.connect().execute(
        f"select count(distinct status), count(distinct customer_tier) from read_parquet('{f}')").fetchall()
    assert (statuses, tiers) == (4, 3)
