"""The other front door: S3 over HTTP, for every client that is not botocore in this
process (the AWS CLI in a subprocess, the Java, Kotlin, JS, Go SDKs, MinIO's, curl).

Standard library only: a ``ThreadingHTTPServer`` (one daemon thread per connection,
HTTP/1.1 keep-alive, TCP_NODELAY) that reads the request (``Content-Length``,
``Transfer-Encoding: chunked``, ``Expect: 100-continue``), finds bucket and key
(``addressing``), names the operation from the URL (``routing``), and answers it
through ``serve.respond``, exactly as the in-process hook does: same operations, same
model, same call record. Signatures are accepted as sent unless the server was given
``credentials``; then SigV4 is checked (``signature``).

    server = S3Server(S3Double()).start()
    boto3.client("s3", endpoint_url=server.endpoint_url, ...)
    server.close()
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import traceback
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from ..errors import ErrorCode, S3Error
from ..operations.request import S3Request
from . import sts
from .addressing import Location, locate, signing_region
from .render import Rendered, render_error
from .request import request_from_parts
from .routing import route
from .serve import respond
from .serving import Serving
from .signature import verify

# Connection-level headers no operation models: dropped before the 501 check.
_HOP_BY_HOP = frozenset({"keep-alive", "te", "proxy-connection", "upgrade", "trailer"})
# Object uploads S3 refuses without a length (411 MissingContentLength).
_NEEDS_LENGTH = frozenset({"PutObject", "UploadPart"})
_NO_BODY_STATUSES = frozenset({204, 304})


def _unrouted_error(method: str) -> S3Error:
    """405 for a method S3 has no operation with; 400 for a URL that names none."""
    if method not in ("GET", "PUT", "POST", "DELETE", "HEAD"):
        return S3Error(ErrorCode.METHOD_NOT_ALLOWED)
    return S3Error(ErrorCode.INVALID_REQUEST)


class S3App:
    """Answers one HTTP request from a double: addressing, routing, signature, operation."""

    def __init__(
        self, double: Serving, credentials: Mapping[str, str] | None, base_hosts: Iterable[str]
    ) -> None:
        self.double = double
        self.credentials = dict(credentials) if credentials is not None else None
        self.base_hosts = tuple(host.lower() for host in base_hosts)

    def answer(
        self, method: str, target: str, headers: dict[str, str], body: bytes, length_known: bool
    ) -> Rendered:
        """(status, headers, body) for one request; ``headers`` have lower-case names."""
        location = locate(target, headers.get("host", ""), self.base_hosts)
        if sts.is_caller_identity_call(method, location.bucket, headers, body):
            return sts.identity_response(self.double.store.account_id, f"http://{location.host}/")
        query = dict(parse_qsl(location.query, keep_blank_values=True))
        operation = route(method, location.bucket, location.key, query, headers, location.host)
        if operation is None:
            return render_error(_unrouted_error(method), method)

        def build() -> S3Request:
            if self.credentials is not None:
                verify(
                    method, target, headers, self.credentials, datetime.now(timezone.utc),
                    location.resource,
                )
            if operation in _NEEDS_LENGTH and not length_known:
                raise S3Error(ErrorCode.MISSING_CONTENT_LENGTH)
            return self._request(operation, method, location, target, headers, body)

        return respond(self.double, operation, method, build)

    def _request(
        self, operation: str, method: str, location: Location, target: str,
        headers: dict[str, str], body: bytes,
    ) -> S3Request:
        region = signing_region(headers.get("authorization"), _raw_query(target))
        sent = {name: value for name, value in headers.items() if name not in _HOP_BY_HOP}
        return request_from_parts(
            operation, method, location.bucket, location.key, location.query, sent, body,
            region=region, url=f"http://{headers.get('host', 'localhost')}{target}",
            key_faults=self.double.faults,
        )


def _raw_query(target: str) -> dict[str, str]:
    return dict(parse_qsl(target.partition("?")[2], keep_blank_values=True))


class BodyError(Exception):
    """The request's body could not be read as its headers said: answer, then close."""

    def __init__(self, error: S3Error) -> None:
        super().__init__(error.message)
        self.error = error


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.idle_timeout)  # an idle keep-alive connection ends
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log:
            super().log_message(format, *args)

    def _serve(self) -> None:
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            name = name.lower()
            headers[name] = f"{headers[name]},{value}" if name in headers else value
        try:
            body, length_known = self._read_body(headers)
            rendered = self.server.app.answer(self.command, self.path, headers, body, length_known)
        except BodyError as refused:
            self.close_connection = True
            rendered = render_error(refused.error, self.command)
        except Exception:  # a bug in s3double: answer 500, keep serving, let the test see it
            self.server.errors.append(traceback.format_exc())
            traceback.print_exc(file=sys.stderr)
            self.close_connection = True
            rendered = render_error(S3Error(ErrorCode.INTERNAL_ERROR), self.command)
        self._send(*rendered)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _serve

    def _read_body(self, headers: Mapping[str, str]) -> tuple[bytes, bool]:
        """The body and whether its length was given (Content-Length or chunked)."""
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return self._read_chunked(), True
        declared = headers.get("content-length")
        if declared is None:
            return b"", False
        if not declared.strip().isdigit():
            raise BodyError(S3Error(ErrorCode.INVALID_ARGUMENT, ArgumentName="Content-Length"))
        length = int(declared)
        body = self.rfile.read(length) if length else b""
        if len(body) != length:
            raise BodyError(S3Error(ErrorCode.INCOMPLETE_BODY))
        return body, True

    def _read_chunked(self) -> bytes:
        """``Transfer-Encoding: chunked``: ``hex-size[;ext]\\r\\n data\\r\\n ... 0\\r\\n trailers\\r\\n``."""
        chunks = []
        while True:
            line = self.rfile.readline(65537)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise BodyError(S3Error(ErrorCode.INCOMPLETE_BODY)) from None
            if size == 0:
                break
            chunk = self.rfile.read(size)
            if len(chunk) != size or self.rfile.readline(3) not in (b"\r\n", b"\n"):
                raise BodyError(S3Error(ErrorCode.INCOMPLETE_BODY))
            chunks.append(chunk)
        while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
            pass  # trailers of the HTTP framing: none that S3 reads
        return b"".join(chunks)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response_only(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and status not in _NO_BODY_STATUSES and body:
            self.wfile.write(body)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: S3App, idle_timeout: float, log: bool) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.app = app
        self.idle_timeout = idle_timeout
        self.log = log
        self.errors: list[str] = []
        self._open: dict[socket.socket, threading.Thread] = {}
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open[request] = threading.current_thread()
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._open_lock:
                self._open.pop(request, None)

    def close_connections(self, timeout: float) -> None:
        """End every open connection (idle keep-alives too) and wait for its thread."""
        with self._open_lock:
            open_now = list(self._open.items())
        for connection, _thread in open_now:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)
        for _connection, thread in open_now:
            thread.join(timeout)


