"""aiobotocore (and so aioboto3 and s3fs) in-process.

aiobotocore sessions register botocore's ``BUILTIN_HANDLERS`` like any session, so a
client made after ``import s3double`` carries the hook's handlers; its emitter awaits
what a handler returns when that is awaitable. Two things differ from botocore:

* it reads the answer asynchronously: ``await http_response.content``, and for a
  streaming body ``await raw.content.read(n)`` and ``raw.at_eof()``. The hook's answer
  (``answer``) serves both: ``content`` is bytes that can also be awaited, and the raw
  body reads synchronously (botocore's ``StreamingBody``) and asynchronously
  (aiobotocore's);
* a request body may read asynchronously (``AioAwsChunkedWrapper``, for PutObject's
  trailing checksum): the handler then returns a coroutine that reads it first.

A client whose session was made before ``import s3double`` has none of the handlers, so
its requests reach ``AIOHTTPSession.send``, signed. While a double is active that send
serves S3 endpoints by URL (``by_url``) from the same double, stops credential lookups
(instance metadata, container agents) as a read timeout botocore moves past, lets
through what the hook let through (``passthrough``), and refuses everything else. It is
wrapped when aiobotocore is imported and does nothing while no double is active.
"""

from __future__ import annotations

import inspect
import io
from collections.abc import Callable, Generator, Iterator
from typing import Any
from urllib.parse import urlsplit

from botocore.awsrequest import AWSResponse
from botocore.exceptions import ReadTimeoutError

from ..errors import UnservedRequestError
from . import current
from .endpoints import is_s3_url

# Where botocore's credential providers look (EC2 instance metadata, ECS/EKS agents).
CREDENTIAL_HOSTS = ("169.254.169.254", "[fd00:ec2::254]", "fd00:ec2::254", "169.254.170.2", "169.254.170.23")


class AwaitableBytes(bytes):
    """Bytes that ``await`` gives back: botocore uses them as they are, aiobotocore awaits."""

    def __await__(self) -> Generator[Any, None, bytes]:
        yield from ()
        return self


class _AsyncReader:
    """``raw.content`` as aiobotocore reads it (aiohttp's ``StreamReader``)."""

    def __init__(self, body: AnswerBody) -> None:
        self._body = body

    async def read(self, n: int = -1) -> bytes:
        return self._body.read(None if n is None or n < 0 else n)

    def at_eof(self) -> bool:
        return self._body.at_eof()


class AnswerBody:
    """The raw response body, read by botocore (``read``, ``stream``) or aiobotocore
    (``content.read``, ``at_eof``)."""

    def __init__(self, raw: Any, url: str) -> None:
        self._raw = raw
        self.url = url
        self.content = _AsyncReader(self)
        position = raw.tell()
        self._size = raw.seek(0, io.SEEK_END)
        raw.seek(position)

    def read(self, amt: int | None = None) -> bytes:
        return self._raw.read(amt)  # type: ignore[no-any-return]  # a BytesIO

    def stream(self, amt: int | None = None, decode_content: bool | None = None) -> Iterator[bytes]:
        data = self.read()
        if data:
            yield data

    def at_eof(self) -> bool:
        return bool(self._raw.tell() >= self._size)

    def release(self) -> None:
        pass

    async def __aenter__(self) -> _AsyncReader:
        """``async with body as stream``: aiohttp's response, whose ``read`` is awaited."""
        return self.content

    async def __aexit__(self, *exc_info: object) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class AnswerResponse(AWSResponse):  # type: ignore[misc]  # botocore is untyped (Any base)
    """botocore's ``AWSResponse`` whose ``content`` aiobotocore may also await."""

    @property
    def content(self) -> AwaitableBytes:
        content: AwaitableBytes | None = self.__dict__.get("_content")
        if content is None:
            content = self._content = AwaitableBytes(b"".join(self.raw.stream()))
        return content


def awaitable(response: Any) -> AnswerResponse:
    """The hook's answer (a botocore ``AWSResponse``), readable by both libraries."""
    return AnswerResponse(
        response.url, response.status_code, response.headers,
        AnswerBody(response.raw, response.url),
    )


def answer(serve: Callable[..., Any], double: Any, operation: str, request: Any, **hints: Any) -> Any:
    """``serve`` the request: at once, or, when its body reads asynchronously, in a
    coroutine (only aiobotocore sends such a body, and its emitter awaits handlers)."""
    read = getattr(request.body, "read", None)
    if read is None or not inspect.iscoroutinefunction(read):
        return awaitable(serve(double, operation, request, **hints))

    async def later() -> AnswerResponse:
        request.body = await read()
        return awaitable(serve(double, operation, request, **hints))

    return later()


# -- clients made before import s3double: AIOHTTPSession.send ---------------------------------


class CredentialLookupBlocked(ReadTimeoutError, UnservedRequestError):  # type: ignore[misc]  # botocore is untyped (Any base)
    """A credential provider's request, stopped: botocore reads it as "no metadata
    service here" and moves on."""

    fmt = "s3double is active: credential lookup at {endpoint_url} was not sent"


async def _body_bytes(body: Any) -> bytes:
    read = getattr(body, "read", None)
    if read is not None and inspect.iscoroutinefunction(read):
        data = await read()
        return data.encode() if isinstance(data, str) else bytes(data)
    from .request import read_body

    return read_body(body)


def _guarded(send: Callable[..., Any]) -> Callable[..., Any]:
    async def guarded_send(session: Any, request: Any) -> Any:
        double = current.active()
        if double is None or current.allowed(request):
            return await send(session, request)
        host = urlsplit(request.url).hostname or ""
        if host in CREDENTIAL_HOSTS:
            raise CredentialLookupBlocked(endpoint_url=request.url)  # type: ignore[call-arg]  # botocore's __init__(**kwargs)
        if not is_s3_url(request.url):
            raise UnservedRequestError(
                f"s3double is active and serves only S3: {request.method} {request.url} was "
                "stopped before reaching the network."
            )
        from .by_url import serve_url

        status, headers, body = serve_url(
            double, request.method, request.url, dict(request.headers.items()),
            await _body_bytes(request.body),
        )
        return AnswerResponse(request.url, status, headers, AnswerBody(io.BytesIO(body), request.url))

    guarded_send.s3double = True  # type: ignore[attr-defined]
    return guarded_send


def guard_sessions(httpsession: Any) -> None:
    """Wrap ``AIOHTTPSession.send`` (and httpx's, when present) in ``httpsession``."""
    for name in ("AIOHTTPSession",):
        cls = getattr(httpsession, name, None)
        if cls is not None and not getattr(cls.send, "s3double", False):
            cls.send = _guarded(cls.send)
