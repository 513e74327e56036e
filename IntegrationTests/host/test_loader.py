"""The loader skips a broken library with one warning naming the file and
the reason, and a good domain still runs beside it."""
import subprocess

import pyarrow.parquet as pq
import pytest

from support import ABI_INCLUDE, PLUGINS, parquet_files, run

# A minimal domain in plain C; the placeholders make it broken in one way each.
C_DOMAIN = r"""
#include <stdio.h>
#include "lb_domain.h"

static const lb_column_def columns[] = {{"n", LB_TYPE_INT64, 0, "row number"}};
static void *open_domain(const lb_domain *d, const lb_param *p, uint32_t n, uint64_t seed, lb_error *e) {
    return (void *)1;
}
static int fill(void *state, lb_batch *batch, lb_error *error) {
    if (FAIL) { snprintf(error->message, LB_ERROR_CAPACITY, "the sensor table is empty"); return 1; }
    int64_t *values = batch->columns[0].values;
    for (uint64_t r = 0; r < batch->row_count; r++) values[r] = (int64_t)(batch->first_row + r);
    return 0;
}
static void close_domain(void *state) {}
static const lb_domain domain = {
    ABI, sizeof(lb_domain), NAME, "1", "test domain", "test/rows", columns, 1, NULL, 0, NULL,
    open_domain, fill, close_domain,
};
int ENTRY(lb_registrar *registrar) { return registrar->add_domain(registrar, &domain); }
"""


def build(directory, name, *, abi="LB_DOMAIN_ABI_VERSION", domain='"ctest"', fail=0, entry="lb_domain_register"):
    source = directory / f"{name}.c"
    source.write_text(C_DOMAIN)
    library = directory / f"lib{name}.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", f"-I{ABI_INCLUDE}", f"-DABI={abi}", f"-DNAME={domain}",
                    f"-DFAIL={fail}", f"-DENTRY={entry}", "-o", str(library), str(source)], check=True)
    source.unlink()
    return library


@pytest.fixture
def plugins(tmp_path):
    directory = tmp_path / "plugins"
    directory.mkdir()
    for shipped in PLUGINS.glob("*.so"):
        (directory / shipped.name).symlink_to(shipped.resolve())
    return directory


def warnings(result):
    return [line for line in result.stderr.splitlines() if "warning:" in line]


def test_broken_libraries_are_skipped_with_a_reason(tmp_path, plugins):
    (plugins / "libjunk.so").write_text("this is not a shared library\n")
    build(plugins, "nosymbol", entry="some_other_name")
    build(plugins, "oldabi", abi="99u", domain='"oldabi"')
    build(plugins, "zduplicate", domain='"customer360"')
    result = run(["domains", "--plugins-dir", plugins], cwd=tmp_path)
    lines = warnings(result)
    assert len(lines) == 4, result.stderr
    assert any("libjunk.so" in l and "not a loadable shared library" in l for l in lines)
    assert any("libnosymbol.so" in l and "no lb_domain_register symbol" in l for l in lines)
    assert any("liboldabi.so" in l and "ABI version 99" in l for l in lines)
    assert any("libzduplicate.so" in l and "customer360" in l and "already provided by" in l for l in lines)
    listed = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert "customer360" in listed and "oldabi" not in listed

    # A good domain still runs beside the broken ones.
    out = tmp_path / "out"
    run(["--plugins-dir", plugins, "--rows", 500, "--payload-kb", 0, "--file-size-mb", 1, "--output", out], cwd=tmp_path)
    assert pq.read_table(parquet_files(out)[0]).num_rows == 500


def test_c_domain_runs(tmp_path, plugins):
    build(plugins, "ctest")
    out = tmp_path / "out"
    run(["--plugins-dir", plugins, "--domain", "ctest", "--rows", 5000, "--file-size-mb", 1, "--output", out], cwd=tmp_path)
    [f] = parquet_files(out)
    assert str(f.relative_to(out)) == "lakebench-bronze/test/rows/part-000000.parquet"
    assert pq.read_table(f).column("n").to_pylist() == list(range(5000))


def test_fill_failure_names_the_library(tmp_path, plugins):
    library = build(plugins, "failing", domain='"failing"', fail=1)
    out = tmp_path / "out"
    result = run(["--plugins-dir", plugins, "--domain", "failing", "--rows", 100, "--file-size-mb", 1,
                  "--output", out], cwd=tmp_path, check=False)
    assert result.returncode != 0
    errors = [l for l in result.stderr.splitlines() if "error:" in l]
    assert len(errors) == 1 and str(library) in errors[0] and "the sensor table is empty" in errors[0]
    assert not parquet_files(out)


