"""Determinism of the shipped iot, clickstream and customer360 spec domains: byte-identical
files whatever the worker count or node split, and whatever the row-group
size for the values themselves (sessions and device series cross row-group
and file boundaries without shared state)."""
import pytest

from support import clean_env, digests, read_rows, run

DOMAINS = ["iot", "clickstream", "customer360_spec"]


def args(domain, row_group_mb=0.5):
    return ["--domain", domain, "--rows", 120_000, "--file-size-mb", 2, "--row-group-mb", row_group_mb,
            "--seed", 11]


@pytest.fixture(scope="module", params=DOMAINS)
def reference(request, tmp_path_factory):
    domain = request.param
    out = tmp_path_factory.mktemp(f"{domain}-one-worker")
    run([*args(domain), "--workers", 1, "--output", out], cwd=out)
    files = digests(out)
    assert len(files) >= 3
    return domain, out, files


def test_two_workers_give_the_same_bytes(tmp_path, reference):
    domain, _, files = reference
    run([*args(domain), "--workers", 2, "--output", tmp_path], cwd=tmp_path)
    assert digests(tmp_path) == files


def test_union_of_three_nodes_equals_one_node(tmp_path, reference):
    domain, _, files = reference
    for node in range(3):
        run([*args(domain), "--workers", 2, "--total-nodes", 3, "--node-id", node, "--output", tmp_path],
            cwd=tmp_path)
    assert digests(tmp_path) == files


def test_nodes_via_job_completion_index(tmp_path, reference):
    domain, _, files = reference
    for node in range(3):
        run([*args(domain), "--workers", 1, "--total-nodes", 3, "--output", tmp_path], cwd=tmp_path,
            env=clean_env(JOB_COMPLETION_INDEX=node))
    assert digests(tmp_path) == files


def test_seed_changes_the_data(tmp_path, reference):
    domain, _, files = reference
    run([*args(domain)[:-2], "--seed", 12, "--workers", 2, "--output", tmp_path], cwd=tmp_path)
    assert set(digests(tmp_path).values()).isdisjoint(files.values())


def test_clickstream_rows_do_not_depend_on_row_groups(tmp_path_factory):
    """clickstream draws nothing from batch streams: every value is a function
    of the global row, so other row-group sizes give the same rows."""
    small = tmp_path_factory.mktemp("cs-small-groups")
    large = tmp_path_factory.mktemp("cs-large-groups")
    run([*args("clickstream", 0.25), "--workers", 2, "--output", small], cwd=small)
    run([*args("clickstream", 2), "--workers", 2, "--output", large], cwd=large)
    a, b = read_rows(small), read_rows(large)
    assert len(a) == len(b) == 120_000
    assert a == b


def test_iot_readings_do_not_depend_on_row_groups(tmp_path_factory):
    """iot draws nothing from batch streams: a row is a function of (seed,
    device, arrival slot), whatever the row groups."""
    small = tmp_path_factory.mktemp("iot-small-groups")
    large = tmp_path_factory.mktemp("iot-large-groups")
    run([*args("iot", 0.25), "--workers", 2, "--output", small], cwd=small)
    run([*args("iot", 2), "--workers", 2, "--output", large], cwd=large)
    a, b = read_rows(small), read_rows(large)
    assert len(a) == len(b) == 120_000
    assert a == b


FAULTS = {
    "iot": ["devices=300", "clock_fault_ratio=0.3", "gateway_outage_rate=7", "reboot_rate=30", "sequence_bits=8",
            "firmware_rollout_ratio=0.5", "firmware_rollout_days=0.05", "device_lifetime_days=0.1"],
    "clickstream": ["events_per_second=1.5", "users=200000", "anonymous_visitors=50000", "long_pause_rate=0.02",
                    "malformed_url_rate=0.01", "login_in_session_rate=0.2", "multi_device_ratio=0.3",
                    "late_upload_ratio=0.3", "long_tail_query_rate=0.5"],
}


@pytest.mark.parametrize("domain", sorted(FAULTS))
def test_faults_give_the_same_bytes_on_one_worker_and_three_nodes(tmp_path_factory, domain):
    params = [x for p in FAULTS[domain] for x in ("--param", p)]
    one = tmp_path_factory.mktemp(f"{domain}-faults-one")
    run([*args(domain), *params, "--workers", 1, "--output", one], cwd=one)
    files = digests(one)
    assert len(files) >= 3
    nodes = tmp_path_factory.mktemp(f"{domain}-faults-nodes")
    for node in range(3):
        run([*args(domain), *params, "--workers", 2, "--total-nodes", 3, "--node-id", node, "--output", nodes],
            cwd=nodes)
    assert digests(nodes) == files
