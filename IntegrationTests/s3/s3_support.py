"""Helpers for the S3 end-to-end tests: a real S3 server, SeaweedFS (`weed
server` with its S3 gateway) on 127.0.0.1 with free ports, a temporary folder
and one SigV4 identity, plus ways to look at what a run left in it (boto3).
`make_tls_files` makes a throwaway CA and server certificate (openssl CLI) for
a SeaweedFS that also serves S3 over HTTPS."""
import ctypes
import hashlib
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from support import REPO, clean_env, parquet_files

ACCESS_KEY = "lbe2eadmin"
SECRET_KEY = "lbe2e-secret-0123456789"
REGION = "us-east-1"
WEED = pathlib.Path(os.environ.get("LB_WEED") or REPO / ".venv" / "bin" / "weed")


def free_ports(n):
    """Ports nobody listens on at this moment on 127.0.0.1 (bound together, then closed)."""
    sockets = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def _die_with_parent():
    # Linux: SIGKILL weed if pytest dies without running the teardown.
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def sha256(data):
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class TLSFiles:
    ca: pathlib.Path    # the CA's certificate (PEM): what a client trusts
    cert: pathlib.Path  # the server's certificate, signed by the CA
    key: pathlib.Path   # the server's private key


def make_tls_files(directory, names=("IP:127.0.0.1", "DNS:localhost")):
    """A throwaway CA (P-256, valid two days) and a server certificate it signs
    for `names` (subjectAltName entries), made with the openssl CLI in `directory`."""
    openssl = shutil.which("openssl")
    if not openssl:
        pytest.fail("the openssl CLI is needed to make test certificates: install the Debian package openssl")
    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    files = TLSFiles(ca=directory / "ca.pem", cert=directory / "server.pem", key=directory / "server.key")
    ca_key, csr, extensions = directory / "ca.key", directory / "server.csr", directory / "server.ext"
    extensions.write_text(f"subjectAltName={','.join(names)}\nbasicConstraints=critical,CA:FALSE\n"
                          "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
                          "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for args in (
        ["req", "-x509", *ec, "-keyout", ca_key, "-out", files.ca, "-days", "2", "-subj", "/CN=lb-datagen test CA",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        ["req", *ec, "-keyout", files.key, "-out", csr, "-subj", "/CN=127.0.0.1"],
        ["x509", "-req", "-in", csr, "-CA", files.ca, "-CAkey", ca_key, "-CAcreateserial", "-days", "2",
         "-extfile", extensions, "-out", files.cert],
    ):
        result = subprocess.run([openssl, *map(str, args)], capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise RuntimeError(f"openssl {args[0]} failed ({result.returncode}): {result.stderr.strip()}")
    return files


class SeaweedFS:
    """SeaweedFS with S3 on 127.0.0.1. With `tls` (TLSFiles), S3 is served over
    HTTPS on `https_port` (`endpoint` is then https://127.0.0.1:<https_port>)
    and over plain HTTP on `port` too (`http_endpoint`). With `domain`,
    virtual-hosted requests to <bucket>.<domain> are understood."""

    def __init__(self, tls=None, domain=None):
        if not os.access(WEED, os.X_OK):
            pytest.exit(f"SeaweedFS `weed` not found at {WEED}: run scripts/setup.sh (or set LB_WEED)", returncode=2)
        self.directory = pathlib.Path(tempfile.mkdtemp(prefix="lb-s3-e2e-weed-"))
        (self.directory / "data").mkdir()
        config = self.directory / "s3.json"
        config.write_text(json.dumps({"identities": [{
            "name": "admin", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
        ports = free_ports(9 if tls else 8)
        self.port = ports[0]
        self.endpoint = self.http_endpoint = f"http://127.0.0.1:{self.port}"
        self.tls = tls
        if tls:
            self.https_port = ports[8]
            self.endpoint = f"https://127.0.0.1:{self.https_port}"
        self.log = self.directory / "weed.log"
        args = [
            str(WEED), "server", f"-dir={self.directory / 'data'}",
            "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            f"-master.port={ports[1]}", f"-master.port.grpc={ports[2]}",
            # Each bucket written to is a collection that grows 7 volumes at
            # its first write: 128 leaves room for 18 such buckets a session.
            f"-volume.port={ports[3]}", f"-volume.port.grpc={ports[4]}", "-volume.max=128",
            "-master.volumeSizeLimitMB=64",
            "-filer", f"-filer.port={ports[5]}", f"-filer.port.grpc={ports[6]}",
            "-s3", f"-s3.port={self.port}", f"-s3.port.grpc={ports[7]}", "-s3.port.iceberg=0", "-s3.port.lance=0",
            f"-s3.config={config}", "-s3.autoCreateBucket=false",
        ]
        if tls:
            args += [f"-s3.port.https={self.https_port}", f"-s3.cert.file={tls.cert}", f"-s3.key.file={tls.key}"]
        if domain:
            args.append(f"-s3.domainName={domain}")
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            cwd=self.directory, preexec_fn=_die_with_parent)
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise

    def client(self, secret=SECRET_KEY):
        """A boto3 client (the admin's, made once, unless another secret is asked for)."""
        if secret == SECRET_KEY and getattr(self, "_admin", None):
            return self._admin
        client = boto3.client("s3", endpoint_url=self.endpoint, region_name=REGION, aws_access_key_id=ACCESS_KEY,
                              aws_secret_access_key=secret, verify=str(self.tls.ca) if self.tls else None,
                              config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2},
                                            connect_timeout=5, read_timeout=60))
        if secret == SECRET_KEY:
            self._admin = client
        return client

    def _wait_until_ready(self):
        started = time.time()
        s3 = self.client()
        last = "no answer"
        # The S3 port answers first, the filer behind it a moment later.
        while time.time() < started + 60:
            if self.process.poll() is not None:
                raise RuntimeError(f"weed exited during start-up ({self.process.returncode}): {self.log_tail()}")
            try:
                s3.create_bucket(Bucket="lb-ready")
                s3.head_bucket(Bucket="lb-ready")
                self.startup_seconds = time.time() - started
                return
            except Exception as e:  # noqa: BLE001 - any failure means "not yet"
                last = repr(e)
            time.sleep(0.2)
        raise RuntimeError(f"SeaweedFS S3 on port {self.port} not ready after 60 s ({last}): {self.log_tail()}")

    def log_tail(self, lines=8):
        try:
            return " | ".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self):
        if self.process.poll() is None:
            # weed's graceful shutdown takes many seconds; the data is throwaway.
            self.process.kill()
        self.process.wait(timeout=30)
        shutil.rmtree(self.directory, ignore_errors=True)

    # Helpers for the tests.

    def env(self, **extra):
        """The environment of a run that writes to this server (clean_env plus S3 variables)."""
        values = {"S3_ENDPOINT": self.endpoint, "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
                  "AWS_REGION": REGION, "S3_PATH_STYLE": "true"}
        values.update(extra)
        env = clean_env(**{k: v for k, v in values.items() if v is not None})
        for k, v in values.items():
            if v is None:
                env.pop(k, None)
        return env

    def create_bucket(self, name):
        s3 = self.client()
        try:
            s3.create_bucket(Bucket=name)
        except ClientError as e:
            if e.response["Error"]["Code"] not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                raise
        return name

    def keys(self, bucket, prefix="", markers=False):
        """Keys under prefix; completion markers (`_corpus/`) only when asked for."""
        s3 = self.client()
        keys = []
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            keys += [o["Key"] for o in page.get("Contents", [])]
        return sorted(k for k in keys if markers or "_corpus/" not in k)

    def body(self, bucket, key):
        return self.client().get_object(Bucket=bucket, Key=key)["Body"].read()

    def digests(self, bucket, prefix):
        """Key relative to prefix -> sha256 of the object's bytes."""
        return {k[len(prefix):]: sha256(self.body(bucket, k)) for k in self.keys(bucket, prefix)}

    def open_uploads(self, bucket, prefix=""):
        answer = self.client().list_multipart_uploads(Bucket=bucket, Prefix=prefix)
        return [(u["Key"], u["UploadId"]) for u in answer.get("Uploads", [])]


def assert_one_clear_line(result, *words):
    """A failed run said why in one stderr line holding every word."""
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def assert_nothing_written(server, bucket, cwd):
    """No object, no open upload, no local file, no checkpoint."""
    assert server.keys(bucket, markers=True) == []
    assert server.open_uploads(bucket) == []
    assert not parquet_files(cwd) and not (cwd / "output").exists()
    assert not (cwd / ".datagen_checkpoint.json").exists()
