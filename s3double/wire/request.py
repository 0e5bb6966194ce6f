"""S3Request from botocore's prepared request: URL, headers, body.

Where the bucket and key are in the URL is ``location``'s business. Bodies sent with
``Content-Encoding: aws-chunked`` (botocore's default for PutObject over HTTPS,
with a trailing checksum) are decoded and their trailers become headers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from .. import values
from ..errors import ErrorCode, Message, S3Error
from ..operations.catalogue import OPERATIONS
from ..operations.declaration import Shaped
from ..operations.request import DEFAULT_REGION, KeyFaults, S3Request
from .location import locate
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
    """Unwrap an aws-chunked body: ``hex-size[;ext]\\r\\n data \\r\\n ... 0\\r\\n trailers \\r\\n``.

    Any break in the framing (a size that is not hexadecimal, data not followed by
    CRLF, a body that ends early, trailers not closed by an empty line) is S3's
    IncompleteBody, at once: a size is read only as hexadecimal digits, so no size
    moves the reader backwards (see tests/data/aws/facts-hostile-input.md, 1)."""
    chunks = []
    position = 0
    while True:
        line_end = data.find(b"\r\n", position)
        size = None
        if line_end >= 0:
            size = values.hex_number(_text(data[position:line_end].split(b";", 1)[0]).strip())
        if size is None or line_end + 2 + size > len(data):  # no prompt 400 is a hang
            raise _bad_framing()
        position = line_end + 2
        if size == 0:
            break
        if data[position + size : position + size + 2] != b"\r\n":
            raise _bad_framing()
        chunks.append(data[position : position + size])
        position += size + 2
    return b"".join(chunks), _trailers(data[position:])


def _trailers(section: bytes) -> dict[str, str]:
    """``name:value\\r\\n`` lines, closed by an empty line."""
    if section != b"\r\n" and not section.endswith(b"\r\n\r\n"):
        raise _bad_framing()
    trailers = {}
    for line in section[:-4].split(b"\r\n") if section != b"\r\n" else ():
        name, sep, value = line.partition(b":")
        if not sep:
            raise _bad_framing()
        trailers[_text(name).strip().lower()] = _text(value).strip()
    return trailers


def _bad_framing() -> S3Error:
    return S3Error(ErrorCode.INCOMPLETE_BODY, Message.BODY_ENDED_UNEXPECTEDLY)


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
    key_faults: KeyFaults | None = None, key_hint: str | None = None,
) -> S3Request:
    """The S3Request a botocore ``AWSPreparedRequest`` carries; the hints are the
    client's ``Bucket`` and ``Key`` parameters (see ``location``)."""
    bucket, key, query_string = locate(prepared.url, bucket_hint, key_hint)
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
