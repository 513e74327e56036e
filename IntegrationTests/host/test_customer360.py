"""customer360 against spec/customer360.md: the 41-column contract and every
rule under "What must hold", on more than 100,000 rows read back by pyarrow
and DuckDB. The dataset tests run for the compiled plugin and for the same
domain written as a spec file (Plugins/Specs/customer360.yaml)."""
import math
import re
import statistics

import duckdb
import pyarrow.parquet as pq
import pytest

from support import parquet_files, read_rows, run

ROWS = 120_000
EXPECTED_SCHEMA = [
    ("id", "int64", False), ("row_id", "int64", False), ("event_timestamp", "timestamp[us]", False),
    ("event_id", "string", False), ("session_id", "string", False), ("customer_id", "int64", False),
    ("email_raw", "string", False), ("phone_raw", "string", False), ("interaction_type", "string", False),
    ("product_id", "string", True), ("product_category", "string", True), ("transaction_amount", "double", False),
    ("currency", "string", False), ("channel", "string", False), ("device_type", "string", True),
    ("browser", "string", True), ("ip_address", "string", False), ("city_raw", "string", False),
    ("state_raw", "string", False), ("zip_code", "string", False), ("page_views", "int32", False),
    ("time_on_site_seconds", "int32", False), ("bounce_rate", "double", False), ("click_count", "int32", True),
    ("cart_value", "double", True), ("items_in_cart", "int32", True), ("support_ticket_id", "string", True),
    ("issue_category", "string", True), ("satisfaction_score", "int32", True), ("campaign_id", "string", True),
    ("utm_source", "string", True), ("utm_medium", "string", True), ("loyalty_member", "bool", False),
    ("loyalty_tier", "string", True), ("points_earned", "int32", False), ("points_redeemed", "int32", False),
    ("data_source", "string", False), ("data_quality_flag", "string", False), ("raw_user_agent", "string", False),
    ("session_fingerprint", "string", False), ("interaction_payload", "string", False),
]
CLEAN_EMAIL = re.compile(r"^user\d{4,6}(\.DUPLICATE)?@(gmail|yahoo|outlook|icloud|hotmail)\.com$")
CLEAN_PHONE = re.compile(r"^(\+1\d{10}|\(\d{3}\) \d{3}-\d{4})$")
MISSPELT = {"Chicgao", "Newyork", "Newyork City", "Nyc", "Pheonix", "Los Angelas", "La", "Huston", "Philidelphia", "Phily"}
HAS_MISSPELLING = {"Chicago", "New York", "New York City", "NYC", "Phoenix", "Los Angeles", "LA", "Houston", "Philadelphia", "Philly"}


DOMAINS = ["customer360", "customer360_spec"]


@pytest.fixture(scope="module", params=DOMAINS)
def dataset(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param)
    result = run(["--domain", request.param, "--rows", ROWS, "--file-size-mb", 4, "--payload-kb", 1, "--workers", 2,
                  "--output", out, "--summary-json", out / "summary.json"], cwd=out)
    files = parquet_files(out)
    assert len(files) >= 2, result.stdout
    tables = [pq.read_table(f) for f in files]
    return out, files, tables


@pytest.fixture(scope="module")
def rows(dataset):
    _, _, tables = dataset
    return [row for table in tables for row in table.to_pylist()]


def test_schema_is_the_contract(dataset):
    _, files, _ = dataset
    schema = pq.read_schema(files[0])
    assert [(f.name, str(f.type), f.nullable) for f in schema] == EXPECTED_SCHEMA


def test_duckdb_reads_every_row(dataset):
    out, files, _ = dataset
    count, distinct_ids, low, high = duckdb.sql(
        f"select count(*), count(distinct id), min(id), max(id) from read_parquet({[str(f) for f in files]!r})").fetchall()[0]
    assert (count, distinct_ids, low, high) == (ROWS, ROWS, 0, ROWS - 1)


