"""The S3 server for the tests in this folder: one SeaweedFS per session,
killed at its end (and with pytest, should pytest die first)."""
import pytest

from s3_support import SeaweedFS


@pytest.fixture(scope="session")
def seaweed():
    server = SeaweedFS()
    yield server
    server.stop()
