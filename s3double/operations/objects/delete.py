"""DeleteObject: one key, or one version, with S3's answer in headers."""

from __future__ import annotations

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.bucket import Bucket
from ...model.conditions import DeleteCondition, unmet_condition
from ...model.deletion import delete_key
from ...model.outcomes import Refusal, Refused
from ...model.store import Store
from ...model.versions import ObjectVersion
from ..common.authorization import authorize
from ..common.conditional import (
    CONDITION_HEADERS,
    IF_MATCH_LAST_MODIFIED_TIME,
    IF_MATCH_SIZE,
    delete_condition,
)
from ..common.lookup import existing_bucket, object_key
from ..common.protection import BYPASS, bypass_governance, check_mfa
from ..declaration import operation
from ..request import S3Request
from ..results import Empty

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
        return invalid_argument(Message.INVALID_VERSION_ID, "versionId", version_id)
    if refused.reason is Refusal.PRECONDITION_FAILED:
        return S3Error(ErrorCode.PRECONDITION_FAILED, Condition=condition)
    if refused.reason is Refusal.NO_SUCH_KEY:
        return S3Error(ErrorCode.NO_SUCH_KEY, Key=key)
    return S3Error(ErrorCode.ACCESS_DENIED, Message.OBJECT_PROTECTED)
