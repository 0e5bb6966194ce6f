"""PutObject: a new version (or an append, on directory buckets), written only when its
conditions hold."""

from __future__ import annotations

from ...errors import ErrorCode, Message, S3Error, not_implemented
from ...model.bucket import Bucket, VersioningState
from ...model.conditions import DeleteCondition
from ...model.store import Store
from ...model.versions import ObjectVersion, random_etag
from ..common.authorization import authorize
from ..common.integrity import verify_checksum, verify_content_md5
from ..common.lookup import STORED_HEADERS, existing_bucket, new_object_fields, object_key
from ..common.option_headers import encryption_headers, encryption_of
from ..common.protection import LOCK_HEADERS, requested_lock
from ..common.write_options import (
    TAGGING,
    WRITE_OPTION_HEADERS,
    check_metadata_size,
    requested_tags,
    write_options,
)
from ..declaration import operation
from ..request import S3Request
from ..results import Empty
from .appends import WRITE_OFFSET, append_object


def check_write_condition(bucket: Bucket, key: str, request: S3Request) -> None:
    """S3 user guide, "Add preconditions to S3 operations with conditional requests":
    If-None-Match ``*`` writes only where no object is current; If-Match writes only
    over the current object with that ETag (404 NoSuchKey when there is none). Other
    forms are S3's recorded 501s."""
    if_match = request.headers.get("if-match")
    if_none_match = request.headers.get("if-none-match")
    if if_match is not None and if_none_match is not None:
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Header="If-Match,If-None-Match",
                      additionalMessage=Message.MULTIPLE_CONDITIONS)
    if if_none_match is not None and if_none_match.strip() != "*":
        raise S3Error(
            ErrorCode.NOT_IMPLEMENTED, Header="If-None-Match",
            additionalMessage=Message.CONDITION_NOT_ACCEPTED.format(header="If-None-Match"),
        )
    if if_match is not None and if_match.strip() == "*":
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Header="If-Match",
                      additionalMessage=Message.CONDITION_NOT_ACCEPTED.format(header="If-Match"))
    current = bucket.current(key)
    exists = isinstance(current, ObjectVersion)
    if if_none_match is not None and exists:
        raise S3Error(ErrorCode.PRECONDITION_FAILED, Condition="If-None-Match")
    if if_match is not None:
        if not exists:
            raise S3Error(ErrorCode.NO_SUCH_KEY, Key=key)
        if DeleteCondition.for_etag(if_match).etag != current.etag.strip('"'):  # type: ignore[union-attr]  # exists: an ObjectVersion
            raise S3Error(ErrorCode.PRECONDITION_FAILED, Condition="If-Match")


@operation(
    "PutObject",
    headers=(
        *STORED_HEADERS, *LOCK_HEADERS, *WRITE_OPTION_HEADERS, TAGGING, "if-match", "if-none-match",
        WRITE_OFFSET,
    ),
    header_prefixes=("x-amz-meta-",),
    body=bytes,
)
def put_object(store: Store, request: S3Request) -> Empty:
    bucket = existing_bucket(store, request)
    key = object_key(request)
    if WRITE_OFFSET in request.headers and not bucket.is_directory:
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Header=WRITE_OFFSET)  # directory buckets only
    authorize(store, bucket, request, "s3:PutObject", key)
    check_write_condition(bucket, key, request)
    fields = new_object_fields(request)
    check_metadata_size(fields["metadata"])
    options, tags = write_options(store, bucket, request), requested_tags(request)
    if WRITE_OFFSET in request.headers:
        if options is not None:  # appends keep the object's encryption and class
            raise not_implemented(next(h for h in WRITE_OPTION_HEADERS if h in request.headers))
        return append_object(store, request, bucket, key, fields)
    now = store.now()
    retention, legal_hold = requested_lock(request, bucket, now)
    verify_content_md5(request)
    checksum = verify_checksum(request)
    encryption = encryption_of(options)
    etag = random_etag() if encryption is not None and encryption.is_customer_key else None
    version = bucket.put(
        key, request.body, etag=etag, now=now, checksum=checksum, retention=retention,
        legal_hold=legal_hold, tags=tags, options=options, **fields,
    )
    headers = {"ETag": version.etag, **encryption_headers(encryption)}
    if bucket.versioning is VersioningState.ENABLED:  # a Suspended PUT sends no version id
        headers["x-amz-version-id"] = version.version_id
    if checksum is not None:
        headers[f"x-amz-checksum-{checksum.algorithm.lower()}"] = checksum.value
        headers["x-amz-checksum-type"] = checksum.type
    return Empty(headers=headers)
