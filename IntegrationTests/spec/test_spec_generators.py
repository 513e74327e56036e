"""Spec domains (Plugins/Spec): every generator of a spec file, written by
lb-datagen and read back with pyarrow; parameters and --param; specs found
in the plugins folder and given with --domain-spec."""
import datetime
import math
import re
import uuid

import pyarrow.parquet as pq

from support import PLUGINS, read_rows, run

ROWS = 20_000

SPEC = """
spec_version: 1
name: every_generator
version: 2.1.0
description: one column per generator
prefix: tests/every
parameters:
  low: {default: 5, description: lowest uniform value}
  shares: {default: {red: 0.25, green: 0.75}}
  sizes: [S, M, L]
  hex_kb: 0.25
columns:
  - {name: row, type: int64, row_number: {}}
  - {name: seq, type: int32, sequence: {start: 100, step: 3}}
  - {name: uni, type: int32, uniform: {min: $low, max: $low + 10}}
  - {name: real, type: double, uniform: {min: 0, max: 1, round: 2}}
  - {name: gauss, type: double, normal: {mean: 10, stddev: 2, min: 4, max: 16, round: 1}}
  - {name: logn, type: float, lognormal: {mu: 1, sigma: 0.5, max: 20}}
  - {name: zipfed, type: int64, zipf: {alpha: 2, max: 99}}
  - {name: bounded, type: int32, bounded_zipf: {alpha: 1.1, n: 50}}
  - {name: colour, type: category, choice: {weights: $shares}}
  - {name: size, type: string, choice: {values: $sizes}}
  - {name: flag, type: boolean, bool: {p: 0.3}}
  - {name: at, type: timestamp, timestamp: {start: 2024-03-01, end: 2024-03-03}}
  - {name: tick, type: timestamp, timestamp_sequence: {start: 2024-01-01, step_seconds: 0.5}}
  - {name: day, type: date, date: {start: 2020-02-27, end: 2020-03-02}}
  - {name: id, type: string, uuid: {}}
  - {name: blob, type: string, hex: {bytes: $hex_kb * 1024}}
  - {name: phone, type: string, pattern: "###-###-####"}
  - {name: first, type: category, hidden: true, choice: {values: [ann, bob]}}
  - {name: email, type: string, template: "{first}.{seq}@{size}.example{{x}}"}
  - {name: slot, type: int32, hidden: true, uniform: {min: 0, max: 2}}
  - {name: slot_name, type: category, map: {column: slot, values: [zero, one, two]}}
  - {name: double_seq, type: int64, scaled: {column: seq, by: 2}}
  - {name: const, type: double, constant: nan}
  - {name: customer, type: int64, uniform: {min: 0, max: 30}}
  - {name: member, type: boolean, per: customer, bool: {p: 0.5}}
  - name: tier
    type: category
    nullable: true
    per: customer
    choice: {values: [gold, silver]}
    when: [{column: member, in: [false], then: null}]
  - name: maybe
    type: int32
    nullable: true
    null_share: 0.25
    uniform: {min: 1, max: 2}
  - name: by_colour
    type: string
    nullable: true
    constant: plain
    when:
      - {column: colour, in: [red], then: {template: "R{0..9}"}}
      - {column: uni, min: 14, then: null}
  - name: dirty
    type: string
    template: "Name{10..99}@host.org"
    dirt:
      share: 0.1
      modes: [upper, {pad: " "}, {replace: {"@": "#"}}, {drop_from_last: "."}, {template: "fresh{0..9}"}]
  - name: dirty_label
    type: category
    choice: {values: [Chicago, Boston]}
    dirt: {share: 0.5, modes: [{variants: {Chicago: [Chicgao, CHICAGO]}}, lower]}
"""


