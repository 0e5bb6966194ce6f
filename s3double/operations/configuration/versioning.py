"""Bucket versioning: PutBucketVersioning and GetBucketVersioning, with MFA delete."""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import ErrorCode, Message, S3Error
from ...model.bucket import VersioningState
from ...model.store import Store
from ..common.authorization import authorize
from ..common.integrity import require_integrity
from ..common.lookup import existing_bucket
from ..common.protection import check_mfa
from ..declaration import operation
from ..request import S3Request
from ..results import Empty, VersioningResult


@dataclass(frozen=True, slots=True)
class VersioningConfiguration:
    status: str | None
    mfa_delete: str | None


@operation(
    "PutBucketVersioning", headers={"x-amz-mfa"}, query={"versioning"},
    body=VersioningConfiguration,
)
def put_bucket_versioning(store: Store, request: S3Request) -> Empty:
    """S3 user guide, "Configuring MFA delete": turning MFA delete on, and any
    versioning change on an MFA-delete bucket (turning it off included), needs a valid
    x-amz-mfa token; an object lock bucket keeps versioning Enabled."""
    bucket = existing_bucket(store, request)
    authorize(store, bucket, request, "s3:PutBucketVersioning")
    require_integrity(request)
    configuration: VersioningConfiguration = request.document()
    if configuration.status is None:
        raise S3Error(ErrorCode.ILLEGAL_VERSIONING_CONFIGURATION)
    state = VersioningState(configuration.status)
    # Turning MFA delete on needs a token, and so does any change once it is on; sending
    # MfaDelete Disabled to a bucket that never had it on needs none (facts-misc-answers.md §1.2).
    check_mfa(store, request, required=configuration.mfa_delete == "Enabled" or bool(bucket.mfa_delete))
    if not bucket.versioning_change_allowed(state):
        raise S3Error(ErrorCode.INVALID_BUCKET_STATE, Message.VERSIONING_STATE_LOCKED)
    bucket.set_versioning(state)
    if configuration.mfa_delete is not None:
        bucket.mfa_delete = configuration.mfa_delete == "Enabled"
    return Empty()


@operation("GetBucketVersioning", query={"versioning"})
def get_bucket_versioning(store: Store, request: S3Request) -> VersioningResult:
    bucket = existing_bucket(store, request)
    authorize(store, bucket, request, "s3:GetBucketVersioning")
    mfa = None if bucket.mfa_delete is None else ("Enabled" if bucket.mfa_delete else "Disabled")
    if bucket.versioning is VersioningState.UNVERSIONED:
        return VersioningResult(None, mfa)
    return VersioningResult(bucket.versioning.value, mfa)
