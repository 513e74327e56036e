"""Progress on stderr: a live line on a terminal, a plain line every N
seconds otherwise, nothing with --quiet; `--summary-json -` leaves stdout
pure JSON; a summary that cannot be written is an error before any data."""
import json
import os
import pty
import select
import subprocess
import time

from support import BINARY, clean_env, parquet_files, run

# A few seconds of work: 96 files of 4 MiB, one worker.
ARGS = ["--target-gb", 96 * 4 / 1024, "--file-size-mb", 4, "--row-group-mb", 1, "--workers", 1]


def run_on_a_terminal(args, cwd):
    """Runs with stderr on a pseudo-terminal; returns (exit status, what the terminal showed)."""
    master, slave = pty.openpty()
    process = subprocess.Popen([str(BINARY), *map(str, args)], cwd=cwd, env=clean_env(),
                               stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other side closed
                break
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=60)
    os.close(master)
    return process.returncode, shown.decode(errors="replace")


def test_a_live_line_on_a_terminal(tmp_path):
    status, shown = run_on_a_terminal([*ARGS, "--output", tmp_path / "out"], tmp_path)
    assert status == 0, shown
    assert shown.count("\r\x1b[K") >= 2, shown  # drawn at least once, then cleared
    live = [part for part in shown.split("\r\x1b[K") if "rows/s" in part]
    assert live, shown
    for word in ("files ", "/96", "rows ", "MiB", "rows/s", "MiB/s", "ETA"):
        assert word in live[-1], live[-1]
    assert "lb-datagen: progress:" not in shown, "a terminal gets the live line, not log lines"


def test_a_live_line_in_continuous_mode_shows_elapsed_and_remaining(tmp_path):
    status, shown = run_on_a_terminal(["--target-gb", 2 * 4 / 1024, "--file-size-mb", 4, "--workers", 1,
                                       "--mode", "continuous", "--duration", 3, "--output", tmp_path / "out"], tmp_path)
    assert status == 0, shown
    live = [part for part in shown.split("\r\x1b[K") if "rows/s" in part]
    assert live and "elapsed 0:0" in live[-1] and "remaining 0:0" in live[-1], shown


def test_plain_lines_every_interval_when_not_a_terminal(tmp_path):
    started = time.time()
    result = run([*ARGS, "--output", tmp_path / "out", "--progress-interval", 0.5], cwd=tmp_path)
    took = time.time() - started
    lines = [line for line in result.stderr.splitlines() if line.startswith("lb-datagen: progress: ")]
    assert "\r" not in result.stderr and "\x1b" not in result.stderr
    assert 1 <= len(lines) <= took / 0.5 + 1, result.stderr
    assert all("rows/s" in line and "MiB/s" in line and "files " in line for line in lines)


def test_quiet_prints_no_progress(tmp_path):
    result = run([*ARGS, "--output", tmp_path / "out", "--progress-interval", 0.2, "--quiet"], cwd=tmp_path)
    assert "progress" not in result.stderr
    status, shown = run_on_a_terminal([*ARGS, "--output", tmp_path / "out2", "--quiet"], tmp_path)
    assert status == 0 and "\r" not in shown.replace("\r\n", "\n"), shown


def test_summary_json_on_stdout_is_pure_json(tmp_path):
    result = run(["--rows", 3000, "--file-size-mb", 1, "--output", tmp_path / "out", "--summary-json", "-"], cwd=tmp_path)
    summary = json.loads(result.stdout)  # nothing else on stdout
    assert summary["files_written"] == len(parquet_files(tmp_path / "out"))
    assert "=== lb-datagen summary ===" in result.stderr


def test_an_unwritable_summary_is_an_error_before_any_data(tmp_path):
    (tmp_path / "plain").write_text("a file, not a folder")
    for path in (tmp_path / "missing" / "s.json", tmp_path, f"{tmp_path}/s.json/", "s.json/", "",
                 tmp_path / "plain" / "s.json"):
        result = run(["--rows", 3000, "--file-size-mb", 1, "--output", tmp_path / "out", "--summary-json", path],
                     cwd=tmp_path, check=False)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "--summary-json" in lines[0], result.stderr
        assert not (tmp_path / "out").exists()
