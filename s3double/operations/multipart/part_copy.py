"""UploadPartCopy: a part of a multipart upload made from another object's bytes, or a
range of them.

S3's answers (tests/data/aws/facts-copy-multipart.md sections 1 and 2): the source and
its ``x-amz-copy-source-if-*`` conditions are read as CopyObject reads them
(``common.copy_source``); ``x-amz-copy-source-range`` is ``bytes=first-last``, both
offsets given, first <= last; a last offset past the source is 400 InvalidArgument, a
first one past it 400 InvalidRequest. Without a range the whole source is the part. The
part's ETag is the MD5 of its bytes, answered in ``CopyPartResult`` with the time of
the copy; a part number used again replaces the earlier part, as UploadPart's does.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.store import Store
from ...model.uploads import MultipartUpload
from ...model.versions import Checksum
from ..common.authorization import authorize
from ..common.copy_source import COPY_SOURCE, SOURCE_CONDITIONS, read_source
from ..common.integrity import checksum_of
from ..common.lookup import existing_bucket, object_key
from ..common.parts import part_number
from ..declaration import operation
from ..request import S3Request
from .uploads import upload_named

COPY_SOURCE_RANGE = "x-amz-copy-source-range"
_RANGE = re.compile(r"bytes=([0-9]+)-([0-9]+)")


@operation(
    "UploadPartCopy",
    headers=(COPY_SOURCE, COPY_SOURCE_RANGE, *SOURCE_CONDITIONS),
    query={"partNumber", "uploadId"},
)
def upload_part_copy(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = existing_bucket(store, request)
    key = object_key(request)
    authorize(store, bucket, request, "s3:PutObject", key)
    upload = upload_named(bucket, key, request)
    number = part_number(request)
    source = read_source(store, request)
    body = source.version.body
    window = copy_range(request.headers.get(COPY_SOURCE_RANGE), len(body))
    if window is not None:
        body = body[window[0] : window[1] + 1]
    checksum = _part_checksum(upload, body)
    part = upload.upload_part(number, body, now=store.now(), checksum=checksum)
    result: dict[str, Any] = {"ETag": part.etag, "LastModified": part.last_modified}
    if checksum is not None:
        result[f"Checksum{checksum.algorithm}"] = checksum.value
    return {
        "CopyPartResult": result,
        "CopySourceVersionId": source.version_headers().get("x-amz-copy-source-version-id"),
        "ServerSideEncryption": "AES256",
    }


def copy_range(value: str | None, size: int) -> tuple[int, int] | None:
    """The inclusive byte offsets ``x-amz-copy-source-range`` names in a source of
    ``size`` bytes; None without the header. Unlike a GetObject Range, suffixes,
    open ends and lists are refused (facts-copy-multipart.md 1.2)."""
    if value is None:
        return None
    match = _RANGE.fullmatch(value)
    if match is None or int(match.group(1)) > int(match.group(2)):
        raise invalid_argument(Message.COPY_SOURCE_RANGE_FORMAT, COPY_SOURCE_RANGE, value)
    first, last = int(match.group(1)), int(match.group(2))
    if first >= size:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.COPY_RANGE_INVALID)
    if last >= size:
        raise invalid_argument(
            Message.COPY_RANGE_PAST_SIZE.format(size=size), COPY_SOURCE_RANGE, value
        )
    return first, last


def _part_checksum(upload: MultipartUpload, body: bytes) -> Checksum | None:
    """An upload created with a checksum algorithm keeps each part's checksum: S3
    computes the copied part's (S3 API reference, UploadPartCopy, ``CopyPartResult``)."""
    algorithm = upload.checksum_algorithm
    return Checksum(algorithm, checksum_of(algorithm, body)) if algorithm is not None else None
