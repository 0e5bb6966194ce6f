"""RestoreObject: a temporary readable copy of a GLACIER or DEEP_ARCHIVE version.

S3's answers (tests/data/aws/facts-storage-class-restore.md §3): 202 Accepted when a
restore starts, 200 OK when the version is already restored (the expiry is set anew),
409 RestoreAlreadyInProgress while one runs, 403 InvalidObjectState for a version that
is not archived; a regular restore without ``Days`` is 400 MalformedXML; ``Days`` on an
INTELLIGENT_TIERING object is 400 InvalidArgument. The tier is
``GlacierJobParameters.Tier`` (Standard by default). The restore completes on the
double's clock after the time ``model.storage`` gives for the tier. Restores that
select or write elsewhere (``Type``, ``SelectParameters``, ``OutputLocation``, a
top-level ``Tier``) are refused as not implemented.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ...errors import ErrorCode, Message, S3Error, invalid_argument, not_implemented
from ...model.storage import (
    DEFAULT_TIER,
    INTELLIGENT_TIERING,
    TIERS,
    RestoreOutcome,
    request_restore,
    storage_class_of,
)
from ...model.store import Store
from ..common.authorization import authorize
from ..common.integrity import verify_checksum, verify_content_md5
from ..common.lookup import existing_bucket, object_key, resolve_version
from ..declaration import Shaped, operation
from ..request import S3Request
from ..results import Empty

_NOT_MODELLED = ("Type", "SelectParameters", "OutputLocation", "Tier")
_STATUS = {RestoreOutcome.STARTED: 202, RestoreOutcome.EXTENDED: 200}


@operation("RestoreObject", query={"restore", "versionId"}, body=Shaped)
def restore_object(store: Store, request: S3Request) -> Empty:
    bucket = existing_bucket(store, request)
    key = object_key(request)
    version_id = request.query.get("versionId")
    authorize(store, bucket, request, "s3:RestoreObject", key, version_id)
    verify_content_md5(request)
    verify_checksum(request)
    days, tier = _restore_request(request.document() if request.body.strip() else {})
    version = resolve_version(bucket, key, version_id, "POST")
    if storage_class_of(version.options) == INTELLIGENT_TIERING and days is not None:
        raise invalid_argument(Message.INTELLIGENT_TIERING_DAYS, "Days", str(days))
    result = request_restore(version.options, days or 0, tier, store.now())
    outcome = result.outcome
    if outcome is RestoreOutcome.NOT_ARCHIVED:
        raise S3Error(ErrorCode.INVALID_OBJECT_STATE, StorageClass=storage_class_of(version.options))
    if days is None:  # an archived object's restore needs Days (aws/aws-sdk-ruby#2380)
        raise S3Error(ErrorCode.MALFORMED_XML)
    if outcome is RestoreOutcome.IN_PROGRESS:
        raise S3Error(ErrorCode.RESTORE_ALREADY_IN_PROGRESS)
    if outcome is RestoreOutcome.TIER_NOT_OFFERED:
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Message.EXPEDITED_DEEP_ARCHIVE)
    bucket.update(dataclasses.replace(version, options=result.options))
    return Empty(status=_STATUS[outcome])


def _restore_request(document: dict[str, Any]) -> tuple[int | None, str]:
    """(Days, tier) of a RestoreRequest; Days below 1 or a tier outside the enum is
    MalformedXML (not recorded)."""
    for name in _NOT_MODELLED:
        if name in document:
            raise not_implemented(f"RestoreRequest.{name}", "element")
    days = document.get("Days")
    if days is not None and days < 1:
        raise S3Error(ErrorCode.MALFORMED_XML)
    tier = (document.get("GlacierJobParameters") or {}).get("Tier", DEFAULT_TIER)
    if tier not in TIERS:  # outside the schema's enum
        raise S3Error(ErrorCode.MALFORMED_XML)
    return days, tier
