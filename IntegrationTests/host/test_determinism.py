"""Determinism is a contract: the same inputs give byte-identical files
whatever the worker count or the node split."""
import pytest

from support import clean_env, digests, run

# Several files of several row groups each, so workers interleave within files.
ARGS = ["--rows", 50_000, "--file-size-mb", 2, "--row-group-mb", 0.5, "--payload-kb", 0, "--seed", 7]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("one-worker")
    run([*ARGS, "--workers", 1, "--output", out], cwd=out)
    files = digests(out)
    assert len(files) >= 5
    return files


@pytest.mark.parametrize("workers", [2, 4])
def test_worker_count_does_not_change_bytes(tmp_path, reference, workers):
    run([*ARGS, "--workers", workers, "--output", tmp_path], cwd=tmp_path)
    assert digests(tmp_path) == reference


def test_union_of_three_nodes_equals_one_node(tmp_path, reference):
    for node in range(3):
        run([*ARGS, "--workers", 2, "--total-nodes", 3, "--output", tmp_path], cwd=tmp_path,
            env=clean_env(JOB_COMPLETION_INDEX=node))
    assert digests(tmp_path) == reference


def test_node_takes_files_n_mod_total(tmp_path, reference):
    run([*ARGS, "--total-nodes", 3, "--node-id", 1, "--output", tmp_path], cwd=tmp_path)
    names = sorted(digests(tmp_path))
    expected = sorted(name for name in reference if int(name[-14:-8]) % 3 == 1)
    assert names == expected


def test_seed_changes_data(tmp_path, reference):
    run([*ARGS[:-2], "--seed", 8, "--output", tmp_path], cwd=tmp_path)
    assert set(digests(tmp_path).values()).isdisjoint(reference.values())
