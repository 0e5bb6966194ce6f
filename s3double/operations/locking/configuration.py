"""The bucket's object lock configuration: PutObjectLockConfiguration and
GetObjectLockConfiguration."""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import ErrorCode, Message, S3Error
from ...model.bucket import VersioningState
from ...model.locks import DefaultRetention
from ...model.store import Store
from ..common.authorization import authorize
from ..common.integrity import require_integrity
from ..common.lookup import existing_bucket
from ..declaration import operation
from ..request import S3Request
from ..results import Empty, LockConfigurationResult


@dataclass(frozen=True, slots=True)
class LockConfiguration:
    rule: DefaultRetention | None


@operation("PutObjectLockConfiguration", query={"object-lock"}, body=LockConfiguration)
def put_object_lock_configuration(store: Store, request: S3Request) -> Empty:
    bucket = existing_bucket(store, request)
    authorize(store, bucket, request, "s3:PutBucketObjectLockConfiguration")
    require_integrity(request)
    if not request.body.strip():
        raise S3Error(ErrorCode.MISSING_REQUEST_BODY)
    configuration: LockConfiguration = request.document()
    if bucket.versioning is not VersioningState.ENABLED:
        raise S3Error(ErrorCode.INVALID_BUCKET_STATE, Message.LOCK_NEEDS_VERSIONING)
    bucket.enable_object_lock()
    bucket.default_retention = configuration.rule
    return Empty()


@operation("GetObjectLockConfiguration", query={"object-lock"})
def get_object_lock_configuration(store: Store, request: S3Request) -> LockConfigurationResult:
    bucket = existing_bucket(store, request)
    authorize(store, bucket, request, "s3:GetBucketObjectLockConfiguration")
    if not bucket.object_lock_enabled:
        raise S3Error(ErrorCode.OBJECT_LOCK_CONFIGURATION_NOT_FOUND, BucketName=bucket.name)
    return LockConfigurationResult(bucket.default_retention)
