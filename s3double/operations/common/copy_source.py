"""What CopyObject and UploadPartCopy share: the ``x-amz-copy-source`` header, the
version it names, and the ``x-amz-copy-source-if-*`` conditions on that version.

S3's answers (tests/data/aws/facts-copy-multipart.md sections 2 and 3.4,
facts-objects.md section 10): a missing source bucket is 404 NoSuchBucket naming it; a
missing source key 404 NoSuchKey; a delete marker named by version id 400
InvalidRequest; a condition that fails 412 PreconditionFailed whose ``Condition``
names the header in S3's casing (``x-amz-copy-source-If-Match``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from urllib.parse import unquote

from ... import values
from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.bucket import Bucket, VersioningState
from ...model.store import Store
from ...model.versions import NULL_VERSION_ID, ObjectVersion
from ..request import S3Request
from .authorization import authorize
from .lookup import resolve_version
from .reads import etag_matches

COPY_SOURCE = "x-amz-copy-source"
IF_MATCH = "x-amz-copy-source-if-match"
IF_NONE_MATCH = "x-amz-copy-source-if-none-match"
IF_MODIFIED_SINCE = "x-amz-copy-source-if-modified-since"
IF_UNMODIFIED_SINCE = "x-amz-copy-source-if-unmodified-since"
SOURCE_CONDITIONS = (IF_MATCH, IF_NONE_MATCH, IF_MODIFIED_SINCE, IF_UNMODIFIED_SINCE)
SOURCE_VERSION_ID = "x-amz-copy-source-version-id"


@dataclass(frozen=True, slots=True)
class CopySource:
    """``x-amz-copy-source`` read: ``bucket/key[?versionId=id]``."""

    bucket: str
    key: str
    version_id: str | None


@dataclass(frozen=True, slots=True)
class Source:
    """The version a copy reads, and the bucket it lives in."""

    bucket: Bucket
    key: str
    version: ObjectVersion
    named_version: bool  # the request named a version id

    def version_headers(self) -> dict[str, str]:
        """``x-amz-copy-source-version-id``: sent for a source in a bucket that has been
        versioned, unless the version copied is the ``null`` one (facts-objects.md 11)."""
        if (self.bucket.versioning is VersioningState.UNVERSIONED
                or self.version.version_id == NULL_VERSION_ID):
            return {}
        return {SOURCE_VERSION_ID: self.version.version_id}


def parse_copy_source(value: str) -> CopySource:
    """``bucket/key[?versionId=id]``, URL-encoded, an optional leading slash."""
    path, _, query = value.partition("?")
    version_id = None
    if query:
        name, _, version_id = query.partition("=")
        if name != "versionId":
            raise invalid_argument(Message.INVALID_COPY_SOURCE_ENCODING, COPY_SOURCE, value)
    bucket, _, key = unquote(path).lstrip("/").partition("/")
    if not bucket or not key:  # S3 names the header as the value (facts 3.4)
        raise invalid_argument(Message.INVALID_COPY_SOURCE, COPY_SOURCE, COPY_SOURCE)
    return CopySource(bucket, key, unquote(version_id) if version_id is not None else None)


def read_source(store: Store, request: S3Request) -> Source:
    """The version the request's ``x-amz-copy-source`` names, once the caller may read it
    and its ``x-amz-copy-source-if-*`` conditions hold."""
    value = request.headers.get(COPY_SOURCE)
    if not value:
        raise invalid_argument(Message.COPY_SOURCE_REQUIRED, COPY_SOURCE, "")
    named = parse_copy_source(value)
    origin = store.bucket(named.bucket)
    if origin is None:
        raise S3Error(ErrorCode.NO_SUCH_BUCKET, BucketName=named.bucket)
    authorize(store, origin, request, "s3:GetObject", named.key, named.version_id)
    if named.version_id is not None and origin.issued(named.version_id):
        entry = origin.version(named.key, named.version_id)
        if entry is not None and entry.is_delete_marker:
            raise S3Error(ErrorCode.INVALID_REQUEST, Message.COPY_OF_DELETE_MARKER)
    version = resolve_version(origin, named.key, named.version_id, "GET")
    failed = failed_source_condition(version, request, store.now())
    if failed is not None:
        raise S3Error(ErrorCode.PRECONDITION_FAILED, Condition=failed)
    return Source(origin, named.key, version, named.version_id is not None)


def failed_source_condition(
    version: ObjectVersion, request: S3Request, now: _dt.datetime
) -> str | None:
    """The copy-source condition ``version`` fails, by the name S3 gives it, or None.

    S3 API reference, CopyObject and UploadPartCopy (facts-copy-multipart.md 2.2):
    If-Match true wins over If-Unmodified-Since false; If-None-Match is compared before
    If-Modified-Since, which is ignored when If-None-Match is sent (RFC 9110 13.1.3;
    this combination with If-None-Match true is not recorded); If-Modified-Since in the
    future is ignored. ETags match quoted or not. Times compare to the second; a time
    that cannot be read is ignored, as GetObject ignores one.
    """
    headers = request.headers
    modified = version.last_modified.replace(microsecond=0)
    if_match = headers.get(IF_MATCH)
    if if_match is not None:
        if not etag_matches(if_match, version.etag):
            return "x-amz-copy-source-If-Match"
    else:
        since = values.timestamp(headers.get(IF_UNMODIFIED_SINCE))
        if since is not None and modified > since:
            return "x-amz-copy-source-If-Unmodified-Since"
    if_none_match = headers.get(IF_NONE_MATCH)
    if if_none_match is not None:
        if etag_matches(if_none_match, version.etag):
            return "x-amz-copy-source-If-None-Match"
    else:
        since = values.timestamp(headers.get(IF_MODIFIED_SINCE))
        if since is not None and modified <= since <= now:
            return "x-amz-copy-source-If-Modified-Since"
    return None
