"""`--output /dev/null` makes every file in full and keeps none: the
generator's speed without storage in the way."""
import json

from support import clean_env, run


def summary_of(args, tmp_path, name):
    path = tmp_path / f"{name}.json"
    run([*args, "--summary-json", path], cwd=tmp_path, env=clean_env())
    return json.loads(path.read_text())


def test_discarded_run_makes_the_same_bytes_and_stores_nothing(tmp_path):
    args = ["--rows", "30000", "--file-size-mb", "4", "--payload-kb", "1", "--workers", "2"]
    kept = summary_of([*args, "--output", tmp_path / "kept"], tmp_path, "kept")
    before = sorted(p.name for p in tmp_path.iterdir())
    dropped = summary_of([*args, "--output", "/dev/null"], tmp_path, "dropped")
    after = sorted(p.name for p in tmp_path.iterdir())

    assert dropped["files_written"] == kept["files_written"] > 1
    assert dropped["rows_written"] == kept["rows_written"] == 30000
    assert dropped["bytes_written"] == kept["bytes_written"]  # every file encoded and compressed in full
    assert [n for n in after if n not in before] == ["dropped.json"]  # no folder, no file, beside the summary


def test_discarded_run_has_nothing_to_resume(tmp_path):
    args = ["--rows", "20000", "--file-size-mb", "4", "--payload-kb", "0", "--output", "/dev/null"]
    summary_of(args, tmp_path, "first")
    assert not (tmp_path / ".datagen_checkpoint.json").exists()  # no file was kept, so none is recorded
    refused = run([*args, "--resume"], cwd=tmp_path, env=clean_env(), check=False)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == ["lb-datagen: error: --resume has nothing to resume: --output /dev/null keeps no files"]


def test_dev_null_as_a_url_or_with_a_slash_discards_too(tmp_path):
    for output in ("file:///dev/null", "/dev/null/"):
        summary = summary_of(["--rows", "5000", "--file-size-mb", "4", "--output", output], tmp_path, "s")
        assert (summary["location"], summary["rows_written"]) == ("/dev/null", 5000)
