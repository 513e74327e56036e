"""S3 over HTTPS, against a SeaweedFS whose certificate (for 127.0.0.1 and
localhost) a throwaway CA signed: the CA bundle named by S3_CA_CERT (else
SSL_CERT_FILE) is trusted; a certificate no configured CA vouches for, or one
for another host name, fails clearly before anything is written;
S3_VERIFY_SSL=false skips verification; an unreadable or bad CA bundle is
refused. Also virtual-hosted addressing (S3_PATH_STYLE=false) over plain HTTP,
with <bucket>.localhost, which libcurl resolves to loopback by itself."""
import json
import pathlib
import socket
import threading
import time

import pytest

from s3_support import assert_nothing_written, assert_one_clear_line
from support import parquet_files, run

ROWS = 400
# 241 rows make a 1 MiB file: two objects.
ARGS = ["--rows", ROWS, "--file-size-mb", 1, "--workers", 2, "--seed", 7]
# A system CA bundle (which does not hold the throwaway CA), for SSL_CERT_FILE as a pod might set it.
SYSTEM_BUNDLE = next((p for p in ("/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt",
                                  "/etc/ssl/cert.pem") if pathlib.Path(p).is_file()), None)


def tls_env(server, **extra):
    """The run's environment: the HTTPS endpoint, and no CA or verification
    setting inherited from the caller unless a test gives one."""
    values = {"S3_CA_CERT": None, "SSL_CERT_FILE": None, "S3_VERIFY_SSL": None}
    values.update(extra)
    return server.env(**values)


def generate(server, tmp_path, bucket, prefix, env, check=True):
    summary = tmp_path / f"{prefix}.json"
    started = time.time()
    result = run([*ARGS, "--bucket", bucket, "--prefix", prefix, "--summary-json", summary], cwd=tmp_path, env=env,
                 check=check, timeout=120)
    result.elapsed = time.time() - started
    result.summary = json.loads(summary.read_text()) if result.returncode == 0 else None
    return result


def assert_read_back(server, bucket, prefix, summary):
    """Every object of the summary is in the bucket (read with boto3 over HTTPS,
    trusting the CA) with the summary's size, and is Parquet."""
    assert summary["location"] == f"s3://{bucket}"
    assert summary["rows_written"] == ROWS
    keys = [f["key"] for f in summary["files"]]
    assert len(keys) == 2 and server.keys(bucket) == keys and all(k.startswith(prefix + "/") for k in keys)
    for f in summary["files"]:
        body = server.body(bucket, f["key"])
        assert body[:4] == b"PAR1" and body[-4:] == b"PAR1", f["key"]
        assert len(body) == f["bytes"] > 0
    assert server.open_uploads(bucket) == []


