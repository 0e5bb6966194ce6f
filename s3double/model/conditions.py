"""Conditional deletes: a delete that happens only while the object is as the caller saw it.

S3 API reference, DeleteObject (If-Match, x-amz-if-match-last-modified-time,
x-amz-if-match-size) and DeleteObjects (ETag, LastModifiedTime, Size per object),
added 2024-11-22: conditions are checked against the key's current version; a
mismatch refuses the delete (PreconditionFailed) and the object stays. An ETag
condition on a key with no current object is refused as a missing key; ``*``
matches any existing object. Size and last-modified conditions on a missing key
do not refuse it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .bucket import Bucket
from .outcomes import Refusal
from .versions import ObjectVersion


@dataclass(frozen=True, slots=True)
class DeleteCondition:
    etag: str | None = None  # without quotes, or "*"
    last_modified: _dt.datetime | None = None
    size: int | None = None

    @staticmethod
    def for_etag(value: str) -> DeleteCondition:
        """An If-Match value as botocore sends it, quoted or not."""
        return DeleteCondition(etag=value.strip().strip('"'))


def condition_refusal(bucket: Bucket, key: str, condition: DeleteCondition) -> Refusal | None:
    current = bucket.current(key)
    if not isinstance(current, ObjectVersion):
        return Refusal.NO_SUCH_KEY if condition.etag is not None else None
    return Refusal.PRECONDITION_FAILED if unmet_condition(current, condition) else None


def unmet_condition(current: ObjectVersion, condition: DeleteCondition) -> str | None:
    """The first condition ``current`` fails, by its DeleteObjects element name (``ETag``,
    ``LastModifiedTime``, ``Size``); last-modified times compare to the second, as
    HTTP dates carry them."""
    if condition.etag is not None and condition.etag not in ("*", current.etag.strip('"')):
        return "ETag"
    if condition.last_modified is not None and (
        condition.last_modified.replace(microsecond=0) != current.last_modified.replace(microsecond=0)
    ):
        return "LastModifiedTime"
    if condition.size is not None and condition.size != current.size:
        return "Size"
    return None
