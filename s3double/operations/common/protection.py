"""Checks shared by the operations that object lock and MFA delete touch: the bypass
header, MFA tokens, PutObject's lock headers, and what reads report of a lock.

Messages are S3's recorded ones; the rules themselves live in ``model.locks``.
"""

from __future__ import annotations

import datetime as _dt

from ... import values
from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.bucket import Bucket
from ...model.locks import LockMode, Retention
from ...model.mfa import split_token
from ...model.store import Store
from ...model.versions import ObjectVersion
from ...values import iso_time
from ..request import S3Request

BYPASS = "x-amz-bypass-governance-retention"


def require_lock(bucket: Bucket) -> None:
    if not bucket.object_lock_enabled:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.LOCK_CONFIGURATION_MISSING)


def bypass_governance(request: S3Request, bucket: Bucket) -> bool:
    """The typed bypass header; on a bucket without object lock it is refused, true or false."""
    value = request.flag(BYPASS)
    if value is None:
        return False
    if not bucket.object_lock_enabled:
        raise invalid_argument(Message.BYPASS_WITHOUT_LOCK, BYPASS, None)
    return value


def check_mfa(store: Store, request: S3Request, *, required: bool) -> None:
    """S3 user guide, "Configuring MFA delete": a token that is sent must be valid (and
    one not of the form ``serial code`` is 400 InvalidArgument); on an MFA-delete
    bucket, permanent deletes and versioning changes need one."""
    token = request.headers.get("x-amz-mfa")
    if token is None:
        if required:
            raise S3Error(ErrorCode.ACCESS_DENIED, Message.MFA_REQUIRED)
        return
    if split_token(token) is None:  # facts-misc-answers.md §1.3
        raise invalid_argument(Message.MFA_FORMAT, "x-amz-mfa", token)
    if not store.mfa.is_valid(token):
        raise S3Error(ErrorCode.ACCESS_DENIED, Message.MFA_REQUIRED)


def parse_retain_until(value: str, name: str) -> _dt.datetime:
    """An ISO 8601 retain-until date, to the millisecond (as S3 reports it)."""
    instant = values.iso_instant(value)
    if instant is None:
        raise invalid_argument(Message.RETAIN_UNTIL_FORMAT, name, value)
    return instant


def future_retention(mode: LockMode, until: _dt.datetime, now: _dt.datetime) -> Retention:
    if until <= now:
        raise S3Error(ErrorCode.INVALID_ARGUMENT, Message.RETAIN_UNTIL_PAST)
    return Retention(mode, until)


def lock_mode(value: str) -> LockMode:
    try:
        return LockMode(value)
    except ValueError:
        raise invalid_argument(Message.UNKNOWN_LOCK_MODE, "x-amz-object-lock-mode", value) from None


LOCK_HEADERS = (
    "x-amz-object-lock-mode",
    "x-amz-object-lock-retain-until-date",
    "x-amz-object-lock-legal-hold",
)


def requested_lock(
    request: S3Request, bucket: Bucket, now: _dt.datetime, *, integrity: bool = True
) -> tuple[Retention | None, bool | None]:
    """PutObject's (or CreateMultipartUpload's) lock headers as (retention, legal hold),
    checked as S3 checks them; ``integrity=False``: no body, so no Content-MD5 needed."""
    headers = request.headers
    mode = headers.get("x-amz-object-lock-mode")
    until = headers.get("x-amz-object-lock-retain-until-date")
    hold = headers.get("x-amz-object-lock-legal-hold")
    if mode is None and until is None and hold is None:
        if bucket.default_retention is not None and integrity:
            _require_lock_integrity(request)
        return None, None
    require_lock(bucket)
    if (mode is None) != (until is None):
        raise S3Error(ErrorCode.INVALID_ARGUMENT, Message.LOCK_HEADERS_PAIRED)
    retention = None
    if mode is not None and until is not None:
        retention = future_retention(
            lock_mode(mode), parse_retain_until(until, "x-amz-object-lock-retain-until-date"), now
        )
    legal_hold = None
    if hold is not None:
        if hold not in ("ON", "OFF"):
            raise invalid_argument(Message.LEGAL_HOLD_VALUE, "x-amz-object-lock-legal-hold", hold)
        legal_hold = hold == "ON"
    if integrity:
        _require_lock_integrity(request)
    return retention, legal_hold


def _require_lock_integrity(request: S3Request) -> None:
    if "content-md5" in request.headers or any(
        name.startswith("x-amz-checksum-") for name in request.headers
    ):
        return
    raise S3Error(ErrorCode.INVALID_REQUEST, Message.LOCK_INTEGRITY_REQUIRED)


def lock_headers(version: ObjectVersion) -> dict[str, str]:
    """What GetObject / HeadObject tell of a version's lock."""
    headers = {}
    if version.retention is not None:
        headers["x-amz-object-lock-mode"] = version.retention.mode.value
        headers["x-amz-object-lock-retain-until-date"] = iso_time(version.retention.retain_until)
    if version.legal_hold is not None:
        headers["x-amz-object-lock-legal-hold"] = "ON" if version.legal_hold else "OFF"
    return headers
