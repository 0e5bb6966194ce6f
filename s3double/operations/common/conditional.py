"""Condition headers of deletes and aborts, read into typed values.

S3 API reference, DeleteObject: ``If-Match`` (both bucket kinds),
``x-amz-if-match-last-modified-time`` and ``x-amz-if-match-size`` (directory buckets
only; usable together or alone). AbortMultipartUpload: ``x-amz-if-match-initiated-time``
(directory buckets only). botocore sends the times as HTTP dates (RFC 822); a value
that is not a date or a whole number is 400 InvalidArgument naming the header.
"""

from __future__ import annotations

import datetime as _dt

from ...model.conditions import DeleteCondition
from ..request import S3Request

IF_MATCH_LAST_MODIFIED_TIME = "x-amz-if-match-last-modified-time"
IF_MATCH_SIZE = "x-amz-if-match-size"
IF_MATCH_INITIATED_TIME = "x-amz-if-match-initiated-time"
# A failed condition (by its DeleteObjects element) -> DeleteObject's header for it.
CONDITION_HEADERS = {
    "ETag": "If-Match", "LastModifiedTime": IF_MATCH_LAST_MODIFIED_TIME, "Size": IF_MATCH_SIZE,
}


def delete_condition(request: S3Request) -> DeleteCondition | None:
    """DeleteObject's conditions, or None when it has none."""
    headers = request.headers
    if_match = headers.get("if-match")
    modified = headers.get(IF_MATCH_LAST_MODIFIED_TIME)
    size = headers.get(IF_MATCH_SIZE)
    if if_match is None and modified is None and size is None:
        return None
    return DeleteCondition(
        etag=DeleteCondition.for_etag(if_match).etag if if_match is not None else None,
        last_modified=request.time(IF_MATCH_LAST_MODIFIED_TIME),
        size=request.integer(IF_MATCH_SIZE, source="header") if size is not None else None,
    )


def same_second(first: _dt.datetime, second: _dt.datetime) -> bool:
    """Times compare to the second: an HTTP date carries no fraction."""
    return first.replace(microsecond=0) == second.replace(microsecond=0)
