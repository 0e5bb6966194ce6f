"""Each version's protection: PutObjectRetention, GetObjectRetention,
PutObjectLegalHold and GetObjectLegalHold."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass

from ...errors import ErrorCode, Message, S3Error
from ...model.bucket import Bucket
from ...model.locks import LockMode, retention_change_refused
from ...model.store import Store
from ...model.versions import ObjectVersion
from ..common.authorization import authorize
from ..common.integrity import require_integrity
from ..common.lookup import existing_bucket, object_key, resolve_version
from ..common.protection import BYPASS, bypass_governance, future_retention, require_lock
from ..declaration import operation
from ..request import S3Request
from ..results import Empty, LegalHoldResult, RetentionResult


@dataclass(frozen=True, slots=True)
class LegalHoldDocument:
    """A <LegalHold> body: its Status, ON or OFF."""

    on: bool


@dataclass(frozen=True, slots=True)
class RetentionDocument:
    """A <Retention> body; both None means "remove the retention"."""

    mode: LockMode | None
    retain_until: _dt.datetime | None


def _locked_version(store: Store, request: S3Request, method: str) -> tuple[Bucket, ObjectVersion]:
    bucket = existing_bucket(store, request)
    key = object_key(request)
    require_lock(bucket)
    # Put/GetObjectRetention and Put/GetObjectLegalHold: each action bears its name.
    authorize(store, bucket, request, "s3:" + request.operation, key)
    return bucket, resolve_version(bucket, key, request.query.get("versionId"), method)


@operation(
    "PutObjectRetention", headers={BYPASS}, query={"retention", "versionId"},
    body=RetentionDocument,
)
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
        raise S3Error(ErrorCode.ACCESS_DENIED, Message.OBJECT_PROTECTED)
    bucket.update(dataclasses.replace(version, retention=proposed))
    return Empty()


@operation("GetObjectRetention", query={"retention", "versionId"})
def get_object_retention(store: Store, request: S3Request) -> RetentionResult:
    _, version = _locked_version(store, request, "GET")
    if version.retention is None:
        raise S3Error(ErrorCode.NO_SUCH_OBJECT_LOCK_CONFIGURATION)
    return RetentionResult(version.retention)


@operation("PutObjectLegalHold", query={"legal-hold", "versionId"}, body=LegalHoldDocument)
def put_object_legal_hold(store: Store, request: S3Request) -> Empty:
    require_integrity(request)
    document: LegalHoldDocument = request.document()
    bucket, version = _locked_version(store, request, "PUT")
    bucket.update(dataclasses.replace(version, legal_hold=document.on))
    return Empty()


@operation("GetObjectLegalHold", query={"legal-hold", "versionId"})
def get_object_legal_hold(store: Store, request: S3Request) -> LegalHoldResult:
    _, version = _locked_version(store, request, "GET")
    if version.legal_hold is None:
        raise S3Error(ErrorCode.NO_SUCH_OBJECT_LOCK_CONFIGURATION)
    return LegalHoldResult(version.legal_hold)