class S3Server:
    """S3 over HTTP on ``host:port`` (port 0: a free one), served from ``double``.

    ``credentials`` (access key id -> secret key) turns on SigV4 checking: a request
    signed with another key or secret is refused as S3 refuses it. ``base_hosts`` adds
    host names under which ``<bucket>.<base>`` is virtual-hosted style.
    """

    def __init__(
        self,
        double: Serving,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        credentials: Mapping[str, str] | None = None,
        base_hosts: Iterable[str] = (),
        idle_timeout: float = 60.0,
        log: bool = False,
    ) -> None:
        self.double = double
        app = S3App(double, credentials, base_hosts)
        self._http = _HTTPServer((host, port), app, idle_timeout, log)
        self._thread: threading.Thread | None = None
        self._serving = False
        self._closed = False

    @property
    def host(self) -> str:
        return str(self._http.server_address[0])

    @property
    def port(self) -> int:
        return int(self._http.server_address[1])

    @property
    def endpoint_url(self) -> str:
        host = self.host
        if host in ("0.0.0.0", ""):
            host = "127.0.0.1"
        elif host == "::":
            host = "::1"
        return f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"

    @property
    def store(self) -> Any:
        """The double's model (``double.store``): seed and inspect it."""
        return self.double.store

    @property
    def calls(self) -> Any:
        """The double's call record (``double.calls``)."""
        return self.double.calls

    @property
    def faults(self) -> Any:
        """The double's fault plan (``double.faults``)."""
        return self.double.faults

    @property
    def errors(self) -> list[str]:
        """Tracebacks of requests that failed inside s3double (answered 500 InternalError)."""
        return self._http.errors

    def start(self) -> S3Server:
        """Serve in a daemon thread; returns at once."""
        if self._thread is None:
            self._serving = True
            self._thread = threading.Thread(
                target=self._http.serve_forever, kwargs={"poll_interval": 0.1},
                name=f"s3double-server-{self.port}", daemon=True,
            )
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until ``shutdown()`` from another (or KeyboardInterrupt)."""
        self._serving = True
        try:
            self._http.serve_forever(poll_interval=0.1)
        finally:
            self._serving = False

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop accepting, close the listening socket and every open connection."""
        if self._closed:
            return
        self._closed = True
        if self._serving:
            self._http.shutdown()
        if self._thread is not None:
            self._thread.join(timeout)
        self._http.server_close()
        self._http.close_connections(timeout)

    close = shutdown

    def __enter__(self) -> S3Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
