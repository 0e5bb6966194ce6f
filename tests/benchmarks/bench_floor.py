"""The floor, and the backends a row is timed on (used by ``bench_s3double.py``).

The floor is what no in-process double can go below: botocore's own serialize,
checksum and parse cost. It is a client whose ``before-send`` handler returns the
exact status, headers and body s3double sent for the same request, captured once
and replayed. The floor client is unsigned (``signature_version=UNSIGNED``), as
s3double's requests are, and it is timed with no double active, so s3double does
no work for it. moto, when asked for and importable, is a third backend.
"""

from __future__ import annotations

import contextlib
import gc
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
import botocore
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.response import StreamingBody

import s3double
from s3double.wire import hook

REGION = "us-east-1"


class _Body(io.BytesIO):
    """A raw response stream botocore can read (``read`` and ``stream``)."""

    def stream(self, amt: Any = None, decode_content: Any = None) -> Iterator[bytes]:
        data = self.read()
        if data:
            yield data


@dataclass(frozen=True)
class Exchange:
    """One request s3double served and the exact response it sent."""

    method: str
    url: str
    body: bytes
    status: int
    headers: dict[str, str]
    content: bytes


@dataclass
class Capture:
    """Records, on one client, each request and the raw response botocore received."""

    exchanges: list[Exchange] = field(default_factory=list)
    _pending: list[tuple[str, str, bytes]] = field(default_factory=list)

    def attach(self, client: Any) -> None:
        client.meta.events.register_last("before-send.s3", self._request)
        client.meta.events.register("after-call.s3", self._response)

    def _request(self, request: Any, **_: Any) -> None:
        self._pending.append((request.method, request.url, _bytes(request.body)))

    def _response(self, http_response: Any, parsed: Any, model: Any, **_: Any) -> None:
        method, url, body = self._pending[-1]  # the last attempt is the one answered
        self._pending.clear()
        if model.has_streaming_output and isinstance(parsed.get("Body"), StreamingBody):
            content = parsed["Body"].read()  # read it here, and give the caller a fresh one
            parsed["Body"] = StreamingBody(io.BytesIO(content), len(content))
        else:
            content = http_response.content
        self.exchanges.append(Exchange(method, url, body, http_response.status_code,
                                       dict(http_response.headers), content))


def _bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if hasattr(body, "read"):  # a seekable stream (at its start before sending): read, rewind
        data = body.read()
        body.seek(0)
        return data if isinstance(data, bytes) else data.encode()
    return str(body).encode()


class Replay:
    """A floor client's ``before-send``: the captured responses, in turn."""

    def __init__(self, exchanges: list[Exchange]) -> None:
        self.exchanges = exchanges
        self.turn = 0
        self.requests: list[tuple[str, str, bytes]] = []  # what the floor was asked
        self.keep_requests = False
        self.answered_while_a_double_was_active = 0

    def __call__(self, request: Any, **_: Any) -> AWSResponse:
        exchange = self.exchanges[self.turn % len(self.exchanges)]
        self.turn += 1
        if self.keep_requests:
            self.requests.append((request.method, request.url, _bytes(request.body)))
            self.answered_while_a_double_was_active += hook.active() is not None
        return AWSResponse(request.url, exchange.status, exchange.headers, _Body(exchange.content))


def unsigned_client(session: boto3.session.Session) -> Any:
    return session.client("s3", region_name=REGION, config=Config(signature_version=botocore.UNSIGNED))


def floor_client(session: boto3.session.Session, exchanges: list[Exchange]) -> tuple[Any, Replay]:
    """An unsigned client answered by replaying ``exchanges``; made with no double active."""
    assert hook.active() is None, "the floor client is made with no double active"
    client = unsigned_client(session)
    replay = Replay(exchanges)
    client.meta.events.register_first("before-send.s3", replay)
    return client, replay


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Move everything made so far out of the collector's sight (``gc.freeze``) and
    leave the collector on, as in a user's process: a collection during a timed call
    then costs what that call's own garbage costs. (Turning the collector off and
    collecting between repetitions instead frees a repetition's garbage at once, and
    the first rows after it pay page faults for fresh memory, up to twice their time.)"""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def inactive(double: s3double.S3Double) -> Iterator[None]:
    """Leave ``double`` inactive for a moment, keeping its store (``start`` would empty it)."""
    hook.deactivate(double)
    try:
        yield
    finally:
        hook.activate(double)


class Moto:
    """moto 5.x as an optional backend, with a client of its own; every other client
    is ``detach``-ed from it."""

    def __init__(self) -> None:
        import moto  # noqa: F401 - the handler joins botocore's list here
        from moto import mock_aws

        self.mock = mock_aws()
        self.mock.start()
        self.client = boto3.session.Session().client("s3", region_name=REGION)
        self._own(self.client)

    def _own(self, client: Any) -> None:
        """Make ``client`` moto's alone, though a double is active beside it: s3double
        lets the innermost mock answer (a double entered after moto switches moto's
        stubber off), so the benchmark takes s3double's handlers off moto's client and
        switches moto back on for each of its requests."""
        from moto.core.models import botocore_stubber

        from s3double.wire import hook

        for event, handler, _ in hook.HANDLERS:
            client.meta.events.unregister(event, handler)

        def moto_serves(**_: Any) -> None:
            botocore_stubber.enabled = True

        client.meta.events.register_first("before-send", moto_serves)

    def detach(self, client: Any) -> None:
        """Take moto's handler off a client that moto must never serve (a client made
        after ``import moto`` carries it, and moto would then do its own work on every
        request that client sends, whoever answers it)."""
        from moto.core.models import botocore_stubber

        client.meta.events.unregister("before-send", botocore_stubber)

    def backend(self) -> Any:
        """moto's in-memory S3 (its internal API), for seeding without HTTP."""
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.s3.models import s3_backends

        return s3_backends[DEFAULT_ACCOUNT_ID]["aws"]

    def put_objects(self, bucket: str, keys: list[str], body: bytes = b"x") -> None:
        backend = self.backend()
        for key in keys:
            backend.put_object(bucket, key, body)

    def stop(self) -> None:
        self.mock.stop()


def load_moto() -> Moto | None:
    try:
        return Moto()
    except ImportError:
        return None


Call = Callable[[Any], Any]
