"""Nothing we do replaces a file we did not make, and output that cannot be
written is one clear error before any data."""
import json
import os
import shutil
import subprocess
import tempfile

import pytest

from support import BINARY, clean_env, parquet_files, run

ARGS = ["--rows", 3000, "--file-size-mb", 1, "--payload-kb", 0, "--workers", 2]


def one_error(result):
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("resume", [False, True])
def test_a_file_that_is_not_a_checkpoint_is_never_replaced(tmp_path, resume):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    result = run([*ARGS, "--output", tmp_path / "o", "--checkpoint", notes, *(["--resume"] if resume else [])],
                 cwd=tmp_path, check=False)
    assert "is not a checkpoint" in one_error(result) and "notes.txt" in result.stderr
    assert notes.read_text() == "my notes\n"
    assert not parquet_files(tmp_path / "o")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "o"], "no temporary left beside it"


def test_a_special_file_is_refused_as_checkpoint(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run([*ARGS, "--output", tmp_path / "o", "--checkpoint", fifo], cwd=tmp_path, check=False)
    assert "not a regular file" in one_error(result)
    assert fifo.is_fifo()
    assert not parquet_files(tmp_path / "o")


def test_a_checkpoint_of_ours_or_the_references_is_replaced(tmp_path):
    checkpoint = tmp_path / "ck.json"
    checkpoint.write_text('{"completed": [5], "updated": "2025-01-01T00:00:00"}')
    run([*ARGS, "--output", tmp_path / "o", "--checkpoint", checkpoint], cwd=tmp_path)
    assert json.loads(checkpoint.read_text())["completed"] == [0]


def test_output_that_cannot_hold_files_is_one_error_up_front(tmp_path):
    result = run([*ARGS, "--output", "/proc"], cwd=tmp_path, check=False)
    assert "output directory /proc is not writable" in one_error(result)
    assert "--resume" not in result.stderr
    assert not (tmp_path / ".datagen_checkpoint.json").exists()


def test_a_file_in_the_way_of_the_output_folder_is_named(tmp_path):
    (tmp_path / "blocker").write_text("")
    result = run([*ARGS, "--output", tmp_path / "blocker" / "out"], cwd=tmp_path, check=False)
    assert f"cannot create directory {tmp_path / 'blocker'}: a file is in the way" in one_error(result)


def test_a_folder_denied_by_permission_says_so(tmp_path):
    # Run as an unprivileged user (root is never denied), in a world-readable
    # folder whose writable part is denied.
    base = pathlib_mkdtemp()
    try:
        (base / "locked").mkdir(mode=0o555)
        os.chmod(base / "locked", 0o555)
        command = [str(BINARY), *map(str, ARGS), "--output", str(base / "locked" / "out"),
                   "--checkpoint", str(base / "ck.json")]
        if os.geteuid() == 0:
            if not shutil.which("setpriv"):
                pytest.skip("needs setpriv to drop root")
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        result = subprocess.run(command, cwd=base, env=clean_env(), capture_output=True, text=True, timeout=120)
        line = one_error(result)
        assert f"cannot create directory {base / 'locked' / 'out'}: Permission denied" in line
    finally:
        shutil.rmtree(base, ignore_errors=True)


def pathlib_mkdtemp():
    import pathlib
    base = pathlib.Path(tempfile.mkdtemp(prefix="lb-perm-"))
    os.chmod(base, 0o777)
    return base
