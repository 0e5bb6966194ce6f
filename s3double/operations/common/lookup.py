"""What most operations look up first: the bucket, the key, the version a request names,
and the fields a new object keeps from its request."""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.bucket import Bucket, VersioningState
from ...model.store import Store
from ...model.versions import ObjectVersion
from ...values import http_date
from ..request import S3Request

MAX_KEY_BYTES = 1024
STORED_HEADERS = (
    "cache-control",
    "content-disposition",
    "content-encoding",
    "content-language",
    "expires",
)
SERVER_SIDE_ENCRYPTION = {"x-amz-server-side-encryption": "AES256"}


def existing_bucket(store: Store, request: S3Request) -> Bucket:
    """The request's bucket, or S3's 404 NoSuchBucket."""
    name = request.require_bucket()
    bucket = store.bucket(name)
    if bucket is None:
        raise S3Error(ErrorCode.NO_SUCH_BUCKET, BucketName=name)
    return bucket


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
        return entry  # type: ignore[return-value]  # a delete marker was answered above
    if not bucket.issued(version_id):
        raise invalid_argument(Message.INVALID_VERSION_ID, "versionId", version_id)
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
    return entry  # type: ignore[return-value]  # a delete marker was answered above
