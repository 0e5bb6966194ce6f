"""What a read sends back: object headers, conditional requests, byte ranges.

S3 API reference, GetObject: If-Match / If-Unmodified-Since failing is 412, and
If-None-Match / If-Modified-Since failing is 304, with RFC 7232's precedence
(If-Match true wins over If-Unmodified-Since; If-None-Match false with
If-Modified-Since true is 304). A Range S3 cannot satisfy is 416 InvalidRange;
one it cannot parse is ignored and the whole object is sent.
"""

from __future__ import annotations

from ... import values
from ...errors import ErrorCode, S3Error
from ...model.versions import ObjectVersion
from ...values import http_date
from ..request import S3Request


def object_headers(version: ObjectVersion, extra: dict[str, str]) -> dict[str, str]:
    headers = {
        "Last-Modified": http_date(version.last_modified),
        "ETag": version.etag,
        "Content-Type": version.content_type,
        "Accept-Ranges": "bytes",
        **extra,  # version id, lock, and the write options (option_headers.read_headers)
    }
    for name, value in version.headers:
        headers[name.title()] = value
    for name, value in version.metadata.items():
        headers[f"x-amz-meta-{name}"] = value
    return headers


def etag_matches(condition: str, etag: str) -> bool:
    """Whether an If-Match / If-None-Match value (``*``, or ETags quoted or not, comma
    separated) names ``etag``."""
    wanted = {tag.strip() for tag in condition.split(",")}
    return "*" in wanted or etag in wanted or etag.strip('"') in wanted


def failed_condition(version: ObjectVersion, request: S3Request) -> tuple[int, str] | None:
    """(412 or 304, the header that failed) when a read's conditions fail, else None."""
    headers = request.headers
    modified = version.last_modified.replace(microsecond=0)
    if_match = headers.get("if-match")
    if if_match is not None:
        if not etag_matches(if_match, version.etag):
            return 412, "If-Match"
    else:
        since = values.timestamp(headers.get("if-unmodified-since"))
        if since is not None and modified > since:
            return 412, "If-Unmodified-Since"
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        if etag_matches(if_none_match, version.etag):
            return 304, "If-None-Match"
    else:
        since = values.timestamp(headers.get("if-modified-since"))
        if since is not None and modified <= since:
            return 304, "If-Modified-Since"
    return None


def requested_range(version: ObjectVersion, value: str | None) -> tuple[int, int] | None:
    """The inclusive byte window a Range header asks for, or None for the whole object."""
    asked = values.byte_range(value)
    if asked is None or value is None:
        return None
    size = version.size
    first, last = asked
    if first is None:
        length = last or 0
        if length == 0:
            raise _unsatisfiable(value, size)
        return max(size - length, 0), size - 1
    if last is not None and last < first:
        return None  # not a valid range: S3 sends the whole object
    if first >= size:
        raise _unsatisfiable(value, size)
    return first, (size - 1 if last is None else min(last, size - 1))


def _unsatisfiable(value: str, size: int) -> S3Error:
    return S3Error(ErrorCode.INVALID_RANGE, RangeRequested=value, ActualObjectSize=str(size))
