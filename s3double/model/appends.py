"""Appending to an object in a directory bucket (PutObject with a write offset).

S3 API reference, PutObject, ``x-amz-write-offset-bytes``: the offset must equal the
size of the existing object; with no object, offset 0 creates one. S3 user guide,
"Appending data to objects in directory buckets": each successful append adds a part
to the object, an object holds at most 10,000 parts (those of the multipart upload
that made it count too), and one more is refused with TooManyParts.

PutObject's error list adds two InvalidRequest cases: an empty body, and
user-defined metadata on an append to an existing object. An append keeps the
object's content type and metadata and takes a new ETag and last-modified time.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
from collections.abc import Mapping

from .bucket import Bucket
from .object_options import ObjectOptions
from .versions import _NO_METADATA, Checksum, ObjectVersion, random_etag

MAX_PARTS = 10_000


class AppendRefusal(enum.Enum):
    EMPTY_BODY = "empty-body"
    WRONG_OFFSET = "wrong-offset"  # the offset is not the object's size
    METADATA = "metadata"  # user-defined metadata on an append to an existing object
    TOO_MANY_PARTS = "too-many-parts"


@dataclasses.dataclass(frozen=True, slots=True)
class AppendRefused:
    reason: AppendRefusal
    size: int  # the object's size when the append was refused


def append(
    bucket: Bucket,
    key: str,
    data: bytes,
    *,
    offset: int,
    now: _dt.datetime,
    checksum: Checksum | None = None,
    content_type: str = "binary/octet-stream",
    metadata: Mapping[str, str] = _NO_METADATA,
    headers: tuple[tuple[str, str], ...] = (),
) -> ObjectVersion | AppendRefused:
    """Add ``data`` at ``offset``: the grown object, or why S3 refuses the append.

    ``checksum`` is the grown object's checksum (the operation computes it); the
    content type, metadata and headers apply when the append creates the object."""
    current = bucket.current(key)
    existing = current if isinstance(current, ObjectVersion) else None
    size = existing.size if existing is not None else 0
    if not data:
        return AppendRefused(AppendRefusal.EMPTY_BODY, size)
    if offset != size:
        return AppendRefused(AppendRefusal.WRONG_OFFSET, size)
    if existing is None:
        return bucket.put(key, data, now=now, checksum=checksum, content_type=content_type,
                          metadata=metadata, headers=headers)
    if metadata:
        return AppendRefused(AppendRefusal.METADATA, size)
    if existing.parts >= MAX_PARTS:
        return AppendRefused(AppendRefusal.TOO_MANY_PARTS, size)
    grown = dataclasses.replace(
        existing, body=existing.body + data, etag=random_etag(), last_modified=now,
        checksum=checksum, parts=existing.parts + 1, options=_one_more_part(existing, len(data)),
    )
    bucket.update(grown)
    return grown


def _one_more_part(existing: ObjectVersion, size: int) -> ObjectOptions | None:
    """The options of the grown object: a multipart upload's object keeps its part
    sizes (GetObject's partNumber), the append being one more part."""
    options = existing.options
    if options is None or not options.part_sizes:
        return options
    return dataclasses.replace(options, part_sizes=(*options.part_sizes, size))
