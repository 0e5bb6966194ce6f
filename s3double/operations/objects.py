"""Single-object operations: PutObject, GetObject, HeadObject, CopyObject, DeleteObject."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from ..errors import ErrorCode, S3Error, invalid_argument
from ..model.bucket import Bucket, VersioningState
from ..model.conditions import DeleteCondition, unmet_condition
from ..model.deletion import delete_key
from ..model.outcomes import Refusal, Refused
from ..model.store import Store
from ..model.versions import ObjectVersion
from .appends import WRITE_OFFSET, append_object
from .conditional import (
    CONDITION_HEADERS,
    IF_MATCH_LAST_MODIFIED_TIME,
    IF_MATCH_SIZE,
    delete_condition,
)
from .integrity import verify_checksum, verify_content_md5
from .policy import authorize
from .protection import (
    BYPASS,
    LOCK_HEADERS,
    PROTECTED,
    bypass_governance,
    check_mfa,
    lock_headers,
    requested_lock,
)
from .reads import failed_condition, object_headers, requested_range
from .registry import existing_bucket, operation
from .request import S3Request, http_date
from .results import CopyResult, Empty, ObjectContent

MAX_KEY_BYTES = 1024
STORED_HEADERS = (
    "cache-control",
    "content-disposition",
    "content-encoding",
    "content-language",
    "expires",
)
SERVER_SIDE_ENCRYPTION = {"x-amz-server-side-encryption": "AES256"}
INVALID_VERSION_ID = "Invalid version id specified"


def object_key(request: S3Request) -> str:
    key = request.require_key()
    if len(key.encode("utf-8", "surrogatepass")) > MAX_KEY_BYTES:
        raise S3Error(ErrorCode.KEY_TOO_LONG, Size=str(len(key.encode())), MaxSizeAllowed="1024")
    return key


def new_object_fields(request: S3Request) -> dict[str, Any]:
    """What a new object keeps from the request: content type, metadata, stored headers."""
    headers = request.headers
    return {
        "content_type": headers.get("content-type") or "binary/octet-stream",
        "metadata": {
            name[len("x-amz-meta-"):]: value
            for name, value in headers.items()
            if name.startswith("x-amz-meta-")
        },
        "headers": tuple(
            (name, headers[name]) for name in STORED_HEADERS if headers.get(name)
        ),
    }


def version_headers(bucket: Bucket, version_id: str) -> dict[str, str]:
    """x-amz-version-id, sent once a bucket has ever been versioned."""
    if bucket.versioning is VersioningState.UNVERSIONED:
        return {}
    return {"x-amz-version-id": version_id}


def check_write_condition(bucket: Bucket, key: str, request: S3Request) -> None:
    """S3 user guide, "Add preconditions to S3 operations with conditional requests":
    If-None-Match ``*`` writes only where no object is current; If-Match writes only
    over the current object with that ETag (404 NoSuchKey when there is none). Other
    forms are S3's recorded 501s."""
    if_match = request.headers.get("if-match")
    if_none_match = request.headers.get("if-none-match")
    if if_match is not None and if_none_match is not None:
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Header="If-Match,If-None-Match",
                      additionalMessage="Multiple conditional request headers present in the request")
    if if_none_match is not None and if_none_match.strip() != "*":
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Header="If-None-Match",
                      additionalMessage="We don't accept the provided value of If-None-Match header for this API")
    if if_match is not None and if_match.strip() == "*":
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Header="If-Match",
                      additionalMessage="We don't accept the provided value of If-Match header for this API")
    current = bucket.current(key)
    exists = isinstance(current, ObjectVersion)
    if if_none_match is not None and exists:
        raise S3Error(ErrorCode.PRECONDITION_FAILED, Condition="If-None-Match")
    if if_match is not None:
        if not exists:
            raise S3Error(ErrorCode.NO_SUCH_KEY, Key=key)
        if DeleteCondition.for_etag(if_match).etag != current.etag.strip('"'):  # type: ignore[union-attr]
            raise S3Error(ErrorCode.PRECONDITION_FAILED, Condition="If-Match")


