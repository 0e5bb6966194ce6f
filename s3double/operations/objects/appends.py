"""PutObject with ``x-amz-write-offset-bytes``: an append to an object in a directory bucket.

The rules (offset, empty body, metadata, the 10,000-part limit) live in
``model.appends``; this module reads the request and picks S3's answer, with the
messages of the PutObject reference's error list. The response carries the grown
object's size in ``x-amz-object-size`` (PutObject's ``Size``). An append's checksum
is checked as any PutObject's; it must use the object's algorithm ("Checksum Type
mismatch occurred ..."). S3 user guide, "Appending data to objects": with a CRC the
object keeps a full-object checksum; with SHA-1 or SHA-256 only each append's own
checksum is returned, and the object keeps none.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, Message, S3Error
from ...model.appends import AppendRefusal, AppendRefused, append
from ...model.bucket import Bucket
from ...model.store import Store
from ...model.versions import Checksum, ObjectVersion
from ..common.integrity import checksum_of, verify_checksum, verify_content_md5
from ..request import S3Request
from ..results import Empty

WRITE_OFFSET = "x-amz-write-offset-bytes"
OBJECT_SIZE = "x-amz-object-size"
_CRCS = ("CRC32", "CRC32C", "CRC64NVME")
_REFUSALS = {
    AppendRefusal.EMPTY_BODY: (ErrorCode.INVALID_REQUEST, Message.APPEND_EMPTY_BODY),
    AppendRefusal.METADATA: (ErrorCode.INVALID_REQUEST, Message.APPEND_WITH_METADATA),
    AppendRefusal.WRONG_OFFSET: (ErrorCode.INVALID_WRITE_OFFSET, None),
    AppendRefusal.TOO_MANY_PARTS: (ErrorCode.TOO_MANY_PARTS, None),
}


def append_object(
    store: Store, request: S3Request, bucket: Bucket, key: str, fields: dict[str, Any]
) -> Empty:
    offset = request.integer(WRITE_OFFSET, source="header") or 0
    verify_content_md5(request)
    sent = verify_checksum(request)
    current = bucket.current(key)
    existing = current if isinstance(current, ObjectVersion) else None
    _check_algorithm(existing, sent)
    body = (existing.body if existing is not None else b"") + request.body
    outcome = append(
        bucket, key, request.body, offset=offset, now=store.now(),
        checksum=_object_checksum(existing, sent, body), **fields,
    )
    if isinstance(outcome, AppendRefused):
        code, message = _REFUSALS[outcome.reason]
        raise S3Error(code, message)
    headers = {"ETag": outcome.etag, OBJECT_SIZE: str(outcome.size),
               "x-amz-server-side-encryption": "AES256"}
    if sent is not None:
        headers[f"x-amz-checksum-{sent.algorithm.lower()}"] = sent.value
        headers["x-amz-checksum-type"] = sent.type
    return Empty(headers=headers)


def _check_algorithm(existing: ObjectVersion | None, sent: Checksum | None) -> None:
    expected = existing.checksum.algorithm if existing is not None and existing.checksum else None
    if expected is not None and sent is not None and sent.algorithm != expected:
        raise S3Error(
            ErrorCode.INVALID_REQUEST,
            Message.APPEND_CHECKSUM_TYPE_MISMATCH.format(
                expected=expected.lower(), actual=sent.algorithm.lower()
            ),
        )


def _object_checksum(
    existing: ObjectVersion | None, sent: Checksum | None, body: bytes
) -> Checksum | None:
    """The checksum the object keeps once the append is made."""
    if existing is None:
        return sent
    algorithm = sent.algorithm if sent is not None else (
        existing.checksum.algorithm if existing.checksum is not None else None
    )
    if algorithm not in _CRCS:
        return None
    return Checksum(algorithm, checksum_of(algorithm, body))
