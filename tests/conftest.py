"""Session checks for the end-to-end tests; helpers live in support.py."""
import pytest

from support import BINARY, PLUGINS


@pytest.fixture(scope="session", autouse=True)
def built_binary():
    if not BINARY.exists() or not PLUGINS.exists():
        pytest.exit(f"{BINARY} or {PLUGINS} is missing: run `make build` (or `make test`) first", returncode=2)