def test_ids_are_file_id_times_rows_per_file_plus_row(dataset):
    _, files, tables = dataset
    rows_per_file = int(pq.read_metadata(files[0]).metadata[b"lb_datagen.rows_per_file"])
    for file_id, table in enumerate(tables):
        ids = table.column("id").to_pylist()
        assert ids == list(range(file_id * rows_per_file, file_id * rows_per_file + table.num_rows))
        assert table.column("row_id").to_pylist() == ids


def share(values, label):
    return sum(1 for v in values if v == label) / len(values)


def test_weight_tables_within_one_point(rows):
    checks = {
        "interaction_type": {"purchase": .18, "browse": .35, "support": .12, "login": .20, "abandoned_cart": .15},
        "data_source": {"primary_system": .70, "legacy_import": .15, "manual_entry": .10, "third_party_api": .05},
        "data_quality_flag": {"clean": .92, "duplicate_suspected": .02, "incomplete_data": .03, "format_inconsistent": .03},
    }
    for column, weights in checks.items():
        values = [r[column] for r in rows]
        assert set(values) == set(weights), column
        for label, weight in weights.items():
            assert abs(share(values, label) - weight) <= 0.01, (column, label, share(values, label))
    for column, labels in {"currency": ["USD", "EUR", "GBP", "CAD"],
                           "channel": ["web", "mobile_app", "store", "call_center", "social_media"]}.items():
        values = [r[column] for r in rows]
        for label in labels:
            assert abs(share(values, label) - 1 / len(labels)) <= 0.01, (column, label)


def test_exact_dirty_counts_per_file(dataset):
    _, _, tables = dataset
    for table in tables:
        expected = math.floor(table.num_rows * 0.08)
        emails = table.column("email_raw").to_pylist()
        phones = table.column("phone_raw").to_pylist()
        assert sum(1 for e in emails if not CLEAN_EMAIL.match(e)) == expected
        assert sum(1 for p in phones if not CLEAN_PHONE.match(p)) == expected


def test_dirty_forms_are_the_specified_modes(rows):
    emails = [r["email_raw"] for r in rows if not CLEAN_EMAIL.match(r["email_raw"])]
    kinds = {
        "no_at": lambda e: "@" not in e and ".at." not in e,
        "upper": lambda e: e.startswith("USER"),
        "padded": lambda e: e.startswith("  ") and e.endswith("  "),
        "double_at": lambda e: "@@" in e,
        "no_tld": lambda e: re.match(r"^user\d+(\.DUPLICATE)?@[a-z]+$", e) is not None,
        "dot_at": lambda e: ".at." in e,
    }
    counts = {k: sum(1 for e in emails if f(e)) for k, f in kinds.items()}
    assert sum(counts.values()) == len(emails), counts
    for kind, count in counts.items():
        assert abs(count / len(emails) - 1 / 6) < 0.03, counts
    phones = [r["phone_raw"] for r in rows if not CLEAN_PHONE.match(r["phone_raw"])]
    assert all(re.match(r"^(\d{10}|\+1-\d{3}-\d{3}-\d{4}|\d{6}|[\dO]{10})$", p) for p in phones)
    assert any("O" in p for p in phones)


def test_city_misspellings_and_state_respellings(rows):
    misspelt = sum(1 for r in rows if r["city_raw"] in MISSPELT)
    eligible = misspelt + sum(1 for r in rows if r["city_raw"] in HAS_MISSPELLING)
    assert abs(misspelt / eligible - 0.08) <= 0.01
    clean_states = {"NY", "New York", "CA", "California", "IL", "Illinois", "TX", "Texas", "AZ", "Arizona", "PA", "Pennsylvania"}
    respelt = [r["state_raw"] for r in rows if r["state_raw"] not in clean_states]
    assert 0.04 < len(respelt) / len(rows) < 0.08  # some re-spellings are themselves clean values
    assert {"Calif.", "N.Y.", "Tex.", "Penn."} <= set(respelt)


def test_duplicate_email_share(rows):
    assert abs(sum(1 for r in rows if ".DUPLICATE" in r["email_raw"]) / len(rows) - 0.10) <= 0.01


