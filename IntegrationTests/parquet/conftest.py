"""Shared setup for the Parquet writer's reader tests.

The tests drive `parquet-roundtrip` (Tests/ParquetRoundtrip), a test-only
executable that writes Parquet files with LBParquet from JSON test cases, and
read the files back with pyarrow and DuckDB.

Where the executable is found: the environment variable LB_BUILD_DIR names
the SwiftPM build directory holding it, absolute or relative to the
repository root; the default is `.build/debug`. For example:

    swift build --scratch-path .build-parquet --product parquet-roundtrip
    LB_BUILD_DIR=.build-parquet/debug .venv/bin/python -m pytest tests/parquet
"""
import os
import pathlib
import subprocess

import pytest

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]


def roundtrip_executable() -> pathlib.Path:
    build_dir = pathlib.Path(os.environ.get("LB_BUILD_DIR", ".build/debug"))
    if not build_dir.is_absolute():
        build_dir = REPO_ROOT / build_dir
    return build_dir / "parquet-roundtrip"


@pytest.fixture(scope="session", autouse=True)
def built_binary():
    """Overrides tests/conftest.py's check for the lb-datagen binary and its
    plugins: these tests need only parquet-roundtrip (checked below)."""


@pytest.fixture(scope="session")
def run_roundtrip():
    """run_roundtrip([(case_json_path, out_parquet_path), ...]) runs the tool
    once for all pairs and returns the finished process (stderr as text),
    whatever its exit status."""
    exe = roundtrip_executable()
    if not exe.exists():
        pytest.fail(f"{exe} not found: build it (see tests/parquet/conftest.py) or set LB_BUILD_DIR")

    def run(pairs):
        args = [str(exe)]
        for case_path, out_path in pairs:
            args += [str(case_path), str(out_path)]
        return subprocess.run(args, capture_output=True, text=True, timeout=600)

    return run


@pytest.fixture(scope="session")
def write_parquet(run_roundtrip):
    """write_parquet([(case_json_path, out_parquet_path), ...]) runs the tool
    once for all pairs (one process start for many files) and fails unless
    it succeeds."""

    def run(pairs):
        result = run_roundtrip(pairs)
        assert result.returncode == 0, result.stderr

    return run