@operation(
    "PutObject",
    headers=(*STORED_HEADERS, *LOCK_HEADERS, "if-match", "if-none-match", WRITE_OFFSET),
    header_prefixes=("x-amz-meta-",),
)
def put_object(store: Store, request: S3Request) -> Empty:
    bucket = existing_bucket(store, request)
    key = object_key(request)
    if WRITE_OFFSET in request.headers and not bucket.is_directory:
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Header=WRITE_OFFSET)  # directory buckets only
    authorize(store, bucket, request, "s3:PutObject", key)
    check_write_condition(bucket, key, request)
    if WRITE_OFFSET in request.headers:
        return append_object(store, request, bucket, key, new_object_fields(request))
    now = store.now()
    retention, legal_hold = requested_lock(request, bucket, now)
    verify_content_md5(request)
    checksum = verify_checksum(request)
    version = bucket.put(
        key, request.body, now=now, checksum=checksum, retention=retention,
        legal_hold=legal_hold, **new_object_fields(request),
    )
    headers = {"ETag": version.etag, **SERVER_SIDE_ENCRYPTION}
    if bucket.versioning is VersioningState.ENABLED:  # a Suspended PUT sends no version id
        headers["x-amz-version-id"] = version.version_id
    if checksum is not None:
        headers[f"x-amz-checksum-{checksum.algorithm.lower()}"] = checksum.value
        headers["x-amz-checksum-type"] = checksum.type
    return Empty(headers=headers)


def resolve_version(
    bucket: Bucket, key: str, version_id: str | None, method: str
) -> ObjectVersion:
    """The object a read names, or S3's answer for why there is none.

    S3 API reference, GetObject: a current delete marker is 404 NoSuchKey with
    ``x-amz-delete-marker: true``; a delete marker named by version id is 405
    MethodNotAllowed.
    """
    if version_id is None:
        entry = bucket.current(key)
        if entry is None:
            raise S3Error(ErrorCode.NO_SUCH_KEY, Key=key)
        if entry.is_delete_marker:
            raise S3Error(
                ErrorCode.NO_SUCH_KEY,
                headers={
                    "x-amz-delete-marker": "true",
                    **version_headers(bucket, entry.version_id),
                    "Last-Modified": http_date(entry.last_modified),
                },
                Key=key,
            )
        return entry  # type: ignore[return-value]
    if not bucket.issued(version_id):
        raise invalid_argument(INVALID_VERSION_ID, "versionId", version_id)
    entry = bucket.version(key, version_id)
    if entry is None:
        raise S3Error(ErrorCode.NO_SUCH_VERSION, Key=key, VersionId=version_id)
    if entry.is_delete_marker:
        raise S3Error(
            ErrorCode.METHOD_NOT_ALLOWED,
            headers={
                "x-amz-delete-marker": "true",
                "x-amz-version-id": version_id,
                "Allow": "DELETE",
                "Last-Modified": http_date(entry.last_modified),
            },
            Method=method,
            ResourceType="DeleteMarker",
        )
    return entry  # type: ignore[return-value]


READ_HEADERS = ("x-amz-checksum-mode", "range", "if-match", "if-none-match",
                "if-modified-since", "if-unmodified-since")


def _read(store: Store, request: S3Request, method: str) -> ObjectContent:
    bucket = existing_bucket(store, request)
    key = object_key(request)
    authorize(store, bucket, request, "s3:GetObject", key, request.query.get("versionId"))
    version = resolve_version(bucket, key, request.query.get("versionId"), method)
    headers = object_headers(
        version, {**version_headers(bucket, version.version_id), **lock_headers(version)}
    )
    if bucket.is_directory:  # S3 sends the storage class when it is not STANDARD
        headers["x-amz-storage-class"] = "EXPRESS_ONEZONE"
    failed = failed_condition(version, request)
    if failed is not None:
        status, condition = failed
        if status == 304:
            raise S3Error(
                ErrorCode.NOT_MODIFIED,
                headers={"ETag": version.etag, "Last-Modified": headers["Last-Modified"]},
            )
        raise S3Error(ErrorCode.PRECONDITION_FAILED, Condition=condition)
    window = requested_range(version, request.headers.get("range"))
    if window is None:
        if request.headers.get("x-amz-checksum-mode", "").upper() == "ENABLED" and version.checksum:
            headers[f"x-amz-checksum-{version.checksum.algorithm.lower()}"] = version.checksum.value
            headers["x-amz-checksum-type"] = version.checksum.type
        return ObjectContent(version, headers, version.body)
    start, end = window
    headers["Content-Range"] = f"bytes {start}-{end}/{version.size}"
    return ObjectContent(version, headers, version.body[start : end + 1], status=206)


@operation("GetObject", headers=READ_HEADERS, query={"versionId"})
def get_object(store: Store, request: S3Request) -> ObjectContent:
    return _read(store, request, "GET")