def test_describe_shows_columns_and_parameter_defaults(tmp_path):
    import json
    result = run(["describe", "customer360", "--json"], cwd=tmp_path)
    description = json.loads(result.stdout)
    assert len(description["columns"]) == 41 and description["default_prefix"] == "customer/interactions"
    defaults = {p["name"]: p["default"] for p in description["parameters"]}
    assert defaults["payload_kb"] == "2" and defaults["dirty_ratio"] == "0.08" and defaults["customer_id_max"] == "500000"
    columns = {c["name"]: c for c in description["columns"]}
    assert (columns["currency"]["type"], columns["currency"]["category"]) == ("string", True)
    assert (columns["email_raw"]["type"], columns["email_raw"]["category"]) == ("string", False)
    text = run(["describe", "customer360"], cwd=tmp_path).stdout
    assert "interaction_weights = purchase:0.18" in text
    assert "  loyalty_tier  string (category, nullable)  " in text and "  email_raw  string  " in text


# A C domain that breaks the ABI's buffer rules in one of three ways.
BAD_BUFFERS = r"""
#include "lb_domain.h"

static const lb_column_def columns[] = {
    {"maybe", LB_TYPE_INT64, 1, "nullable"}, {"text", LB_TYPE_STRING, 0, "string"},
    {"flag", LB_TYPE_BOOLEAN, 0, "boolean"},
};
static void *open_domain(const lb_domain *d, const lb_param *p, uint32_t n, uint64_t seed, lb_error *e) {
    return (void *)1;
}
static int fill(void *state, lb_batch *batch, lb_error *error) {
    int64_t *values = batch->columns[0].values;
    lb_column *text = &batch->columns[1];
    for (uint64_t r = 0; r < batch->row_count; r++) {
        values[r] = (int64_t)r;
        if (MODE == 0 && r == 7) batch->columns[0].validity[r] = 0xFF;        /* not 0 or 1 */
        text->offsets[r + 1] = MODE == 1 ? (uint32_t)(text->bytes_capacity + r) : 0; /* past the arena */
        ((uint8_t *)batch->columns[2].values)[r] = MODE == 2 && r == 7 ? 2 : 1;  /* 2 was written as false */
    }
    return 0;
}
static void close_domain(void *state) {}
static const lb_domain domain = {
    LB_DOMAIN_ABI_VERSION, sizeof(lb_domain), "badbuffers", "1", "broken on purpose", "bad", columns, 3,
    NULL, 0, NULL, open_domain, fill, close_domain,
};
int lb_domain_register(lb_registrar *registrar) { return registrar->add_domain(registrar, &domain); }
"""


@pytest.mark.parametrize("mode,complaint", [(0, "validity byte other than 0 or 1"), (1, "string offsets"),
                                            (2, "column flag has a boolean other than 0 or 1")])
def test_plugin_breaking_buffer_rules_is_refused(tmp_path, plugins, mode, complaint):
    source = tmp_path / "bad.c"
    source.write_text(BAD_BUFFERS)
    library = plugins / "libbadbuffers.so"
    subprocess.run(["cc", "-shared", "-fPIC", f"-I{ABI_INCLUDE}", f"-DMODE={mode}", "-o", str(library), str(source)],
                   check=True)
    out = tmp_path / "out"
    result = run(["--plugins-dir", plugins, "--domain", "badbuffers", "--rows", 100, "--file-size-mb", 1,
                  "--output", out], cwd=tmp_path, check=False)
    errors = [l for l in result.stderr.splitlines() if "error:" in l]
    assert result.returncode == 1 and len(errors) == 1
    assert str(library) in errors[0] and complaint in errors[0]
    assert not parquet_files(out)


def test_cut_short_or_foreign_libraries_are_skipped_not_loaded(tmp_path, plugins):
    # A copy of a real plugin cut to its first 100 KB made the dynamic
    # loader die with a bus error; its headers are now checked first.
    real = (PLUGINS / "libCustomer360.so").resolve().read_bytes()
    (plugins / "libcut.so").write_bytes(real[:100_000])
    foreign = bytearray(real)
    foreign[18:20] = (183 if foreign[18] == 62 else 62).to_bytes(2, "little")  # another machine
    (plugins / "libforeign.so").write_bytes(bytes(foreign))
    (plugins / "libempty.so").write_bytes(b"")
    for command in (["domains"], ["describe", "iot"]):
        result = run([*command, "--plugins-dir", plugins], cwd=tmp_path)
        lines = warnings(result)
        assert len(lines) == 3, result.stderr
        assert any("libcut.so" in l and "truncated" in l for l in lines)
        assert any("libforeign.so" in l and "built for ELF machine" in l for l in lines)
        assert any("libempty.so" in l and "not an ELF file" in l for l in lines)
    out = tmp_path / "out"
    run(["--plugins-dir", plugins, "--rows", 500, "--payload-kb", 0, "--file-size-mb", 1, "--output", out], cwd=tmp_path)
    assert pq.read_table(parquet_files(out)[0]).num_rows == 500