class Relay:
    """A TCP relay on 127.0.0.1 to a local port that keeps every byte the
    clients sent, connection by connection: to count the connections (TLS
    passes through untouched) and to see plain requests' Host and path."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.connections = []  # per connection: the bytes its client sent
        self.sockets = []
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            sent = bytearray()
            with self.lock:
                self.connections.append(sent)
                self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, sent), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, None), daemon=True).start()

    def _pump(self, source, destination, record):
        try:
            while data := source.recv(65536):
                if record is not None:
                    with self.lock:
                        record += data
                destination.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, destination):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def requests(self):
        """(method, path, host) of every request sent, connection by connection
        (each request's head, then Content-Length bytes of body)."""
        with self.lock:
            connections = [bytes(c) for c in self.connections]
        requests = []
        for sent in connections:
            position = 0
            while (end := sent.find(b"\r\n\r\n", position)) >= 0:
                request_line, *lines = sent[position:end].decode("latin-1").split("\r\n")
                method, path, _ = request_line.split(" ")
                headers = dict((name.strip().lower(), value.strip()) for name, value in
                               (line.split(":", 1) for line in lines))
                requests.append((method, path, headers.get("host")))
                position = end + 4 + int(headers.get("content-length", 0))
        return requests

    def close(self):
        self.stopped.set()
        self.thread.join(timeout=5)
        self.listener.close()
        with self.lock:
            for s in self.sockets:
                s.close()


def test_endpoint_is_https_with_the_throwaway_ca(seaweed_tls):
    # The premise of the tests below: the endpoint is HTTPS on 127.0.0.1 and its certificate is the throwaway CA's.
    assert seaweed_tls.endpoint == f"https://127.0.0.1:{seaweed_tls.https_port}"
    assert seaweed_tls.tls.ca.read_text().startswith("-----BEGIN CERTIFICATE-----")
    seaweed_tls.create_bucket("lb-tls-premise")  # boto3 with verify=<ca.pem>
    assert SYSTEM_BUNDLE is None or seaweed_tls.tls.ca.read_bytes() not in pathlib.Path(SYSTEM_BUNDLE).read_bytes()


@pytest.mark.parametrize("variable", ["S3_CA_CERT", "SSL_CERT_FILE"])
def test_configured_ca_bundle_is_trusted(seaweed_tls, tmp_path, variable):
    bucket = seaweed_tls.create_bucket(f"lb-tls-ca-{variable.lower().replace('_', '-')}")
    ca = str(seaweed_tls.tls.ca)
    # S3_CA_CERT wins over SSL_CERT_FILE (here the system bundle); SSL_CERT_FILE alone is used too.
    env = tls_env(seaweed_tls, S3_CA_CERT=ca, SSL_CERT_FILE=SYSTEM_BUNDLE) if variable == "S3_CA_CERT" \
        else tls_env(seaweed_tls, SSL_CERT_FILE=ca)
    result = generate(seaweed_tls, tmp_path, bucket, "ca", env)
    assert_read_back(seaweed_tls, bucket, "ca", result.summary)
    assert not parquet_files(tmp_path) and not (tmp_path / "output").exists()


@pytest.mark.parametrize("ssl_cert_file", ["unset", "system-bundle"])
def test_untrusted_certificate_fails_clearly_and_writes_nothing(seaweed_tls, tmp_path, ssl_cert_file):
    if ssl_cert_file == "system-bundle" and SYSTEM_BUNDLE is None:
        pytest.skip("no system CA bundle found")
    ssl_cert_file = SYSTEM_BUNDLE if ssl_cert_file == "system-bundle" else None
    bucket = seaweed_tls.create_bucket("lb-tls-untrusted")
    relay = Relay(seaweed_tls.https_port)  # TLS passes through; it counts the connections
    endpoint = f"https://127.0.0.1:{relay.port}"
    try:
        result = generate(seaweed_tls, tmp_path, bucket, "never",
                          tls_env(seaweed_tls, S3_ENDPOINT=endpoint, SSL_CERT_FILE=ssl_cert_file), check=False)
    finally:
        relay.close()
    assert_one_clear_line(result, bucket, "TLS", "certificate", endpoint, "S3_CA_CERT", "S3_VERIFY_SSL=false")
    # A certificate that does not verify will not verify on a retry: one connection, given up at once.
    assert len(relay.connections) == 1, f"{len(relay.connections)} connections"
    assert result.elapsed < 15, f"gave up only after {result.elapsed:.0f} s"
    assert_nothing_written(seaweed_tls, bucket, tmp_path)


def test_verification_off_needs_no_ca(seaweed_tls, tmp_path):
    bucket = seaweed_tls.create_bucket("lb-tls-noverify")
    result = generate(seaweed_tls, tmp_path, bucket, "noverify", tls_env(seaweed_tls, S3_VERIFY_SSL="false"))
    assert_read_back(seaweed_tls, bucket, "noverify", result.summary)


def test_tls_failure_with_verification_off_does_not_suggest_turning_it_off(seaweed_tls, tmp_path):
    # https:// to the plain-HTTP port: the handshake fails whatever is
    # verified, so S3_VERIFY_SSL=false (already set) is no advice.
    bucket = seaweed_tls.create_bucket("lb-tls-plain-port")
    endpoint = f"https://127.0.0.1:{seaweed_tls.port}"
    result = generate(seaweed_tls, tmp_path, bucket, "never",
                      tls_env(seaweed_tls, S3_ENDPOINT=endpoint, S3_VERIFY_SSL="false"), check=False)
    assert_one_clear_line(result, bucket, "TLS", endpoint, "verification already off", "serves HTTPS")
    assert "set S3_CA_CERT" not in result.stderr and "or S3_VERIFY_SSL=false" not in result.stderr
    assert_nothing_written(seaweed_tls, bucket, tmp_path)


def test_certificate_for_another_host_name_fails(seaweed_tls, tmp_path):
    # Virtual-hosted over HTTPS asks for lb-tls-vhost.localhost, which the certificate (127.0.0.1, localhost) does
    # not name: trusting the CA is not enough, the host name is checked too.
    bucket = seaweed_tls.create_bucket("lb-tls-vhost")
    env = tls_env(seaweed_tls, S3_ENDPOINT=f"https://localhost:{seaweed_tls.https_port}", S3_PATH_STYLE="false",
                  S3_CA_CERT=str(seaweed_tls.tls.ca))
    result = generate(seaweed_tls, tmp_path, bucket, "never", env, check=False)
    assert_one_clear_line(result, bucket, "TLS", f"{bucket}.localhost", "S3_CA_CERT")
    assert_nothing_written(seaweed_tls, bucket, tmp_path)


@pytest.mark.parametrize("variable", ["S3_CA_CERT", "SSL_CERT_FILE"])
def test_missing_ca_bundle_is_refused(seaweed_tls, tmp_path, variable):
    bucket = seaweed_tls.create_bucket("lb-tls-missing-ca")
    missing = tmp_path / "no-such-ca.pem"
    result = generate(seaweed_tls, tmp_path, bucket, "never", tls_env(seaweed_tls, **{variable: str(missing)}),
                      check=False)
    assert_one_clear_line(result, str(missing), "cannot be read", f"({variable})")
    assert_nothing_written(seaweed_tls, bucket, tmp_path)


def test_ca_bundle_that_is_not_pem_fails_clearly(seaweed_tls, tmp_path):
    bucket = seaweed_tls.create_bucket("lb-tls-bad-ca")
    bad = tmp_path / "not-a-ca.pem"
    bad.write_text("this is not a certificate\n")
    result = generate(seaweed_tls, tmp_path, bucket, "never", tls_env(seaweed_tls, S3_CA_CERT=str(bad)), check=False)
    assert_one_clear_line(result, bucket, "TLS", str(bad), "S3_CA_CERT")
    assert result.elapsed < 15, f"gave up only after {result.elapsed:.0f} s"
    assert_nothing_written(seaweed_tls, bucket, tmp_path)


def test_virtual_hosted_addressing_over_http(seaweed_tls, tmp_path):
    # SeaweedFS runs with -s3.domainName=localhost; libcurl resolves lb-vhost.localhost to 127.0.0.1 itself
    # (Python cannot, so the check reads back path-style). The relay shows which addressing went out.
    bucket = seaweed_tls.create_bucket("lb-vhost")
    relay = Relay(seaweed_tls.port)
    try:
        env = tls_env(seaweed_tls, S3_ENDPOINT=f"http://localhost:{relay.port}", S3_PATH_STYLE="false")
        result = generate(seaweed_tls, tmp_path, bucket, "vh", env)
    finally:
        relay.close()
    assert_read_back(seaweed_tls, bucket, "vh", result.summary)
    requests = relay.requests()
    assert len(requests) >= 3, requests  # the bucket check and one PUT per object at least
    assert {host for _, _, host in requests} == {f"{bucket}.localhost:{relay.port}"}, requests
    assert not [r for r in requests if r[1].startswith(f"/{bucket}")], requests
    puts = sorted(path.split("?")[0] for method, path, _ in requests
                  if method == "PUT" and not path.startswith("/lb-datagen-preflight-"))  # the preflight's trial part
    written = [f["key"] for f in result.summary["files"]] + [result.summary["completion_marker"]]
    assert set(puts) == {"/" + key for key in written}, requests
