"""CopyObject: a new version made from another object's (or version's) bytes.

S3's answers (tests/data/aws/facts-copy-multipart.md section 3, facts-objects.md
sections 10 and 11): the metadata directive (COPY by default) keeps the source's
metadata and stored headers, REPLACE takes them from the request; the tagging
directive (COPY by default) keeps the source's tags, REPLACE takes ``x-amz-tagging``
(none without it). A copy onto itself needs a change (REPLACE, or a new storage
class, redirect or encryption) unless the source names a version id: copying an older
version onto its own key is how a version is restored, and makes a new current version.

The copy takes its write options (ACL, encryption, storage class, website redirect)
from the copy request alone, never from the source (facts-storage-class-restore.md
§1.6, facts-copy-multipart.md §3.5); an SSE-C source is read with the
``x-amz-copy-source-server-side-encryption-customer-*`` key and an archived one only
once restored. ``x-amz-checksum-algorithm`` gives the copy a full-object checksum of
that algorithm (facts-copy-multipart.md §3.8).
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.bucket import Bucket
from ...model.object_options import ObjectOptions
from ...model.store import Store
from ...model.tagging import Tag
from ...model.versions import Checksum, ObjectVersion, random_etag
from ..common.authorization import authorize
from ..common.copy_source import COPY_SOURCE, SOURCE_CONDITIONS, Source, read_source
from ..common.integrity import DIGESTS, checksum_of
from ..common.lookup import STORED_HEADERS, existing_bucket, new_object_fields, object_key, version_headers
from ..common.option_headers import check_customer_key, check_readable, encryption_headers, encryption_of
from ..common.tagging_header import TAGGING, parse_tagging_header
from ..common.write_options import (
    COPY_SOURCE_CUSTOMER,
    COPY_SOURCE_CUSTOMER_HEADERS,
    ENCRYPTION_HEADERS,
    REDIRECT,
    STORAGE_CLASS,
    WRITE_OPTION_HEADERS,
    check_metadata_size,
    write_options,
)
from ..declaration import operation
from ..request import S3Request
from ..results import CopyResult

METADATA_DIRECTIVE = "x-amz-metadata-directive"
TAGGING_DIRECTIVE = "x-amz-tagging-directive"
CHECKSUM_ALGORITHM = "x-amz-checksum-algorithm"
# Headers whose presence makes a copy onto itself legal (facts-copy-multipart.md §3.1).
_CHANGING_HEADERS = (STORAGE_CLASS, REDIRECT, *ENCRYPTION_HEADERS)


@operation(
    "CopyObject",
    headers=(
        COPY_SOURCE, METADATA_DIRECTIVE, TAGGING_DIRECTIVE, TAGGING, *SOURCE_CONDITIONS,
        *STORED_HEADERS, *(name for name in WRITE_OPTION_HEADERS if name != TAGGING),
        *COPY_SOURCE_CUSTOMER_HEADERS, CHECKSUM_ALGORITHM,
    ),
    header_prefixes=("x-amz-meta-",),
)
def copy_object(store: Store, request: S3Request) -> CopyResult:
    target = existing_bucket(store, request)
    key = object_key(request)
    authorize(store, target, request, "s3:PutObject", key)
    source = read_source(store, request)
    version = source.version
    check_customer_key(request, version, COPY_SOURCE_CUSTOMER)
    now = store.now()
    check_readable(version, now)
    metadata = _directive(request, METADATA_DIRECTIVE, Message.UNKNOWN_METADATA_DIRECTIVE)
    tagging = _directive(request, TAGGING_DIRECTIVE, Message.UNKNOWN_TAGGING_DIRECTIVE)
    options = write_options(store, target, request)
    checksum = _copy_checksum(request, version)
    if (_onto_itself(source, target, key) and metadata == "COPY"
            and not _changes_object(request, version, options)):
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.COPY_TO_ITSELF)
    if metadata == "REPLACE":
        fields = new_object_fields(request)
        check_metadata_size(fields["metadata"])
    else:
        fields = _kept_fields(version)
    tags = _replaced_tags(request) if tagging == "REPLACE" else version.tags
    copy = target.put(key, version.body, etag=_copy_etag(source, target, options), now=now,
                      checksum=checksum, options=options, tags=tags, **fields)
    headers = {**encryption_headers(encryption_of(options)), **version_headers(target, copy.version_id),
               **source.version_headers()}
    return CopyResult(copy.etag, copy.last_modified, headers,
                      (checksum.algorithm, checksum.value) if checksum else None)


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


def _changes_object(request: S3Request, source: ObjectVersion, options: ObjectOptions | None) -> bool:
    """A copy onto itself must change something: the storage class, the website
    redirect or the encryption given (even unchanged), or the encryption the bucket's
    default now gives (facts-copy-multipart.md §3.1, facts-encryption.md §3.5)."""
    if any(name in request.headers for name in _CHANGING_HEADERS):
        return True
    return encryption_of(options) != encryption_of(source.options)


def _kept_fields(version: ObjectVersion) -> dict[str, Any]:
    return {"content_type": version.content_type, "metadata": version.metadata,
            "headers": version.headers}


def _replaced_tags(request: S3Request) -> tuple[Tag, ...]:
    value = request.headers.get(TAGGING)
    return parse_tagging_header(value) if value is not None else ()


def _copy_etag(source: Source, target: Bucket, options: ObjectOptions | None) -> str | None:
    """The source's ETag, or None for a new one (its MD5): in a directory bucket (random
    ETags), for a multipart source, since a copy is one part (S3 API reference, Object:
    objects made by Copy have the MD5 of their data as ETag), and for an SSE-C source,
    whose ETag is not its MD5; a copy to SSE-C gets a random ETag (facts-encryption.md
    §5.2)."""
    target_encryption = encryption_of(options)
    if target_encryption is not None and target_encryption.is_customer_key:
        return random_etag()
    stored = encryption_of(source.version.options)
    if stored is not None and stored.is_customer_key:
        return None
    if target.is_directory or source.bucket.is_directory or source.version.parts > 1:
        return None
    return source.version.etag


def _copy_checksum(request: S3Request, source: ObjectVersion) -> Checksum | None:
    """The source's checksum, or one of the algorithm ``x-amz-checksum-algorithm`` asks."""
    asked = request.headers.get(CHECKSUM_ALGORITHM)
    if asked is None:
        return source.checksum
    algorithm = asked.strip().upper()
    if algorithm not in DIGESTS:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.CHECKSUM_ALGORITHM_UNSUPPORTED)
    return Checksum(algorithm, checksum_of(algorithm, source.body))
