"""CopyObject: a new version made from another object's (or version's) bytes.

The copy takes its write options (ACL, encryption, storage class, website redirect)
from the copy request alone, never from the source (tests/data/aws/
facts-storage-class-restore.md §1.6, facts-copy-multipart.md §3.5); an SSE-C source is
read with the ``x-amz-copy-source-server-side-encryption-customer-*`` key and an
archived one only once restored. ``x-amz-checksum-algorithm`` gives the copy a
full-object checksum of that algorithm (facts-copy-multipart.md §3.8).
"""

from __future__ import annotations

from urllib.parse import unquote

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.bucket import VersioningState
from ...model.object_options import ObjectOptions
from ...model.store import Store
from ...model.versions import Checksum, ObjectVersion, random_etag
from ..common.authorization import authorize
from ..common.integrity import DIGESTS, checksum_of
from ..common.lookup import (
    STORED_HEADERS,
    existing_bucket,
    new_object_fields,
    object_key,
    resolve_version,
    version_headers,
)
from ..common.option_headers import (
    check_customer_key,
    check_readable,
    encryption_headers,
    encryption_of,
)
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

CHECKSUM_ALGORITHM = "x-amz-checksum-algorithm"
# Headers whose presence makes a copy onto itself legal (facts-copy-multipart.md §3.1).
_CHANGING_HEADERS = (STORAGE_CLASS, REDIRECT, *ENCRYPTION_HEADERS)


@operation(
    "CopyObject",
    headers=(
        "x-amz-copy-source", "x-amz-metadata-directive", *STORED_HEADERS, *WRITE_OPTION_HEADERS,
        *COPY_SOURCE_CUSTOMER_HEADERS, CHECKSUM_ALGORITHM,
    ),
    header_prefixes=("x-amz-meta-",),
)
def copy_object(store: Store, request: S3Request) -> CopyResult:
    target = existing_bucket(store, request)
    key = object_key(request)
    authorize(store, target, request, "s3:PutObject", key)
    copy_source = request.headers.get("x-amz-copy-source")
    if not copy_source:
        raise invalid_argument(Message.COPY_SOURCE_REQUIRED, "x-amz-copy-source", "")
    source_bucket, source_key, source_version_id = _copy_source(copy_source)
    origin = store.bucket(source_bucket)
    if origin is None:
        raise S3Error(ErrorCode.NO_SUCH_BUCKET, BucketName=source_bucket)
    authorize(store, origin, request, "s3:GetObject", source_key, source_version_id)
    if source_version_id is not None and origin.issued(source_version_id):
        entry = origin.version(source_key, source_version_id)
        if entry is not None and entry.is_delete_marker:
            raise S3Error(
                ErrorCode.INVALID_REQUEST,
                Message.COPY_SOURCE_DELETE_MARKER,
            )
    source = resolve_version(origin, source_key, source_version_id, "GET")
    check_customer_key(request, source, COPY_SOURCE_CUSTOMER)
    now = store.now()
    check_readable(source, now)
    directive = (request.headers.get("x-amz-metadata-directive") or "COPY").upper()
    if directive not in ("COPY", "REPLACE"):
        raise invalid_argument(Message.UNKNOWN_METADATA_DIRECTIVE, "x-amz-metadata-directive", directive)
    options = write_options(store, target, request)
    checksum = _copy_checksum(request, source)
    if (origin is target and source_key == key and directive == "COPY"
            and not _changes_object(request, source, options)):
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.COPY_TO_ITSELF)
    if directive == "REPLACE":
        fields = new_object_fields(request)
        check_metadata_size(fields["metadata"])
    else:
        fields = {"content_type": source.content_type, "metadata": source.metadata,
                  "headers": source.headers}
    etag = None if target.is_directory or origin.is_directory else source.etag  # new ETag
    copy = target.put(key, source.body, etag=_copy_etag(source, options, etag), now=now,
                      checksum=checksum, options=options, **fields)
    headers = {**encryption_headers(encryption_of(options)), **version_headers(target, copy.version_id)}
    if origin.versioning is not VersioningState.UNVERSIONED and source.version_id != "null":
        headers["x-amz-copy-source-version-id"] = source.version_id
    return CopyResult(copy.etag, copy.last_modified, headers,
                      (checksum.algorithm, checksum.value) if checksum else None)


def _changes_object(request: S3Request, source: ObjectVersion, options: ObjectOptions | None) -> bool:
    """A copy onto itself must change something: the storage class, the website
    redirect or the encryption given (even unchanged), or the encryption the bucket's
    default now gives (facts-copy-multipart.md §3.1, facts-encryption.md §3.5)."""
    if any(name in request.headers for name in _CHANGING_HEADERS):
        return True
    return encryption_of(options) != encryption_of(source.options)


def _copy_etag(source: ObjectVersion, options: ObjectOptions | None, etag: str | None) -> str | None:
    """An SSE-C object's ETag is not its MD5 (facts-encryption.md §5.2): a copy to SSE-C
    gets a new one, a copy of one without SSE-C gets the MD5 (None)."""
    target = encryption_of(options)
    if target is not None and target.is_customer_key:
        return random_etag()
    stored = encryption_of(source.options)
    return None if stored is not None and stored.is_customer_key else etag


def _copy_checksum(request: S3Request, source: ObjectVersion) -> Checksum | None:
    """The source's checksum, or one of the algorithm ``x-amz-checksum-algorithm`` asks."""
    asked = request.headers.get(CHECKSUM_ALGORITHM)
    if asked is None:
        return source.checksum
    algorithm = asked.strip().upper()
    if algorithm not in DIGESTS:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.CHECKSUM_ALGORITHM_UNSUPPORTED)
    return Checksum(algorithm, checksum_of(algorithm, source.body))


def _copy_source(value: str) -> tuple[str, str, str | None]:
    """``bucket/key[?versionId=id]``, URL-encoded, an optional leading slash."""
    path, _, query = value.partition("?")
    version_id = None
    if query:
        name, _, version_id = query.partition("=")
        if name != "versionId":
            raise invalid_argument(Message.COPY_SOURCE_ENCODING, "x-amz-copy-source", value)
    bucket, _, key = unquote(path).lstrip("/").partition("/")
    if not bucket or not key:
        raise invalid_argument(Message.COPY_SOURCE_KEY, "x-amz-copy-source", value)
    return bucket, key, unquote(version_id) if version_id is not None else None
