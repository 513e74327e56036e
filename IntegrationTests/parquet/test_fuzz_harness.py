"""The Parquet writer's fuzz harness (Fuzz/ParquetWriter; `make fuzz` runs it
under libFuzzer) replayed over fixed random inputs: it checks each file's
footer itself, and every file it saves reads back equal in pyarrow."""
import os
import random
import subprocess
import sys

from support import BUILD_DIR, REPO

sys.path.insert(0, str(REPO / "scripts"))
import fuzz_check  # noqa: E402


def test_every_harness_output_reads_back_equal(tmp_path):
    rng = random.Random(15)
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    out.mkdir()
    for index in range(300):
        (inputs / f"{index:03d}").write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 1500))))
    subprocess.run([str(BUILD_DIR / "parquet-fuzz"), *map(str, sorted(inputs.iterdir()))],
                   env={**os.environ, "LB_FUZZ_OUT": str(out)}, check=True, timeout=600)
    assert fuzz_check.main(out) >= 250, "nearly every input makes a distinct file"
