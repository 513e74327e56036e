"""The S3 servers for the tests in this folder: one plain-HTTP SeaweedFS per
session, and one serving HTTPS for the modules that ask for it; each killed
at its end (and with pytest, should pytest die first)."""
import pytest

from s3_support import SeaweedFS, make_tls_files


@pytest.fixture(scope="session")
def seaweed():
    server = SeaweedFS()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def seaweed_tls(tmp_path_factory):
    """A second SeaweedFS: S3 over HTTPS with a throwaway CA's certificate for
    127.0.0.1 and localhost (and plain HTTP on another port, with
    virtual-hosted addressing under localhost)."""
    server = SeaweedFS(tls=make_tls_files(tmp_path_factory.mktemp("tls")), domain="localhost")
    yield server
    server.stop()
