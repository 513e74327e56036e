"""Session checks and fixtures for the end-to-end tests; helpers live in
support.py (and engine.py for the container engine)."""
import json
import os
import subprocess

import pytest

from engine import Engine, make_image
from support import BINARY, PLUGINS, REPO


@pytest.fixture(scope="session", autouse=True)
def built_binary():
    if not BINARY.exists() or not PLUGINS.exists():
        pytest.exit(f"{BINARY} or {PLUGINS} is missing: run `make build` (or `make test`) first", returncode=2)


@pytest.fixture(scope="session")
def install_tree(tmp_path_factory):
    """`make install PREFIX=<tmp>/lb-datagen`, once per session."""
    prefix = tmp_path_factory.mktemp("install") / "lb-datagen"
    result = subprocess.run(["make", "-s", "install", f"PREFIX={prefix}"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return prefix


@pytest.fixture(scope="session")
def engine():
    found, why = Engine.find()
    if found is None:
        pytest.skip(f"no container engine can run here: {why}")
    return found


@pytest.fixture(scope="session")
def image(engine):
    """`make image`, once per session, under a name of this session's own
    (test runs of other checkouts may share the engine's storage); removed at
    the end. Its tags are those `make image` gives lb-datagen."""
    name = f"lb-datagen-test-{os.getpid()}"
    result = make_image(name)
    assert result.returncode == 0, result.stdout + result.stderr
    tags = engine.podman("image", "inspect", "-f", "{{json .RepoTags}}", f"localhost/{name}:latest").stdout
    yield f"localhost/{name}:latest"
    for tag in json.loads(tags):
        engine.remove(tag)
