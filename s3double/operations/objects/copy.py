"""CopyObject: a new version made from another object's (or version's) bytes.

S3's answers (tests/data/aws/facts-copy-multipart.md section 3, facts-objects.md
sections 10 and 11): the metadata directive (COPY by default) keeps the source's
metadata and stored headers, REPLACE takes them from the request; the tagging
directive (COPY by default) keeps the source's tags, REPLACE takes ``x-amz-tagging``
(none without it). A copy onto itself needs a change (REPLACE) unless the source names
a version id: copying an older version onto its own key is how a version is restored,
and makes a new current version.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.bucket import Bucket
from ...model.store import Store
from ...model.tagging import Tag
from ...model.versions import ObjectVersion
from ..common.authorization import authorize
from ..common.copy_source import COPY_SOURCE, SOURCE_CONDITIONS, Source, read_source
from ..common.lookup import (
    SERVER_SIDE_ENCRYPTION,
    STORED_HEADERS,
    existing_bucket,
    new_object_fields,
    object_key,
    version_headers,
)
from ..common.tagging_header import TAGGING, parse_tagging_header
from ..declaration import operation
from ..request import S3Request
from ..results import CopyResult

METADATA_DIRECTIVE = "x-amz-metadata-directive"
TAGGING_DIRECTIVE = "x-amz-tagging-directive"


@operation(
    "CopyObject",
    headers=(COPY_SOURCE, METADATA_DIRECTIVE, TAGGING_DIRECTIVE, TAGGING, *SOURCE_CONDITIONS,
             *STORED_HEADERS),
    header_prefixes=("x-amz-meta-",),
)
def copy_object(store: Store, request: S3Request) -> CopyResult:
    target = existing_bucket(store, request)
    key = object_key(request)
    authorize(store, target, request, "s3:PutObject", key)
    source = read_source(store, request)
    metadata = _directive(request, METADATA_DIRECTIVE, Message.UNKNOWN_METADATA_DIRECTIVE)
    tagging = _directive(request, TAGGING_DIRECTIVE, Message.UNKNOWN_TAGGING_DIRECTIVE)
    if _onto_itself(source, target, key) and metadata == "COPY":
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.COPY_TO_ITSELF)
    version = source.version
    fields = new_object_fields(request) if metadata == "REPLACE" else _kept_fields(version)
    tags = _replaced_tags(request) if tagging == "REPLACE" else version.tags
    copy = target.put(key, version.body, etag=_copied_etag(source, target), now=store.now(),
                      checksum=version.checksum, tags=tags, **fields)
    headers = {**SERVER_SIDE_ENCRYPTION, **version_headers(target, copy.version_id),
               **source.version_headers()}
    checksum = (version.checksum.algorithm, version.checksum.value) if version.checksum else None
    return CopyResult(copy.etag, copy.last_modified, headers, checksum)


def _directive(request: S3Request, header: str, unknown: str) -> str:
    """COPY (the default) or REPLACE; anything else is 400 InvalidArgument (its message
    is not recorded)."""
    directive = (request.headers.get(header) or "COPY").upper()
    if directive not in ("COPY", "REPLACE"):
        raise invalid_argument(unknown, header, directive)
    return directive


def _onto_itself(source: Source, target: Bucket, key: str) -> bool:
    """The copy would rewrite its own source: same bucket and key, no version named
    (naming a version makes it a regular copy, facts-copy-multipart.md 3.2)."""
    return source.bucket is target and source.key == key and not source.named_version


def _kept_fields(version: ObjectVersion) -> dict[str, Any]:
    return {"content_type": version.content_type, "metadata": version.metadata,
            "headers": version.headers}


def _replaced_tags(request: S3Request) -> tuple[Tag, ...]:
    value = request.headers.get(TAGGING)
    return parse_tagging_header(value) if value is not None else ()


def _copied_etag(source: Source, target: Bucket) -> str | None:
    """The source's ETag, or None for a new one: in a directory bucket (random ETags),
    and for a multipart source, since a copy is one part (S3 API reference, Object:
    objects made by Copy have the MD5 of their data as ETag)."""
    if target.is_directory or source.bucket.is_directory or source.version.parts > 1:
        return None
    return source.version.etag
