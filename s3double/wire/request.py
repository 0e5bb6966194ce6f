"""S3Request from botocore's prepared request: URL, headers, body.

The bucket is in the host (virtual-hosted style) or the first path segment
(path style); the bucket name botocore was given tells which. Bodies sent with
``Content-Encoding: aws-chunked`` (botocore's default for PutObject over HTTPS,
with a trailing checksum) are decoded and their trailers become headers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from .. import values
from ..errors import ErrorCode, S3Error
from ..operations.catalogue import OPERATIONS
from ..operations.declaration import Shaped
from ..operations.request import DEFAULT_REGION, KeyFaults, S3Request
from .readers import READERS
from .shapes import shape_reader


def _text(value: str | bytes) -> str:
    if isinstance(value, str):
        return value
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def read_body(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    if hasattr(body, "read"):
        data = body.read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return b"".join(chunk.encode() if isinstance(chunk, str) else chunk for chunk in body)


def decode_aws_chunked(data: bytes) -> tuple[bytes, dict[str, str]]:
    """Unwrap an aws-chunked body: ``hex-size[;ext]\\r\\n data \\r\\n ... 0\\r\\n trailers \\r\\n``."""
    chunks = []
    position = 0
    while True:
        line_end = data.find(b"\r\n", position)
        size = None
        if line_end >= 0:
            size = values.hex_number(_text(data[position:line_end].split(b";", 1)[0]).strip())
        if size is None or line_end + 2 + size > len(data):  # no prompt 400 is a hang
            raise S3Error(ErrorCode.INCOMPLETE_BODY)
        position = line_end + 2
        if size == 0:
            break
        chunks.append(data[position : position + size])
        position += size + 2
    trailers = {}
    for line in data[position:].split(b"\r\n"):
        name, sep, value = line.partition(b":")
        if sep:
            trailers[_text(name).strip().lower()] = _text(value).strip()
    return b"".join(chunks), trailers


def _split_location(url: str, bucket_hint: str | None) -> tuple[str | None, str | None, str]:
    try:
        parts = urlsplit(url)
    except ValueError:
        raise S3Error(ErrorCode.INVALID_URI, URI=url) from None
    path = unquote(parts.path)
    host = parts.hostname or ""
    if bucket_hint and host.startswith(bucket_hint + "."):
        return bucket_hint, path[1:] or None, parts.query
    trimmed = path[1:]
    if not trimmed:
        return None, None, parts.query
    bucket, slash, key = trimmed.partition("/")
    return bucket, (key if slash and key else None), parts.query


def reader_for(operation: str) -> Callable[[bytes], Any] | None:
    """What reads the operation's body, as its declaration says (``body=``)."""
    declared = OPERATIONS.get(operation)
    if declared is None or declared.body is None:
        return None
    if declared.body is bytes:
        return bytes
    if declared.body is Shaped:
        return shape_reader(operation)
    return READERS[declared.body]


def build_request(
    prepared: Any, operation: str, *, bucket_hint: str | None, region: str | None,
    key_faults: KeyFaults | None = None,
) -> S3Request:
    """The S3Request a botocore ``AWSPreparedRequest`` carries."""
    bucket, key, query_string = _split_location(prepared.url, bucket_hint)
    return request_from_parts(
        operation, prepared.method.upper(), bucket, key, query_string,
        {name.lower(): _text(value) for name, value in prepared.headers.items()},
        read_body(prepared.body), region=region, url=prepared.url, key_faults=key_faults,
    )


def request_from_parts(
    operation: str, method: str, bucket: str | None, key: str | None, query_string: str,
    headers: dict[str, str], body: bytes, *, region: str | None, url: str,
    key_faults: KeyFaults | None = None,
) -> S3Request:
    """The S3Request for a request already taken apart, whichever door it came through:
    lower-case ``headers`` and the raw ``body`` (aws-chunked framing is undone here)."""
    query = dict(parse_qsl(query_string, keep_blank_values=True))
    encoding = headers.get("content-encoding")
    if encoding is not None and "aws-chunked" in encoding:
        body, trailers = decode_aws_chunked(body)
        headers.update(trailers)
        rest = ",".join(part for part in encoding.split(",") if part.strip() != "aws-chunked")
        if rest:
            headers["content-encoding"] = rest
        else:
            del headers["content-encoding"]
        declared = headers.get("x-amz-decoded-content-length")
        if declared is not None and values.whole_number(declared) != len(body):
            raise S3Error(ErrorCode.INCOMPLETE_BODY)
    return S3Request(
        operation=operation,
        method=method,
        bucket=bucket,
        key=key,
        query=query,
        headers=headers,
        body=body,
        region=region if region and region != "aws-global" else DEFAULT_REGION,
        url=url,
        reader=reader_for(operation),
        key_faults=key_faults,
    )
