"""The registry of served S3 operations, and what each one accepts.

``@operation("DeleteObjects", headers=..., query=...)`` registers a handler under
S3's API name. A handler takes ``(store, request)`` and returns a result value
that the wire layer renders. The declared headers and query parameters are the
ones the handler models; any other one in a request is refused with 501
NotImplemented naming it, so nothing is silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import ErrorCode, S3Error, not_implemented
from ..model.bucket import Bucket
from ..model.store import Store
from .request import S3Request
from .zonal import check_directory_request

Handler = Callable[[Store, S3Request], Any]

# Sent by botocore on every request, or transport-level: nothing for a handler to model.
COMMON_HEADERS = frozenset(
    {
        "host", "user-agent", "authorization", "x-amz-date", "x-amz-content-sha256",
        "x-amz-security-token", "amz-sdk-invocation-id", "amz-sdk-request", "content-length",
        "expect", "accept", "accept-encoding", "connection", "transfer-encoding", "x-amz-trailer",
        "x-amz-decoded-content-length", "x-amz-expected-bucket-owner", "x-amz-user-agent",
        "date", "content-type",
        "x-amz-s3session-token",  # S3 Express zonal requests: checked by zonal.py
    }
)
# Integrity headers are checked wherever a body arrives.
INTEGRITY_HEADERS = frozenset(
    {
        "content-md5", "x-amz-sdk-checksum-algorithm", "x-amz-checksum-crc32",
        "x-amz-checksum-crc32c", "x-amz-checksum-crc64nvme", "x-amz-checksum-sha1",
        "x-amz-checksum-sha256",
    }
)


@dataclass(frozen=True, slots=True)
class Operation:
    name: str
    handler: Handler
    headers: frozenset[str]
    header_prefixes: tuple[str, ...]
    query: frozenset[str]

    def check_supported(self, request: S3Request) -> None:
        """501 NotImplemented for the first header or query parameter not modelled."""
        for name in request.headers:
            if name in COMMON_HEADERS or name in INTEGRITY_HEADERS or name in self.headers:
                continue
            if self.header_prefixes and name.startswith(self.header_prefixes):
                continue
            raise not_implemented(name)
        for name in request.query:
            if name not in self.query:
                raise not_implemented(name, "query parameter")


OPERATIONS: dict[str, Operation] = {}


def operation(
    name: str,
    *,
    headers: Iterable[str] = (),
    header_prefixes: Iterable[str] = (),
    query: Iterable[str] = (),
) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        OPERATIONS[name] = Operation(
            name, handler, frozenset(headers), tuple(header_prefixes), frozenset(query)
        )
        return handler

    return register


def run(store: Store, request: S3Request) -> Any:
    """Serve one request: refuse what is not modelled, then run the handler under the
    store's lock."""
    op = OPERATIONS.get(request.operation)
    if op is None:
        raise S3Error(
            ErrorCode.NOT_IMPLEMENTED,
            f"s3double does not implement the S3 operation {request.operation} yet",
        )
    op.check_supported(request)
    expected_owner = request.headers.get("x-amz-expected-bucket-owner")
    with store.lock:
        check_directory_request(store, request)
        if expected_owner is not None and request.bucket:
            check_expected_owner(store, request.bucket, expected_owner)
        return op.handler(store, request)


def check_expected_owner(store: Store, bucket_name: str, expected: str) -> None:
    """S3 answers 403 when x-amz-expected-bucket-owner is not the bucket's account."""
    bucket = store.bucket(bucket_name)
    if bucket is not None and bucket.owner != expected:
        raise S3Error(ErrorCode.ACCESS_DENIED)


def existing_bucket(store: Store, request: S3Request) -> Bucket:
    """The request's bucket, or S3's 404 NoSuchBucket."""
    name = request.require_bucket()
    bucket = store.bucket(name)
    if bucket is None:
        raise S3Error(ErrorCode.NO_SUCH_BUCKET, BucketName=name)
    return bucket
