"""The S3 half of scripts/sanitize.sh: starts a SeaweedFS on 127.0.0.1 (the
tests' own), then runs a sanitizer build of lb-datagen against it: a run in
multipart uploads of several parts, then `verify` (HEAD and ranged GETs).
A sanitizer report makes the binary exit non-zero, and so this script.

    python scripts/sanitize_s3.py BIN_DIR PLUGINS_DIR
"""
import pathlib
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "IntegrationTests"), str(REPO / "IntegrationTests" / "s3")]
from s3_support import SeaweedFS  # noqa: E402


def main(bin_dir, plugins):
    binary = pathlib.Path(bin_dir).resolve() / "lb-datagen"
    server = SeaweedFS()
    work = tempfile.TemporaryDirectory(prefix="lb-sanitize-")  # the checkpoint's folder
    try:
        server.create_bucket("sanitize")
        args = ["--domain", "iot", "--target-gb", "0.03", "--file-size-mb", "12", "--s3-part-size-mb", "5",
                "--workers", "4", "--plugins-dir", plugins, "--bucket", "sanitize", "--prefix", "iot"]
        for command in (args, ["verify", *args]):
            result = subprocess.run([str(binary), *command], env=server.env(), cwd=work.name,
                                    capture_output=True, text=True, timeout=900)
            if result.returncode != 0:
                sys.exit(f"lb-datagen {' '.join(command)} exited {result.returncode}:\n{result.stderr}")
    finally:
        server.stop()
        work.cleanup()
    print("S3 run and verify against SeaweedFS: clean")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
