"""GetObject and HeadObject: a version's bytes (or a range of them) and headers, under
the read's conditions; an SSE-C version only with its key, an archived one (GET) only
once restored; ``response-*`` parameters replace headers of a successful answer."""

from __future__ import annotations

from ...errors import ErrorCode, S3Error
from ...model.store import Store
from ...model.versions import ObjectVersion
from ..common.authorization import authorize
from ..common.lookup import existing_bucket, object_key, resolve_version, version_headers
from ..common.option_headers import (
    RESPONSE_OVERRIDES,
    check_customer_key,
    check_readable,
    override_headers,
    read_headers,
)
from ..common.parts import PART_NUMBER, PARTS_COUNT, PartRead, requested_part
from ..common.protection import lock_headers
from ..common.reads import failed_condition, object_headers, requested_range
from ..common.write_options import CUSTOMER_HEADERS
from ..declaration import operation
from ..request import S3Request
from ..results import ObjectContent

READ_HEADERS = ("x-amz-checksum-mode", "range", "if-match", "if-none-match",
                "if-modified-since", "if-unmodified-since", *CUSTOMER_HEADERS)
READ_QUERY = ("versionId", PART_NUMBER, *RESPONSE_OVERRIDES)


def _read(store: Store, request: S3Request, method: str) -> ObjectContent:
    bucket = existing_bucket(store, request)
    key = object_key(request)
    authorize(store, bucket, request, "s3:GetObject", key, request.query.get("versionId"))
    version = resolve_version(bucket, key, request.query.get("versionId"), method)
    check_customer_key(request, version)
    now = store.now()
    headers = object_headers(version, {
        **version_headers(bucket, version.version_id), **lock_headers(version),
        **read_headers(version.options, now),
    })
    if bucket.is_directory:  # S3 sends the storage class when it is not STANDARD
        headers["x-amz-storage-class"] = "EXPRESS_ONEZONE"
    if version.tags and method == "GET":  # GetObject's TagCount; HeadObject has none
        headers["x-amz-tagging-count"] = str(len(version.tags))
    failed = failed_condition(version, request)
    if failed is not None:
        status, condition = failed
        if status == 304:
            raise S3Error(
                ErrorCode.NOT_MODIFIED,
                headers={"ETag": version.etag, "Last-Modified": headers["Last-Modified"]},
            )
        raise S3Error(ErrorCode.PRECONDITION_FAILED, Condition=condition)
    if method == "GET":
        check_readable(version, now)
    override_headers(headers, request.query)
    part = requested_part(version, request)
    if part is not None:
        return _part(version, request, headers, part)
    window = requested_range(version, request.headers.get("range"))
    if window is None:
        _checksum(version, request, headers)
        return ObjectContent(version, headers, version.body)
    start, end = window
    headers["Content-Range"] = f"bytes {start}-{end}/{version.size}"
    return ObjectContent(version, headers, version.body[start : end + 1], status=206)


def _checksum(version: ObjectVersion, request: S3Request, headers: dict[str, str]) -> None:
    if request.headers.get("x-amz-checksum-mode", "").upper() == "ENABLED" and version.checksum:
        headers[f"x-amz-checksum-{version.checksum.algorithm.lower()}"] = version.checksum.value
        headers["x-amz-checksum-type"] = version.checksum.type


def _part(
    version: ObjectVersion, request: S3Request, headers: dict[str, str], part: PartRead
) -> ObjectContent:
    """206 with the part's bytes, the whole object's ETag and, for a multipart upload's
    object, ``x-amz-mp-parts-count`` (facts-copy-multipart.md 4.1). A checksum is sent
    only when the part is the whole object and the checksum a full-object one: s3double
    keeps no per-part checksums of completed objects (S3 sends a COMPOSITE part's)."""
    if part.parts_count is not None:
        headers[PARTS_COUNT] = str(part.parts_count)
    whole = (part.parts_count or 1) == 1
    if whole and (version.checksum is None or version.checksum.type == "FULL_OBJECT"):
        _checksum(version, request, headers)
    if part.last < part.first:  # an empty object: nothing to range over
        return ObjectContent(version, headers, b"")
    headers["Content-Range"] = f"bytes {part.first}-{part.last}/{version.size}"
    return ObjectContent(version, headers, version.body[part.first : part.last + 1], status=206)


@operation("GetObject", headers=READ_HEADERS, query=READ_QUERY)
def get_object(store: Store, request: S3Request) -> ObjectContent:
    return _read(store, request, "GET")


@operation("HeadObject", headers=READ_HEADERS, query=READ_QUERY)
def head_object(store: Store, request: S3Request) -> ObjectContent:
    return _read(store, request, "HEAD")
