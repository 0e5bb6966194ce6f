"""Object lock operations: the bucket's lock configuration, and each version's
retention and legal hold."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass

from ..errors import ErrorCode, S3Error
from ..model.bucket import Bucket, VersioningState
from ..model.locks import DefaultRetention, LockMode, retention_change_refused
from ..model.store import Store
from ..model.versions import ObjectVersion
from .integrity import require_integrity
from .objects import object_key, resolve_version
from .protection import PROTECTED, BYPASS, bypass_governance, future_retention, require_lock
from .policy import authorize
from .registry import existing_bucket, operation
from .request import S3Request
from .results import Empty, LegalHoldResult, LockConfigurationResult, RetentionResult


@dataclass(frozen=True, slots=True)
class LockConfiguration:
    rule: DefaultRetention | None


@dataclass(frozen=True, slots=True)
class RetentionDocument:
    """A <Retention> body; both None means "remove the retention"."""

    mode: LockMode | None
    retain_until: _dt.datetime | None


@operation("PutObjectLockConfiguration", query={"object-lock"})
def put_object_lock_configuration(store: Store, request: S3Request) -> Empty:
    bucket = existing_bucket(store, request)
    authorize(store, bucket, request, "s3:PutBucketObjectLockConfiguration")
    require_integrity(request)
    if not request.body.strip():
        raise S3Error(ErrorCode.MISSING_REQUEST_BODY)
    configuration: LockConfiguration = request.document()
    if bucket.versioning is not VersioningState.ENABLED:
        raise S3Error(
            ErrorCode.INVALID_BUCKET_STATE,
            "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration",
        )
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


def _locked_version(store: Store, request: S3Request, method: str) -> tuple[Bucket, ObjectVersion]:
    bucket = existing_bucket(store, request)
    key = object_key(request)
    require_lock(bucket)
    # Put/GetObjectRetention and Put/GetObjectLegalHold: each action bears its name.
    authorize(store, bucket, request, "s3:" + request.operation, key)
    return bucket, resolve_version(bucket, key, request.query.get("versionId"), method)


@operation("PutObjectRetention", headers={BYPASS}, query={"retention", "versionId"})
def put_object_retention(store: Store, request: S3Request) -> Empty:
    require_integrity(request)
    document: RetentionDocument = request.document()
    bucket, version = _locked_version(store, request, "PUT")
    now = store.now()
    proposed = None
    if document.mode is not None and document.retain_until is not None:
        proposed = future_retention(document.mode, document.retain_until, now)
    bypass = bypass_governance(request, bucket)
    if retention_change_refused(version.retention, proposed, now, bypass_governance=bypass):
        raise S3Error(ErrorCode.ACCESS_DENIED, PROTECTED)
    bucket.update(dataclasses.replace(version, retention=proposed))
    return Empty()


@operation("GetObjectRetention", query={"retention", "versionId"})
def get_object_retention(store: Store, request: S3Request) -> RetentionResult:
    _, version = _locked_version(store, request, "GET")
    if version.retention is None:
        raise S3Error(ErrorCode.NO_SUCH_OBJECT_LOCK_CONFIGURATION)
    return RetentionResult(version.retention)


@operation("PutObjectLegalHold", query={"legal-hold", "versionId"})
def put_object_legal_hold(store: Store, request: S3Request) -> Empty:
    require_integrity(request)
    status: bool = request.document()
    bucket, version = _locked_version(store, request, "PUT")
    bucket.update(dataclasses.replace(version, legal_hold=status))
    return Empty()


@operation("GetObjectLegalHold", query={"legal-hold", "versionId"})
def get_object_legal_hold(store: Store, request: S3Request) -> LegalHoldResult:
    _, version = _locked_version(store, request, "GET")
    if version.legal_hold is None:
        raise S3Error(ErrorCode.NO_SUCH_OBJECT_LOCK_CONFIGURATION)
    return LegalHoldResult(version.legal_hold)


