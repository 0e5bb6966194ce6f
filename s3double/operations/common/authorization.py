"""The check every operation makes against its bucket's policy before it acts.

S3 API reference, "Required permissions for Amazon S3 API operations": each operation
asks for its actions (the version forms when a version id is named), and an explicit
Deny answers 403 AccessDenied; per key inside DeleteObjects, ``key_denied``. The
policy language itself lives in ``model.policy``.
"""

from __future__ import annotations

from ...errors import ErrorCode, S3Error
from ...model.bucket import Bucket
from ...model.policy import denies, resource_arn
from ...model.store import Store
from ..request import S3Request
from ..results import KeyError_
from .protection import BYPASS

# With a version id, S3 authorizes an object's versioned action.
VERSION_ACTIONS = {
    "s3:GetObject": "s3:GetObjectVersion",
    "s3:DeleteObject": "s3:DeleteObjectVersion",
    "s3:GetObjectAcl": "s3:GetObjectVersionAcl",
    "s3:PutObjectAcl": "s3:PutObjectVersionAcl",
    "s3:GetObjectAttributes": "s3:GetObjectVersionAttributes",
}
BYPASS_ACTION = "s3:BypassGovernanceRetention"


def needed_actions(request: S3Request, action: str, version_id: str | None) -> list[str]:
    """``action`` (in its version form when a version is named), and the bypass of
    governance retention when the request asks for it: a caller denied
    s3:BypassGovernanceRetention is refused whenever it sends the header true, object
    locked or not (AWS re:Post, "Deleting an object version with no retention settings
    requires BypassGovernanceRetention permissions")."""
    needed = [VERSION_ACTIONS.get(action, action) if version_id is not None else action]
    if request.headers.get(BYPASS) is not None and request.flag(BYPASS):
        needed.append(BYPASS_ACTION)
    return needed


def _denied(store: Store, bucket: Bucket, actions: list[str], key: str | None) -> bool:
    policy = bucket.policy
    if policy is None:
        return False
    resource = resource_arn(bucket.name, key)
    return any(denies(policy, store.account_id, action, resource) for action in actions)


def authorize(
    store: Store, bucket: Bucket, request: S3Request, action: str,
    key: str | None = None, version_id: str | None = None,
) -> None:
    """403 AccessDenied when ``bucket``'s policy explicitly denies the caller ``action`` on
    the bucket (or on ``key``), or a bypass of governance retention the request asks for."""
    if bucket.policy is not None and _denied(
        store, bucket, needed_actions(request, action, version_id), key
    ):
        raise S3Error(ErrorCode.ACCESS_DENIED)


def key_denied(
    store: Store, bucket: Bucket, request: S3Request, key: str, version_id: str | None
) -> KeyError_ | None:
    """DeleteObjects, one key: S3 authorizes s3:DeleteObject (s3:DeleteObjectVersion with
    a version id) for each object, and a denied key is an AccessDenied entry of the 200
    answer while the others proceed."""
    if bucket.policy is None:
        return None
    if _denied(store, bucket, needed_actions(request, "s3:DeleteObject", version_id), key):
        denied = ErrorCode.ACCESS_DENIED
        return KeyError_(key, version_id, denied.code, denied.message)
    return None