def write_spec(tmp_path, text=SPEC, name="every.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def generate(tmp_path, spec, *extra):
    out = tmp_path / "out"
    run(["--domain-spec", spec, "--rows", ROWS, "--file-size-mb", 1, "--output", out, *extra], cwd=tmp_path)
    return out


def test_every_generator_reads_back(tmp_path):
    out = generate(tmp_path, write_spec(tmp_path))
    files = sorted(out.rglob("*.parquet"))
    assert files and all("tests/every" in str(f) for f in files)
    schema = pq.read_schema(files[0])
    types = {f.name: (str(f.type), f.nullable) for f in schema}
    assert "first" not in types and "slot" not in types  # hidden columns are not written
    assert types["seq"] == ("int32", False) and types["at"] == ("timestamp[us]", False)
    assert types["day"] == ("date32[day]", False) and types["logn"] == ("float", False)
    assert types["colour"] == ("string", False) and types["tier"] == ("string", True)
    assert pq.read_metadata(files[0]).metadata[b"lb_datagen.domain_version"] == b"2.1.0"
    rows = read_rows(out)
    assert len(rows) == ROWS
    share = lambda pred: sum(1 for r in rows if pred(r)) / len(rows)

    assert [r["row"] for r in rows] == list(range(ROWS))
    assert all(r["seq"] == 100 + 3 * r["row"] for r in rows)
    assert {r["uni"] for r in rows} == set(range(5, 16))
    assert all(0 <= r["real"] <= 1 and round(r["real"], 2) == r["real"] for r in rows)
    gauss = [r["gauss"] for r in rows]
    assert min(gauss) >= 4 and max(gauss) <= 16 and abs(sum(gauss) / len(gauss) - 10) < 0.1
    assert all(round(g, 1) == g for g in gauss)
    logn = sorted(r["logn"] for r in rows)
    assert abs(logn[len(logn) // 2] - math.e) / math.e < 0.05 and logn[-1] <= 20
    assert all(0 <= r["zipfed"] <= 99 for r in rows) and 0.55 < share(lambda r: r["zipfed"] == 1) < 0.67  # 1/zeta(2) ≈ 0.61
    assert all(1 <= r["bounded"] <= 50 for r in rows) and share(lambda r: r["bounded"] == 1) > share(lambda r: r["bounded"] == 2)
    assert abs(share(lambda r: r["colour"] == "red") - 0.25) < 0.015
    assert {r["size"] for r in rows} == {"S", "M", "L"}
    assert abs(share(lambda r: r["flag"]) - 0.3) < 0.015
    assert all(datetime.datetime(2024, 3, 1) <= r["at"] < datetime.datetime(2024, 3, 3) for r in rows)
    assert all(r["tick"] == datetime.datetime(2024, 1, 1) + datetime.timedelta(seconds=0.5 * r["row"]) for r in rows)
    assert {r["day"] for r in rows} == {datetime.date(2020, 2, 27) + datetime.timedelta(days=d) for d in range(5)}
    assert all(uuid.UUID(r["id"]).version == 4 for r in rows[:1000])
    assert all(re.fullmatch(r"[0-9a-f]{512}", r["blob"]) for r in rows[:1000])
    assert all(re.fullmatch(r"\d{3}-\d{3}-\d{4}", r["phone"]) for r in rows)
    assert all(re.fullmatch(r"(ann|bob)\.(\d+)@(S|M|L)\.example\{x\}", r["email"]) for r in rows)
    assert all(r["email"].split("@")[0].split(".")[1] == str(r["seq"]) and r["email"].split("@")[1][0] == r["size"] for r in rows)
    assert {r["slot_name"] for r in rows} == {"zero", "one", "two"}
    assert all(r["double_seq"] == 2 * r["seq"] for r in rows)
    assert all(math.isnan(r["const"]) for r in rows)
    # Per-entity values: one per customer, the same in every row of it.
    seen = {}
    for r in rows:
        assert seen.setdefault(r["customer"], (r["member"], r["tier"])) == (r["member"], r["tier"])
        assert (r["tier"] is None) == (not r["member"])
    assert len({v[0] for v in seen.values()}) == 2
    assert abs(share(lambda r: r["maybe"] is None) - 0.25) < 0.015
    for r in rows:
        if r["colour"] == "red":
            assert re.fullmatch(r"R\d", r["by_colour"])
        elif r["uni"] >= 14:
            assert r["by_colour"] is None
        else:
            assert r["by_colour"] == "plain"


def test_dirt_counts_are_exact_per_file(tmp_path):
    out = generate(tmp_path, write_spec(tmp_path))
    clean = re.compile(r"Name\d\d@host\.org")
    modes = {"upper": re.compile(r"NAME\d\d@HOST\.ORG"), "pad": re.compile(r" Name\d\d@host\.org "),
             "replace": re.compile(r"Name\d\d#host\.org"), "drop": re.compile(r"Name\d\d@host"), "fresh": re.compile(r"fresh\d")}
    seen = set()
    files = sorted(out.rglob("*.parquet"))
    assert len(files) >= 2
    for f in files:
        table = pq.read_table(f, columns=["dirty", "dirty_label"])
        values = table.column("dirty").to_pylist()
        dirty = [v for v in values if not clean.fullmatch(v)]
        assert len(dirty) == math.floor(len(values) * 0.1)
        for v in dirty:
            kind = [k for k, p in modes.items() if p.fullmatch(v)]
            assert len(kind) == 1, v
            seen.add(kind[0])
        labels = table.column("dirty_label").to_pylist()
        assert set(labels) <= {"Chicago", "Boston", "Chicgao", "CHICAGO", "chicago", "boston"}
        assert sum(1 for v in labels if v not in ("Chicago", "Boston")) <= math.floor(len(labels) * 0.5)
    assert seen == set(modes)


def test_params_override_numbers_and_lists(tmp_path):
    out = generate(tmp_path, write_spec(tmp_path), "--param", "low=100", "--param", "sizes=XL",
                   "--param", "shares=red:1,green:0", "--param", "hex_kb=0.0078125")
    rows = read_rows(out, ["uni", "size", "colour", "blob"])
    assert {r["uni"] for r in rows} == set(range(100, 111))
    assert {r["size"] for r in rows} == {"XL"} and {r["colour"] for r in rows} == {"red"}
    assert all(len(r["blob"]) == 16 for r in rows)


def test_anchors_and_aliases_share_a_value(tmp_path):
    spec = tmp_path / "aliases.yaml"
    spec.write_text("""spec_version: 1
name: aliases
columns:
  - {name: a, type: category, choice: {weights: &halves {x: 0.5, y: 0.5}}}
  - {name: b, type: category, choice: {weights: *halves}}
  - {name: n, type: int32, constant: &seven 7}
  - {name: m, type: int32, constant: *seven}
""")
    out = tmp_path / "out"
    run(["--domain-spec", spec, "--rows", 1000, "--output", out], cwd=tmp_path)
    rows = read_rows(out)
    assert {r["a"] for r in rows} == {r["b"] for r in rows} == {"x", "y"}
    assert {(r["n"], r["m"]) for r in rows} == {(7, 7)}


def test_a_byte_order_mark_and_crlf_line_ends_change_nothing(tmp_path):
    text = SPEC.lstrip()  # the mark right before the first key
    plain = write_spec(tmp_path, text, name="plain.yaml")
    windows = tmp_path / "windows.yaml"
    windows.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    from support import digests
    made = {}
    for spec in (plain, windows):
        (tmp_path / spec.stem).mkdir()
        made[spec.stem] = digests(generate(tmp_path / spec.stem, spec))
    assert made["windows"] == made["plain"] and len(made["plain"]) >= 2


def test_same_bytes_whatever_the_workers(tmp_path):
    spec = write_spec(tmp_path)
    one = generate(tmp_path / "a" if (tmp_path / "a").mkdir() is None else None, spec, "--workers", 1)
    two = generate(tmp_path / "b" if (tmp_path / "b").mkdir() is None else None, spec, "--workers", 2)
    from support import digests
    assert digests(one) == digests(two) and len(digests(one)) >= 2


def test_folder_specs_are_listed_and_described(tmp_path):
    listed = run(["domains"], cwd=tmp_path).stdout
    assert re.search(r"^customer360_spec\t1\.0\.0\t.*customer360\.yaml", listed, re.M)
    described = run(["describe", "customer360_spec"], cwd=tmp_path).stdout
    assert "interaction_payload" in described and "payload_kb = 2" in described
    assert "email_number" not in described  # hidden
    spec = write_spec(tmp_path)
    text = run(["describe", "--domain-spec", spec], cwd=tmp_path).stdout
    assert text.startswith("every_generator 2.1.0: one column per generator")
    assert "low = 5  lowest uniform value" in text and "shares = red:0.25,green:0.75" in text


def test_a_spec_dropped_into_a_plugins_folder_is_a_domain(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "libSpecDomains.so").symlink_to(PLUGINS / "libSpecDomains.so")
    write_spec(plugins)
    out = tmp_path / "out"
    run(["--plugins-dir", plugins, "--domain", "every_generator", "--rows", 100, "--output", out], cwd=tmp_path)
    assert len(read_rows(out)) == 100


def test_the_web_events_example(tmp_path):
    out = tmp_path / "out"
    run(["--domain", "web_events", "--rows", 30_000, "--file-size-mb", 1, "--output", out], cwd=tmp_path)
    rows = read_rows(out)
    assert len(rows) == 30_000
    users = {}
    for r in rows:
        assert users.setdefault(r["user_id"], (r["country"], r["device"], r["is_bot"])) == (r["country"], r["device"], r["is_bot"])
        assert (r["product_id"] is not None) == (r["page"] in ("product", "cart"))
        assert (r["search_terms"] is not None) == (r["page"] == "search")
        if r["is_bot"]:
            assert 5 <= r["dwell_ms"] <= 40
        else:
            assert 50 <= r["dwell_ms"] <= 600_000
    assert all(r["event_time"] == datetime.datetime(2025, 1, 1) + datetime.timedelta(milliseconds=250 * r["event_id"]) for r in rows)
    bots = sum(1 for v in users.values() if v[2]) / len(users)
    assert 0.01 < bots < 0.06
    referrers = [r["referrer"] for r in rows if r["referrer"] is not None]
    assert abs(len(referrers) / len(rows) - 0.6) < 0.02
    assert any(r.startswith(" ") for r in referrers) and any(r.startswith("HTTPS://") for r in referrers)


def test_the_guides_first_example_reads(tmp_path):
    from support import REPO
    guide = (REPO / "docs" / "writing-a-spec.md").read_text()
    example = guide.split("```yaml\n", 1)[1].split("```", 1)[0].replace("  - ...\n", "")
    spec = write_spec(tmp_path, example, name="my-events.yaml")
    described = run(["describe", "--domain-spec", spec], cwd=tmp_path).stdout
    assert described.startswith("my_events 1.0.0: Orders with returns")
    for parameter in ("return_share = 0.05  share of orders returned", "regions = north,south,east,west",
                      "channel_weights = web:0.7,app:0.3"):
        assert f"  {parameter}" in described, described