@operation("HeadObject", headers=READ_HEADERS, query={"versionId"})
def head_object(store: Store, request: S3Request) -> ObjectContent:
    return _read(store, request, "HEAD")


DIRECTORY_ONLY_DELETE_HEADERS = (IF_MATCH_LAST_MODIFIED_TIME, IF_MATCH_SIZE)


@operation(
    "DeleteObject",
    headers=(BYPASS, "x-amz-mfa", "if-match", *DIRECTORY_ONLY_DELETE_HEADERS),
    query={"versionId"},
)
def delete_object(store: Store, request: S3Request) -> Empty:
    """S3 API reference, DeleteObject: 204, with ``x-amz-delete-marker`` and
    ``x-amz-version-id`` telling what happened; a version id the bucket never issued
    is 400 InvalidArgument; a version under object lock is 403 AccessDenied. A failed
    condition (If-Match; on directory buckets also the last-modified time and size) is
    412 naming its header; time and size conditions on a missing object delete."""
    bucket = existing_bucket(store, request)
    key = object_key(request)
    for header in DIRECTORY_ONLY_DELETE_HEADERS:  # S3's recorded answer on a general
        if header in request.headers and not bucket.is_directory:  # purpose bucket, even
            raise S3Error(ErrorCode.NOT_IMPLEMENTED, Header=header)  # over a failing If-Match
    version_id = request.query.get("versionId")
    condition = delete_condition(request)
    bypass = bypass_governance(request, bucket)
    authorize(store, bucket, request, "s3:DeleteObject", key, version_id)
    check_mfa(store, request, required=bool(bucket.mfa_delete) and version_id is not None)
    outcome = delete_key(
        bucket, key, version_id, bypass_governance=bypass, condition=condition, now=store.now()
    )
    if isinstance(outcome, Refused):
        raise _delete_refusal(outcome, key, version_id, _failed_header(bucket, key, condition))
    headers: dict[str, str] = {}
    if outcome.delete_marker:
        headers["x-amz-delete-marker"] = "true"
    if version_id is not None:
        headers["x-amz-version-id"] = version_id
    elif outcome.delete_marker_version_id is not None:
        headers["x-amz-version-id"] = outcome.delete_marker_version_id
    return Empty(status=204, headers=headers)


def _failed_header(bucket: Bucket, key: str, condition: DeleteCondition | None) -> str:
    """The header of the condition that failed, for the 412's Condition element."""
    current = bucket.current(key)
    failed = None
    if condition is not None and isinstance(current, ObjectVersion):
        failed = unmet_condition(current, condition)
    return CONDITION_HEADERS.get(failed or "ETag", "If-Match")


def _delete_refusal(
    refused: Refused, key: str, version_id: str | None, condition: str = "If-Match"
) -> S3Error:
    """How DeleteObject answers each refusal (DeleteObjects answers per key instead)."""
    if refused.reason is Refusal.VERSION_NOT_FOUND:
        return invalid_argument(INVALID_VERSION_ID, "versionId", version_id)
    if refused.reason is Refusal.PRECONDITION_FAILED:
        return S3Error(ErrorCode.PRECONDITION_FAILED, Condition=condition)
    if refused.reason is Refusal.NO_SUCH_KEY:
        return S3Error(ErrorCode.NO_SUCH_KEY, Key=key)
    return S3Error(ErrorCode.ACCESS_DENIED, PROTECTED)


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
        raise invalid_argument("Copy Source must mention the source bucket and key: "
                               "sourcebucket/sourcekey", "x-amz-copy-source", "")
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
                "The source of a copy request may not specifically refer to a delete marker by version id.",
            )
    source = resolve_version(origin, source_key, source_version_id, "GET")
    directive = (request.headers.get("x-amz-metadata-directive") or "COPY").upper()
    if directive not in ("COPY", "REPLACE"):
        raise invalid_argument("Unknown metadata directive.", "x-amz-metadata-directive", directive)
    if (origin is target and source_key == key and directive == "COPY"):
        raise S3Error(
            ErrorCode.INVALID_REQUEST,
            "This copy request is illegal because it is trying to copy an object to itself "
            "without changing the object's metadata, storage class, website redirect location "
            "or encryption attributes.",
        )
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
            raise invalid_argument("Invalid copy source encoding", "x-amz-copy-source", value)
    bucket, _, key = unquote(path).lstrip("/").partition("/")
    if not bucket or not key:
        raise invalid_argument(
            "Invalid copy source object key", "x-amz-copy-source", value
        )
    return bucket, key, unquote(version_id) if version_id is not None else None
