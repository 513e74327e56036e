"""The per-node completion marker: written last when the node finished,
at `<prefix>/_corpus/c<cycle>-node-<node>.json`; its corpus_args_sha256
changes with every argument that shapes the data and with nothing else."""
import json

import pytest

from support import check_marker, metrics, parquet_files, run

BASE = ["--rows", 4000, "--file-size-mb", 1, "--payload-kb", 1, "--seed", 5]


def marker_of(tmp_path, name, extra):
    out = tmp_path / name
    result = run([*BASE, *extra, "--output", out, "--checkpoint", tmp_path / f"{name}.ckpt"], cwd=tmp_path)
    markers = sorted(out.rglob("_corpus/*.json"))
    assert len(markers) == 1, markers
    return markers[0], check_marker(markers[0].read_text()), result


def test_marker_key_and_fields(tmp_path):
    path, marker, result = marker_of(tmp_path, "a", ["--prefix", "p/q", "--cycle", 2, "--cycles", 3,
                                                     "--total-nodes", 2, "--node-id", 1, "--bucket", "b"])
    assert path.relative_to(tmp_path / "a").as_posix() == "b/p/q/_corpus/c002-node-0001.json"
    files = parquet_files(tmp_path / "a")
    assert marker["files_written"] == len(files) == metrics(result.stderr)["files_written"]
    assert marker["bytes_written"] == sum(f.stat().st_size for f in files)
    assert (marker["format"], marker["schema"], marker["cycle"], marker["cycles"]) == (1, "customer360", 2, 3)
    assert marker["seed_ref"] == 5 and marker["parameters"]["payload_kb"] == "1"
    assert marker["corpus_args"]["parameters"] == marker["parameters"]


def changed(*pairs):
    """BASE with each (flag, value) set: a flag BASE has gets the new value, another is added."""
    args = list(BASE)
    for flag, value in pairs:
        if flag in args:
            args[args.index(flag) + 1] = value
        else:
            args += [flag, value]
    return args


# Arguments that do not shape the files, and arguments that do.
SAME = {"workers": [("--workers", 3)], "node split": [("--total-nodes", 3), ("--node-id", 2)],
        "delivery mode": [("--delivery-mode", "continuous")], "prefix": [("--prefix", "elsewhere")],
        "bucket": [("--bucket", "other")], "continuous mode": [("--mode", "continuous"), ("--duration", 3)]}
DIFFERENT = {"seed": [("--seed", 6)], "parameter": [("--dirty-ratio", "0.1")], "payload": [("--payload-kb", 2)],
             "codec": [("--compression", "zstd")], "file size": [("--file-size-mb", 2)],
             "row group": [("--row-group-mb", 0.5)], "size": [("--rows", 5000)], "cycles": [("--cycles", 2)]}


def hash_of(tmp_path, args):
    out = tmp_path / "out"
    run([*args, "--output", out], cwd=tmp_path)
    markers = list(out.rglob("_corpus/*.json"))
    assert len(markers) == 1, markers
    return check_marker(markers[0].read_text())["corpus_args_sha256"]


@pytest.fixture(scope="module")
def base_hash(tmp_path_factory):
    return hash_of(tmp_path_factory.mktemp("base"), BASE)


@pytest.mark.parametrize("name", sorted(SAME))
def test_hash_ignores_what_does_not_shape_the_data(tmp_path, base_hash, name):
    assert hash_of(tmp_path, changed(*SAME[name])) == base_hash


@pytest.mark.parametrize("name", sorted(DIFFERENT))
def test_hash_changes_with_what_shapes_the_data(tmp_path, base_hash, name):
    assert hash_of(tmp_path, changed(*DIFFERENT[name])) != base_hash
