"""A custom image as docs/custom-images.md builds it: the base image plus one
COPY of a plugin (the C example, built with cc as its docs say) and its
default domain set with LB_DOMAIN. Exactly one more layer; the domain is
listed beside the shipped ones, runs in the container, and Lakebench's Job
argument list runs unchanged against it."""
import os
import re
import shutil
import subprocess

import pyarrow.parquet as pq
import pytest

from support import ABI_INCLUDE, REPO, domain_rows, parquet_files, shipped_domains

SOURCE = REPO / "Plugins" / "Examples" / "c-domain" / "c_domain.c"
IMAGES_DOC = (REPO / "docs" / "custom-images.md").read_text()
TAG = f"localhost/lb-datagen-test-orders-{os.getpid()}:latest"

# Lakebench's Job (spec/cli.md) with only the size shrunk: 2 files of 1 MiB on one node.
JOB_ARGS = ["--target-tb", f"{2 / 1024 / 1024:.6f}", "--mode", "batch", "--file-size-mb", "1", "--payload-kb", "2",
            "--bucket", "bronze", "--prefix", "customer/interactions", "--seed", "42", "--dirty-ratio", "0.08",
            "--total-nodes", "1", "--workers", "1", "--timestamp-start", "2024-01-01", "--timestamp-end", "2025-12-31"]


@pytest.fixture(scope="module")
def custom_image(engine, image, tmp_path_factory):
    if shutil.which("cc") is None:
        pytest.skip("no C compiler")
    context = tmp_path_factory.mktemp("custom-image")
    subprocess.run(["cc", "-shared", "-fPIC", "-O2", f"-I{ABI_INCLUDE}", "-o", str(context / "libcdomain.so"),
                    str(SOURCE)], check=True)
    # The guide's first Dockerfile as written, for this image and this library.
    [guide] = re.findall(r"^```dockerfile\n(.*?)^```$", IMAGES_DOC, re.S | re.M)[:1]
    assert guide.startswith("FROM lb-datagen:") and "ENV LB_DOMAIN=mydomain" in guide, guide
    dockerfile = re.sub(r"^FROM lb-datagen:\S+", f"FROM {image}", guide)
    (context / "Dockerfile").write_text(dockerfile.replace("libmydomain.so", "libcdomain.so").replace("mydomain", "orders"))
    engine.build(TAG, context)
    yield TAG
    engine.remove(TAG)


def test_exactly_one_more_layer(engine, image, custom_image):
    assert engine.layers(custom_image) == engine.layers(image) + 1


def test_listed_beside_the_shipped_domains(engine, custom_image):
    rows = domain_rows(engine.run(custom_image, ["domains"]).stdout)
    assert {name for name, _ in rows} == shipped_domains() | {"orders"}
    assert ("orders", "/opt/lb-datagen/plugins/libcdomain.so") in rows
    assert "coupon_code" in engine.run(custom_image, ["describe", "orders"]).stdout


def test_lakebench_job_arguments_run_unchanged(engine, custom_image, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.chmod(out, 0o777)
    result = engine.run(custom_image, [*JOB_ARGS, "--output", "/out"], volumes=[(out, "/out")])
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == ["lb-datagen: warning: domain orders has no parameter for --dirty-ratio, --payload-kb, "
                        "--timestamp-end, --timestamp-start; ignoring them"]
    files = parquet_files(out)
    assert [str(f.relative_to(out)) for f in files] == [
        "bronze/customer/interactions/part-000000.parquet", "bronze/customer/interactions/part-000001.parquet"]
    for f in files:
        table = pq.read_table(f)
        assert table.schema.metadata[b"lb_datagen.domain"] == b"orders"
        assert "coupon_code" in table.column_names and table.num_rows > 0


def test_domain_flag_still_overrides(engine, custom_image, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.chmod(out, 0o777)
    engine.run(custom_image, ["--rows", 100, "--domain", "iot", "--output", "/out"], volumes=[(out, "/out")])
    [f] = parquet_files(out)
    assert pq.read_schema(f).metadata[b"lb_datagen.domain"] == b"iot"
