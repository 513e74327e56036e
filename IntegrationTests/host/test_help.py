"""Help and version go to stdout with exit 0, however they are asked for."""
import pytest

from support import run


@pytest.mark.parametrize("args, usage", [
    (["--help"], "USAGE: lb-datagen"),
    (["help"], "USAGE: lb-datagen"),
    (["generate", "--help"], "--file-size-mb"),
    (["help", "generate"], "--file-size-mb"),
    (["domains", "--help"], "USAGE: lb-datagen domains"),
    (["describe", "--help"], "USAGE: lb-datagen describe"),
])
def test_help(tmp_path, args, usage):
    result = run(args, cwd=tmp_path, check=False)
    assert (result.returncode, result.stderr) == (0, "")
    assert usage in result.stdout


def test_version(tmp_path):
    result = run(["--version"], cwd=tmp_path, check=False)
    assert result.returncode == 0 and result.stdout.strip()


def test_output_help_names_every_form_it_takes(tmp_path):
    text = " ".join(run(["generate", "--help"], cwd=tmp_path).stdout.split())
    assert "--output <output> Output: a local folder, a file:// URL or s3://bucket/prefix" in text, text
