"""The plugin-batch fuzz harness (Fuzz/PluginBatch; `make fuzz` runs it under
libFuzzer) replayed over fixed random inputs: a plugin made of each input's
bytes fills batches the host checks and encodes. Each input is either
refused by the host with the breach the plugin made, or taken; the harness
checks that itself, and every file taken reads back equal in pyarrow."""
import os
import random
import re
import subprocess
import sys

from support import BUILD_DIR, REPO

sys.path.insert(0, str(REPO / "scripts"))
import fuzz_check  # noqa: E402


def test_every_batch_is_refused_for_its_breach_or_reads_back_equal(tmp_path):
    rng = random.Random(15)
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    out.mkdir()
    for index in range(400):
        # Bytes >= 0xf0 make breaches: with 30% of them, a quarter of the inputs break the ABI.
        size = rng.randrange(1, 3000)
        data = bytes(rng.randrange(0xf0) if rng.random() < 0.7 else rng.randrange(0xf0, 0x100) for _ in range(size))
        (inputs / f"{index:03d}").write_bytes(data)
    result = subprocess.run([str(BUILD_DIR / "batch-fuzz"), *map(str, sorted(inputs.iterdir()))],
                            env={**os.environ, "LB_FUZZ_OUT": str(out)}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    tally = result.stdout.strip().splitlines()[-1]
    accepted, refused = map(int, re.match(r"accepted (\d+), refused (\d+)", tally).groups())
    assert accepted + refused == 400, tally
    # Every kind of breach was met and refused.
    for reason in ("validity byte", "boolean other", "string offsets", "label index", "failed to fill", "labels"):
        assert reason in tally, f"no input refused for {reason!r}: {tally}"
    assert fuzz_check.main(out) >= accepted * 9 // 10, "nearly every input taken makes a distinct file"
