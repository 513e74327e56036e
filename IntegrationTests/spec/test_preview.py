"""lb-datagen preview on a pseudo-terminal: the first rows as an aligned
table in blocks that fit the terminal, then per-column summaries."""
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios

from support import BINARY, clean_env

SPEC = """spec_version: 1
name: tiny
columns:
  - {name: n, type: int64, row_number: {}}
  - {name: colour, type: category, choice: {weights: {red: 0.25, green: 0.75}}}
  - {name: score, type: double, nullable: true, null_share: 0.5, normal: {mean: 0, stddev: 1, round: 2}}
  - {name: at, type: timestamp, timestamp_sequence: {start: 2024-01-01, step_seconds: 60}}
"""


def on_pty(args, cwd, columns=100):
    """Runs lb-datagen with stdout and stderr on a pseudo-terminal of the given width."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    process = subprocess.Popen([str(BINARY), *map(str, args)], cwd=cwd, env=clean_env(), stdout=follower,
                               stderr=follower, stdin=subprocess.DEVNULL, close_fds=True)
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0, output.decode()
    return output.decode().replace("\r\n", "\n")


def test_preview_of_a_spec_on_a_terminal(tmp_path):
    spec = tmp_path / "tiny.yaml"
    spec.write_text(SPEC)
    text = on_pty(["preview", "--domain-spec", spec, "--rows", 5, "--sample", 4000], tmp_path)
    lines = text.splitlines()
    assert lines[0] == "tiny 1, seed 42: the first 5 rows of file 0"
    header = lines[2]
    assert re.match(r"^n\s+colour\s+score\s+at$", header)
    assert set(lines[3].replace(" ", "")) == {"-"}
    rows = lines[4:9]
    assert [r.split()[0] for r in rows] == ["0", "1", "2", "3", "4"]
    assert rows[1].endswith("2024-01-01 00:01:00") and rows[4].endswith("2024-01-01 00:04:00")
    # Columns line up: each header name starts where its values' column starts.
    at = header.index("at")
    assert all(r[at:at + 4] == "2024" for r in rows)
    summary = lines[lines.index("summaries over 4000 rows:") + 1:]
    assert summary[0].split() == ["column", "type", "nulls", "distinct", "values"]
    by_name = {line.split()[0]: line for line in summary[1:]}
    assert re.search(r"int64\s+0\.0%\s+4000\s+min 0\s+max 3999\s+\S", by_name["n"])
    colour = by_name["colour"]
    red, green = (float(re.search(rf"{c} (\d+\.\d)%", colour).group(1)) for c in ("red", "green"))
    assert abs(red - 25) < 3 and abs(green - 75) < 3 and re.search(r"category\s+0\.0%\s+2\s", colour)
    score = by_name["score"]
    nulls = float(re.search(r"double\s+(\d+\.\d)%", score).group(1))
    assert abs(nulls - 50) < 3
    histogram = score.split("  ")[-1]
    assert set(histogram) <= set("▁▂▃▄▅▆▇█ ") and len(histogram) == 16
    # A bell: the middle bins are higher than the ends.
    levels = "▁▂▃▄▅▆▇█"
    height = lambda c: levels.index(c) + 1 if c in levels else 0
    assert height(histogram[7]) + height(histogram[8]) > height(histogram[0]) + height(histogram[15])
    assert "min 2024-01-01 00:00:00  max 2024-01-03 18:39:00" in by_name["at"]


def test_preview_splits_wide_tables_to_fit_the_terminal(tmp_path):
    text = on_pty(["preview", "--domain", "customer360", "--rows", 3, "--sample", 2000, "--param", "payload_kb=0"],
                  tmp_path, columns=90)
    table = text.split("summaries over")[0].splitlines()[2:]
    assert all(len(line) <= 90 for line in table)
    headers = [line for i, line in enumerate(table) if i + 1 < len(table) and set(table[i + 1].replace(" ", "")) == {"-"}]
    assert len(headers) > 3  # 41 columns in several blocks
    names = [name for h in headers for name in h.split()]
    assert names[:3] == ["id", "row_id", "event_timestamp"] and "interaction_payload" in names and len(names) == 41
    summary = text.split("summaries over 2000 rows:\n")[1].splitlines()
    assert len(summary) == 42
    assert re.search(r"^interaction_type\s+category\s+0\.0%\s+5\s+browse \d", next(l for l in summary if l.startswith("interaction_type")))


def test_line_breaks_in_values_show_as_one_mark_each(tmp_path):
    # "\r\n" is one Character in Swift: a break inside a value must still not break the table's row.
    spec = tmp_path / "breaks.yaml"
    spec.write_text("""spec_version: 1
name: breaks
columns:
  - {name: n, type: int64, row_number: {}}
  - {name: note, type: category, choice: {values: ["crlf\\r\\nend", "lf\\nend", "cr\\rend"]}}
""")
    result = subprocess.run([str(BINARY), "preview", "--domain-spec", str(spec), "--rows", "6", "--sample", "1000"],
                            cwd=tmp_path, env=clean_env(), capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert "\r" not in text
    lines = text.split("\n")
    rows = lines[4:10]
    assert [r.split()[0] for r in rows] == ["0", "1", "2", "3", "4", "5"]
    assert {r.split()[1] for r in rows} <= {"crlf⏎end", "lf⏎end", "cr⏎end"}
    summary = next(line for line in lines if line.startswith("note "))
    assert all(f"{label}⏎end " in summary for label in ("crlf", "lf", "cr")), summary