def test_conditional_nulls_and_coherence_on_every_row(rows):
    for r in rows:
        kind = r["interaction_type"]
        engaged = kind not in ("login", "support")
        assert (r["product_id"] is not None) == engaged
        assert (r["product_category"] is not None) == engaged
        assert (r["click_count"] is not None) == engaged
        assert (r["items_in_cart"] is not None) == engaged
        assert math.isnan(r["cart_value"]) == (not engaged) and r["cart_value"] is not None
        support = kind == "support"
        for column in ("support_ticket_id", "issue_category", "satisfaction_score"):
            assert (r[column] is not None) == support
        campaign = r["campaign_id"] is not None
        assert (r["utm_source"] is not None) == campaign and (r["utm_medium"] is not None) == campaign
        no_device = r["channel"] in ("store", "call_center")
        assert (r["device_type"] is None) == no_device and (r["browser"] is None) == no_device
        assert (r["loyalty_tier"] is None) == (not r["loyalty_member"])
        views = r["page_views"]
        assert (1 <= views <= 20) if kind in ("browse", "purchase") else views == 0
        assert (30 <= r["time_on_site_seconds"] <= 3629) if views > 0 else r["time_on_site_seconds"] == 0
        assert r["bounce_rate"] == (1.0 if views == 1 else 0.0)
        if kind == "purchase":
            assert 1.0 <= r["transaction_amount"] <= 9999.99
            assert round(r["transaction_amount"], 2) == r["transaction_amount"]
        else:
            assert r["transaction_amount"] == 0.0
        if r["loyalty_member"] and kind == "purchase":
            assert r["points_earned"] == int(r["transaction_amount"] * 10)
        else:
            assert r["points_earned"] == 0
        assert r["points_redeemed"] == 0 or (r["loyalty_member"] and 100 <= r["points_redeemed"] <= 999)


def test_value_formats(rows):
    uuid = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    agent = re.compile(r"^(chrome|safari|firefox|edge)/(\d+)\.0 \((desktop|mobile|tablet); (Windows NT 10\.0|macOS 14\.0|Linux|iOS 17|Android 14)\)$")
    for r in rows[:20000]:
        assert uuid.match(r["event_id"]) and uuid.match(r["session_id"])
        assert re.match(r"^[0-9a-f]{64}$", r["session_fingerprint"])
        assert len(r["interaction_payload"]) == 2048 and re.match(r"^[0-9a-f]*$", r["interaction_payload"])
        octets = [int(o) for o in r["ip_address"].split(".")]
        assert 1 <= octets[0] <= 254 and 0 <= octets[1] <= 254 and 0 <= octets[2] <= 254 and 1 <= octets[3] <= 253
        assert 10000 <= int(r["zip_code"]) <= 99998
        m = agent.match(r["raw_user_agent"])
        assert m and 90 <= int(m.group(2)) <= 129
        if r["product_id"]:
            assert re.match(r"^PRD\d{5}$", r["product_id"]) and int(r["product_id"][3:]) <= 99998
        if r["support_ticket_id"]:
            assert re.match(r"^TKT\d{5}$", r["support_ticket_id"])
        if r["campaign_id"]:
            assert re.match(r"^CMP\d{3}$", r["campaign_id"])


def test_campaign_share(rows):
    assert abs(sum(1 for r in rows if r["campaign_id"]) / len(rows) - 0.4) <= 0.01


def test_timestamps_in_range(rows):
    import datetime
    start, end = datetime.datetime(2024, 1, 1), datetime.datetime(2025, 12, 31)
    stamps = [r["event_timestamp"] for r in rows]
    assert all(start <= t < end for t in stamps)
    assert min(stamps) < datetime.datetime(2024, 1, 8) and max(stamps) > datetime.datetime(2025, 12, 24)


