"""CopyObject: a new version made from another object's (or version's) bytes."""

from __future__ import annotations

from urllib.parse import unquote

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.bucket import VersioningState
from ...model.store import Store
from ..common.authorization import authorize
from ..common.lookup import (
    SERVER_SIDE_ENCRYPTION,
    STORED_HEADERS,
    existing_bucket,
    new_object_fields,
    object_key,
    resolve_version,
    version_headers,
)
from ..declaration import operation
from ..request import S3Request
from ..results import CopyResult


@operation(
    "CopyObject",
    headers=("x-amz-copy-source", "x-amz-metadata-directive", *STORED_HEADERS),
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
    directive = (request.headers.get("x-amz-metadata-directive") or "COPY").upper()
    if directive not in ("COPY", "REPLACE"):
        raise invalid_argument(Message.UNKNOWN_METADATA_DIRECTIVE, "x-amz-metadata-directive", directive)
    if (origin is target and source_key == key and directive == "COPY"):
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.COPY_TO_ITSELF)
    if directive == "REPLACE":
        fields = new_object_fields(request)
    else:
        fields = {"content_type": source.content_type, "metadata": source.metadata,
                  "headers": source.headers}
    etag = None if target.is_directory or origin.is_directory else source.etag  # new ETag
    copy = target.put(key, source.body, etag=etag, now=store.now(),
                      checksum=source.checksum, **fields)
    headers = {**SERVER_SIDE_ENCRYPTION, **version_headers(target, copy.version_id)}
    if origin.versioning is not VersioningState.UNVERSIONED and source.version_id != "null":
        headers["x-amz-copy-source-version-id"] = source.version_id
    checksum = (source.checksum.algorithm, source.checksum.value) if source.checksum else None
    return CopyResult(copy.etag, copy.last_modified, headers, checksum)


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
