"""One declaration per S3 operation: ``@operation(...)`` on its handler.

A declaration names the operation by its S3 API name and says what the handler
models: the headers (and header prefixes) and query parameters it reads, and what its
body is read as. Everything else reads the declaration:

* routing: the HTTP shape (method, path, the query or header markers that select the
  operation) is botocore's S3 service model's for that name (``wire.routing``);
* the 501 check: any other header or query parameter is refused with NotImplemented
  naming it, so nothing is silently ignored (``Operation.check_supported``);
* the body: ``body=`` is the type of the document the handler reads with
  ``request.document()``: ``bytes`` for the raw body, a document type with its own
  reader in the wire layer (``DeleteRequest``), or ``Shaped`` for a document read by
  the operation's botocore input shape;
* the result: a typed result value is written by its renderer; a ``dict`` keyed by
  the botocore output shape's member names is written by that shape, under ``root``,
  with ``status``;
* the README's table of served operations (``catalogue.served_table``).

A handler takes ``(store, request)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import not_implemented
from ..model.store import Store
from .request import S3Request

Handler = Callable[[Store, S3Request], Any]

# Sent by clients on every request, or transport-level: nothing for a handler to model.
COMMON_HEADERS = frozenset(
    {
        "host", "user-agent", "authorization", "x-amz-date", "x-amz-content-sha256",
        "x-amz-security-token", "amz-sdk-invocation-id", "amz-sdk-request", "content-length",
        "expect", "accept", "accept-encoding", "connection", "transfer-encoding", "x-amz-trailer",
        "x-amz-decoded-content-length", "x-amz-expected-bucket-owner", "x-amz-user-agent",
        "date", "content-type",
        "x-amz-s3session-token",  # S3 Express zonal requests: checked by common.zonal
    }
)
# SDKs name the operation in the query (``?x-id=GetObject``): routing, not an argument.
COMMON_QUERY = frozenset({"x-id"})
# Integrity headers are checked wherever a body arrives.
INTEGRITY_HEADERS = frozenset(
    {
        "content-md5", "x-amz-sdk-checksum-algorithm", "x-amz-checksum-crc32",
        "x-amz-checksum-crc32c", "x-amz-checksum-crc64nvme", "x-amz-checksum-sha1",
        "x-amz-checksum-sha256",
    }
)


class Shaped:
    """``body=Shaped``: the body is read by the operation's botocore input shape into a
    dict keyed by member names (``{"TagSet": [{"Key": ..., "Value": ...}]}``)."""


@dataclass(frozen=True, slots=True)
class Operation:
    name: str
    handler: Handler
    headers: frozenset[str]
    header_prefixes: tuple[str, ...]
    query: frozenset[str]
    body: type | None  # what ``request.document()`` returns; None: the body is not read
    root: str | None  # a dict result: the root element of the XML written for it
    group: str  # objects, multipart, buckets, configuration, listing or locking
    status: int  # a dict result's status

    def check_supported(self, headers: Iterable[str], query: Iterable[str]) -> None:
        """501 NotImplemented for the first header or query parameter not modelled."""
        for name in headers:
            if name in COMMON_HEADERS or name in INTEGRITY_HEADERS or name in self.headers:
                continue
            if self.header_prefixes and name.startswith(self.header_prefixes):
                continue
            raise not_implemented(name)
        for name in query:
            if name not in self.query and name not in COMMON_QUERY:
                raise not_implemented(name, "query parameter")


OPERATIONS: dict[str, Operation] = {}


def operation(
    name: str,
    *,
    headers: Iterable[str] = (),
    header_prefixes: Iterable[str] = (),
    query: Iterable[str] = (),
    body: type | None = None,
    root: str | None = None,
    status: int = 200,
) -> Callable[[Handler], Handler]:
    """Declare ``name``, served by the decorated handler (see the module's docstring)."""

    def register(handler: Handler) -> Handler:
        group = handler.__module__.split(".")[-2]
        OPERATIONS[name] = Operation(
            name, handler, frozenset(headers), tuple(header_prefixes), frozenset(query),
            body, root, group, status,
        )
        return handler

    return register