def test_zipf_customer_ids(rows):
    ids = [r["customer_id"] for r in rows]
    assert 0.33 <= share(ids, 1) <= 0.43
    assert all(0 <= i <= 500_000 for i in ids)
    counts = {}
    for i in ids:
        counts[i] = counts.get(i, 0) + 1
    top = sorted(counts.values(), reverse=True)[: max(1, len(counts) // 100)]
    assert sum(top) / len(ids) > 0.5  # the top 1% of ids hold far more than 1% of rows


def test_purchase_amounts_log_normal(rows):
    amounts = [r["transaction_amount"] for r in rows if r["interaction_type"] == "purchase"]
    assert abs(statistics.median(amounts) - math.exp(4.3)) / math.exp(4.3) <= 0.10


def loyalty_by_customer(rows):
    """Each customer's (member, tier), checking every row of the customer agrees."""
    seen = {}
    for r in rows:
        value = (r["loyalty_member"], r["loyalty_tier"])
        assert seen.setdefault(r["customer_id"], value) == value
    return seen


def assert_loyalty_law(values, tolerance):
    """60% members, tiers 70/20/10 among them."""
    members = [v for v in values if v[0]]
    assert abs(len(members) / len(values) - 0.6) <= tolerance
    tiers = [v[1] for v in members]
    for tier, weight in {"bronze": .7, "silver": .2, "gold": .1}.items():
        assert abs(share(tiers, tier) - weight) <= tolerance, tier


def test_loyalty_belongs_to_the_customer(rows):
    assert_loyalty_law(list(loyalty_by_customer(rows).values()), 0.02)


def test_summary_matches_files(dataset):
    import json
    out, files, tables = dataset
    summary = json.loads((out / "summary.json").read_text())
    assert summary["rows_written"] == ROWS == sum(t.num_rows for t in tables)
    assert summary["files_written"] == len(files)
    assert summary["bytes_written"] == sum(f.stat().st_size for f in files)
    assert sorted(f["key"] for f in summary["files"]) == sorted(str(f.relative_to(out)) for f in files)


def test_statistics_are_written(dataset):
    _, files, _ = dataset
    metadata = pq.ParquetFile(files[0]).metadata
    columns = [metadata.schema.column(i).name for i in range(metadata.num_columns)]
    stats = metadata.row_group(0).column(columns.index("customer_id")).statistics
    assert stats.has_min_max and stats.min >= 0 and stats.null_count == 0
    tier = metadata.row_group(0).column(columns.index("loyalty_tier")).statistics
    assert tier.null_count > 0 and tier.min in ("bronze", "gold", "silver")


def test_distributions_change_without_a_rebuild(tmp_path):
    run(["--rows", 5000, "--payload-kb", 0, "--file-size-mb", 8, "--output", tmp_path,
         "--param", "currency_weights=JPY:3,CHF:1", "--param", "channel_weights=web:0,mobile_app:0,store:1,call_center:0,social_media:0",
         "--param", "email_domain_weights=example.org:1", "--param", "interaction_weights=purchase:1,browse:0,support:0,login:0,abandoned_cart:0",
         "--param", "os_weights=Plan 9:1", "--param", "zipf_alpha=3", "--dirty-ratio", "0"], cwd=tmp_path)
    rows = [r for f in parquet_files(tmp_path) for r in pq.read_table(f).to_pylist()]
    assert len(rows) == 5000
    assert {r["currency"] for r in rows} == {"JPY", "CHF"} and abs(share([r["currency"] for r in rows], "JPY") - 0.75) < 0.03
    assert {r["channel"] for r in rows} == {"store"} and all(r["device_type"] is None for r in rows)
    assert all(r["email_raw"].endswith("@example.org") for r in rows)
    assert {r["interaction_type"] for r in rows} == {"purchase"}
    assert all(r["raw_user_agent"].endswith("; Plan 9)") for r in rows)
    assert share([r["customer_id"] for r in rows], 1) > 0.75  # zeta(3): P(1) ≈ 0.83


def test_rule_bound_labels_must_all_be_named(tmp_path):
    result = run(["--rows", 100, "--output", tmp_path, "--param", "channel_weights=web:1,store:1"], cwd=tmp_path, check=False)
    assert result.returncode != 0 and "channel_weights" in result.stderr and "web, mobile_app, store, call_center, social_media" in result.stderr


def test_too_many_user_agents_is_one_line_before_any_file(tmp_path):
    # 20 browsers × 40 versions × 10 devices × 10 systems = 80,000 agents, past 65,536 labels.
    names = lambda prefix, n: ",".join(f"{prefix}{i}:1" for i in range(n))
    out = tmp_path / "out"
    result = run(["--rows", 100, "--output", out, "--param", f"browser_weights={names('b', 20)}",
                  "--param", f"device_weights={names('d', 10)}", "--param", f"os_weights={names('o', 10)}"],
                 cwd=tmp_path, check=False)
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0 and len(lines) == 1
    assert "browser_weights, device_weights and os_weights make 80000 user agents, more than 65536" in lines[0]
    assert not out.exists() or not any(out.rglob("*.parquet"))
    # So do agents of more than 1 MiB in all (320 agents of over 5,000 bytes).
    long_os = f"{'x' * 5000}:1,{'y' * 5000}:1"
    result = run(["--rows", 100, "--output", out, "--param", f"os_weights={long_os}", "--param", "browser_weights=a:1,b:1",
                  "--param", "device_weights=c:1,d:1"], cwd=tmp_path, check=False)
    assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1
    assert re.search(r"make user agents of 16\d{5} bytes in all, more than 1048576$", result.stderr.strip())
    assert not out.exists() or not any(out.rglob("*.parquet"))
    # Under both limits works, and every agent is one of the combinations.
    run(["--rows", 2000, "--output", out, "--param", f"browser_weights={names('b', 12)}",
         "--param", f"device_weights={names('d', 10)}", "--param", f"os_weights={names('o', 10)}"], cwd=tmp_path)
    agents = {r["raw_user_agent"] for r in read_rows(out, ["raw_user_agent"])}
    assert len(agents) > 1500
    assert all(re.fullmatch(r"b\d+/(9\d|1[0-2]\d)\.0 \(d\d; o\d\)", a) for a in agents)


def test_user_agent_parts_follow_their_weights(tmp_path):
    # The agent is drawn as one combination; its parts keep their own laws.
    out = tmp_path / "out"
    run(["--rows", 40_000, "--output", out, "--param", "browser_weights=chrome:3,safari:1",
         "--param", "device_weights=desktop:1,mobile:0,tablet:1", "--param", "os_weights=Linux:1,iOS 17:4"], cwd=tmp_path)
    agents = [r["raw_user_agent"] for r in read_rows(out, ["raw_user_agent"])]
    parts = [re.fullmatch(r"(\w+)/(\d+)\.0 \((\w+); (Linux|iOS 17)\)", a).groups() for a in agents]
    n = len(parts)
    assert abs(sum(p[0] == "chrome" for p in parts) / n - 0.75) < 0.01
    assert not any(p[2] == "mobile" for p in parts)
    assert abs(sum(p[2] == "desktop" for p in parts) / n - 0.5) < 0.01
    assert abs(sum(p[3] == "iOS 17" for p in parts) / n - 0.8) < 0.01
    versions = [int(p[1]) for p in parts]
    assert set(versions) == set(range(90, 130))
    assert max(versions.count(v) for v in range(90, 130)) / n < 0.025 + 0.005


def test_loyalty_past_the_table_of_frequent_customers(tmp_path):
    # Customers from 65,536 up are worked out when met, the others looked up
    # in a table made at open: both are the customer's, with the same law.
    out = tmp_path / "out"
    run(["--rows", 60_000, "--output", out, "--param", "zipf_alpha=1.05", "--param", "customer_id_max=200000"], cwd=tmp_path)
    seen = loyalty_by_customer(read_rows(out, ["customer_id", "loyalty_member", "loyalty_tier"]))
    for low, high in ((0, 65_536), (65_536, 200_001)):
        values = [v for c, v in seen.items() if low <= c < high]
        assert len(values) > 3000
        assert_loyalty_law(values, 0.03)
