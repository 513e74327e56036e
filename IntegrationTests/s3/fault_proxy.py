"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1 in front of an S3 server.

Every request is forwarded unchanged (method, path with query, every header
as received, Host included: SigV4 signs it; the body by Content-Length) and
the server's answer returned, except where a rule set by the test says
otherwise. A rule picks requests by S3 operation (see `operation`) and by
count (the Nth such request, or every one) and either

- answers a status with an S3 XML error document without forwarding
  (`fail`), or
- forwards the request, then drops the connection without answering
  (`lose_answer`: the server did the work, the client never hears of it), or
- holds the request until the test releases it, then forwards it (`hold`:
  a slow client, caught between two requests), or
- forwards the request after a pause (`delay`: a slow server, so that a
  client's concurrent requests pile up at the proxy), or
- forwards the request with one byte of its body altered (`corrupt`: a
  bit flipped on the way, which the body's checksum must catch), or
- forwards the request and answers with one header of the server's answer
  replaced (`rewrite_answer`: a store whose ETags are made otherwise).

`fail` may also pick requests by a header they carry (`if_header`): a store
that refuses a header it does not know.

Connections are kept alive, as by a real S3 endpoint (so libcurl reuses
them), unless `keep_alive=False`. Everything seen is logged as
`Seen(method, path, status, operation, at)`; `status` is what the client
got, None for a dropped answer. `most_at_once(operation)` is the largest
number of requests of an operation that were outstanding together (from
their first line read to their answer sent), `outstanding(operation)` that
number now.

    with FaultProxy(seaweed.port) as proxy:
        proxy.fail("UploadPart", 503, "SlowDown", nth=2)
        run(..., env=seaweed.env(S3_ENDPOINT=proxy.endpoint))
"""
import http.client
import socket
import struct
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

HOST = "127.0.0.1"
# Answer headers not relayed: about the upstream connection, or recomputed here.
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "te", "trailer", "upgrade"}


def operation(method, target):
    """The S3 operation a path-style request is (e.g. "UploadPart"), "" if
    unknown; "Preflight" before it for the preflight's trial upload (its key
    starts with lb-datagen-preflight-), so that rules and counts for a run's
    own uploads are not thrown off by it."""
    segments = [s for s in urlsplit(target).path.split("/") if s]
    if len(segments) > 1 and segments[1].startswith("lb-datagen-preflight-"):
        return "Preflight" + _operation(method, target)
    return _operation(method, target)


def _operation(method, target):
    parts = urlsplit(target)
    query = parse_qs(parts.query, keep_blank_values=True)
    segments = [s for s in parts.path.split("/") if s]
    has_key = len(segments) > 1
    if method == "PUT":
        if "partNumber" in query:
            return "UploadPart"
        if not has_key:
            return "CreateBucket"
        return "PutObject" if not query else ""
    if method == "POST":
        if "uploads" in query:
            return "CreateMultipartUpload"
        if "uploadId" in query:
            return "CompleteMultipartUpload"
        return ""
    if method == "HEAD":
        return "HeadObject" if has_key else "HeadBucket"
    if method == "DELETE":
        if "uploadId" in query:
            return "AbortMultipartUpload"
        return "DeleteObject" if has_key else "DeleteBucket"
    if method == "GET":
        if "uploads" in query:
            return "ListMultipartUploads"
        if not has_key:
            return "ListObjectsV2" if "list-type" in query else "ListObjects"
        return "GetObject"
    return ""


@dataclass(frozen=True)
class Seen:
    method: str
    path: str        # as requested, with the query
    status: object   # int the client got, or None when the answer was dropped
    operation: str
    at: float        # seconds since the proxy started, when answered (or dropped)
    headers: dict = None  # the request's headers, names lower-cased; an aws-chunked
                          # body's trailer fields as "trailer:<name>"


@dataclass
class _Rule:
    operation: str
    nth: object      # 1-based count among requests of this operation, or None for every one
    action: str      # "fail", "lose", "hold", "delay", "corrupt" or "rewrite"
    status: int = 0
    code: str = ""
    message: str = ""
    reset: bool = False
    held: object = None     # for "hold": set when a request is held
    release: object = None  # for "hold": set by the test to forward it
    if_header: str = ""     # only requests carrying this header (lower-case name)
    seconds: float = 0.0    # for "delay": the pause before forwarding
    header: str = ""        # for "rewrite": the answer header (lower-case name) ...
    value: str = ""         # ... and its new value


class FaultProxy:
    """The proxy, listening on 127.0.0.1 at `port` (`endpoint`), in front of
    127.0.0.1:`upstream_port` (plain HTTP). Serves from a thread until
    `stop` (or the end of a `with` block)."""

    def __init__(self, upstream_port, timeout=120, keep_alive=True):
        self.upstream = (HOST, upstream_port)
        self.timeout = timeout
        self.keep_alive = keep_alive  # False: "Connection: close" after every answer
        self._lock = threading.Lock()
        self._rules = []
        self._counts = {}
        self._log = []
        self._outstanding = {}  # operation -> requests read and not yet answered
        self._most = {}         # operation -> the most ever outstanding together
        self._started = time.monotonic()
        proxy = self

        class Handler(_Handler):
            owner = proxy

        self._server = ThreadingHTTPServer((HOST, 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.endpoint = f"http://{HOST}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"fault-proxy-{self.port}", daemon=True)
        self._thread.start()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.stop()

    def stop(self):
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=10)
        self._server.server_close()

    # Rules.

    def fail(self, operation, status, code, nth=None, message=None, if_header=""):
        """Answer the `nth` request of `operation` (every one when nth is None;
        with `if_header`, only those carrying that header) with `status` and
        an S3 error document of `code`, without forwarding it."""
        self._add(_Rule(operation, nth, "fail", status, code, message or f"injected {status} {code} by the test proxy",
                        if_header=if_header.lower()))

    def corrupt(self, operation, nth=None):
        """Forward the `nth` request of `operation` (every one when nth is None)
        with the middle byte of its body inverted."""
        self._add(_Rule(operation, nth, "corrupt"))

    def lose_answer(self, operation, nth=None, reset=False):
        """Forward the `nth` request of `operation` (every one when nth is None),
        read the server's answer, then close the client's connection without a
        byte of it (a FIN; an RST with `reset`)."""
        self._add(_Rule(operation, nth, "lose", reset=reset))

    def hold(self, operation, nth=None):
        """Hold the `nth` request of `operation` (every one when nth is None)
        until the test calls `release()`, then forward it. Returns the
        threading.Event set once a request is held."""
        rule = _Rule(operation, nth, "hold", held=threading.Event(), release=threading.Event())
        self._add(rule)
        return rule.held

    def delay(self, operation, seconds, nth=None):
        """Forward the `nth` request of `operation` (every one when nth is None)
        `seconds` after its body has arrived."""
        self._add(_Rule(operation, nth, "delay", seconds=seconds))

    def rewrite_answer(self, operation, header, value, nth=None):
        """Forward the `nth` request of `operation` (every one when nth is None)
        and relay the server's answer with its `header` set to `value`."""
        self._add(_Rule(operation, nth, "rewrite", header=header.lower(), value=value))

    def release(self):
        """Lets every held request go on."""
        with self._lock:
            for rule in self._rules:
                if rule.release is not None:
                    rule.release.set()

    def clear(self):
        """No more faults (counts and the log are kept)."""
        with self._lock:
            self._rules.clear()

    def _add(self, rule):
        with self._lock:
            self._rules.append(rule)

    # What happened.

    @property
    def log(self):
        with self._lock:
            return list(self._log)

    def seen(self, operation):
        """The log entries of one operation, in the order they were answered."""
        return [s for s in self.log if s.operation == operation]

    def statuses(self, operation):
        return [s.status for s in self.seen(operation)]

    def outstanding(self, operation):
        """Requests of `operation` read and not yet answered, now."""
        with self._lock:
            return self._outstanding.get(operation, 0)

    def most_at_once(self, operation):
        """The most requests of `operation` ever outstanding at the same time."""
        with self._lock:
            return self._most.get(operation, 0)

    # For the handler.

    def _decide(self, op, headers):
        """Counts the request and returns the rule that applies to it, if any."""
        with self._lock:
            n = self._counts[op] = self._counts.get(op, 0) + 1
            for rule in self._rules:
                if rule.operation == op and (rule.nth is None or rule.nth == n) \
                        and (not rule.if_header or rule.if_header in headers):
                    return rule
            return None

    def _begin(self, op):
        with self._lock:
            now = self._outstanding[op] = self._outstanding.get(op, 0) + 1
            self._most[op] = max(self._most.get(op, 0), now)

    def _end(self, op):
        with self._lock:
            self._outstanding[op] -= 1

    def _record(self, method, path, status, op, headers=None):
        with self._lock:
            self._log.append(Seen(method, path, status, op, round(time.monotonic() - self._started, 3), headers))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real S3 endpoint
    owner = None                   # the FaultProxy (set by a subclass)
    timeout = 120                  # an idle client connection is closed after this

    def _fields(self, body):
        """The request's headers, and the trailer fields of an aws-chunked body
        (after its last, empty chunk: "0\\r\\n", then "name:value" lines)."""
        fields = {k.lower(): v for k, v in self.headers.items()}
        if "aws-chunked" in fields.get("content-encoding", ""):
            end = body.rfind(b"\r\n0\r\n") + 2 if body.find(b"0\r\n") != 0 else 0
            for line in body[end + 3:].decode("latin-1").split("\r\n"):
                if ":" in line:
                    name, value = line.split(":", 1)
                    fields["trailer:" + name.strip().lower()] = value.strip()
        return fields

    def log_message(self, *_):
        pass

    def _handle(self):
        op = operation(self.command, self.path)
        self.owner._begin(op)
        try:
            self._serve(op)
        finally:
            self.owner._end(op)

    def _serve(self, op):
        proxy = self.owner
        method, target = self.command, self.path
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self._answer_error(501, "NotImplemented", "the test proxy wants a Content-Length", b"")
            proxy._record(method, target, 501, op)
            self.close_connection = True
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if len(body) != length:
            self.close_connection = True
            return
        rule = proxy._decide(op, {name.lower() for name in self.headers.keys()})
        if rule and rule.action == "fail":
            self._answer_error(rule.status, rule.code, rule.message, target)
            proxy._record(method, target, rule.status, op, self._fields(body))
            return

        fields = self._fields(body)  # as sent, before any byte is altered
        if rule and rule.action == "corrupt" and body:
            middle = len(body) // 2
            body = body[:middle] + bytes([body[middle] ^ 0xFF]) + body[middle + 1:]
        if rule and rule.action == "hold":
            rule.held.set()
            rule.release.wait(proxy.timeout)
        if rule and rule.action == "delay":
            time.sleep(rule.seconds)

        try:
            status, reason, headers, answer = self._forward(method, target, body)
        except (OSError, http.client.HTTPException) as e:
            self._answer_error(502, "BadGateway", f"test proxy: upstream failed: {e}", target)
            proxy._record(method, target, 502, op)
            return

        if rule and rule.action == "lose":
            proxy._record(method, target, None, op)
            self.close_connection = True
            if rule.reset:  # closed now, with no FIN first (as shutdown_request would send)
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
            return

        self._start_answer(status, reason)
        bodiless = method == "HEAD" or status in (204, 304) or 100 <= status < 200
        if rule and rule.action == "rewrite":
            headers = [(n, v) for n, v in headers if n.lower() != rule.header] + [(rule.header, rule.value)]
        for name, value in headers:
            lower = name.lower()
            if lower in _HOP_BY_HOP or (lower == "content-length" and not bodiless):
                continue
            self.send_header(name, value)
        if not bodiless:
            self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        if not bodiless:
            self.wfile.write(answer)
        self.wfile.flush()
        proxy._record(method, target, status, op, fields)

    def _start_answer(self, status, reason=None):
        self.send_response_only(status, reason)
        if not self.owner.keep_alive:
            self.send_header("Connection", "close")
            self.close_connection = True

    def _forward(self, method, target, body):
        conn = http.client.HTTPConnection(*self.owner.upstream, timeout=self.owner.timeout)
        try:
            conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            for name, value in self.headers.items():  # in order, as received
                conn.putheader(name, value)
            conn.endheaders(body if body else None)
            response = conn.getresponse()
            answer = response.read()
            return response.status, response.reason, response.getheaders(), answer
        finally:
            conn.close()

    def _answer_error(self, status, code, message, resource):
        document = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                    f"<Error><Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
                    f"<Resource>{escape(str(resource))}</Resource><RequestId>fault-proxy</RequestId></Error>").encode()
        self._start_answer(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", "0" if self.command == "HEAD" else str(len(document)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(document)
        self.wfile.flush()

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = _handle
