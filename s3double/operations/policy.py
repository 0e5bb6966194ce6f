"""Bucket policies: PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy, and the check
the other operations make against a bucket's policy before they act.

S3 API reference, PutBucketPolicy: "the root principal in a bucket owner's AWS account
can perform the GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API actions,
even if their bucket policy explicitly denies the root principal's access". s3double's
caller is that root principal (``S3Double.account_id``), so the three operations are
never refused by the policy they manage; every other operation asks ``authorize`` (or,
per key in DeleteObjects, ``key_denied``) for the actions it needs ("Required
permissions for Amazon S3 API operations"), and an explicit Deny answers 403
AccessDenied.

A document S3 refuses is 400 MalformedPolicy with S3's message; valid IAM that
s3double does not evaluate (``Condition``, ``NotAction`` ...) is 501 NotImplemented
naming it. Either way the bucket keeps the policy it had.
"""

from __future__ import annotations

from ..errors import ErrorCode, S3Error, not_implemented
from ..model.bucket import Bucket
from ..model.policy import PolicyProblem, ProblemReason, denies, parse_policy, resource_arn
from ..model.store import Store
from .integrity import verify_checksum, verify_content_md5
from .protection import BYPASS
from .registry import existing_bucket, operation
from .request import S3Request
from .results import Empty, KeyError_, PolicyDocument

# S3's MalformedPolicy messages, by reason. Recorded against S3 (LocalStack's snapshots,
# others' reports): NOT_JSON, MISSING_STATEMENT, INVALID_PRINCIPAL, INVALID_ACTION,
# INVALID_RESOURCE, ACTION_RESOURCE_MISMATCH, SYNTAX (for "Action": null), TOO_LARGE.
# versitygw's catalogue of S3's answers: INVALID_JSON, EMPTY_STATEMENT, INVALID_VERSION,
# INVALID_EFFECT. IAM's wording: DUPLICATE_SID. MISSING_FIELD follows "Missing required
# field Statement" and the widely reported "Missing required field Principal".
MESSAGES: dict[ProblemReason, str] = {
    ProblemReason.NOT_JSON: "Policies must be valid JSON and the first byte must be '{'",
    ProblemReason.INVALID_JSON: "This policy contains invalid Json",
    ProblemReason.SYNTAX: "Invalid policy syntax.",
    ProblemReason.TOO_LARGE:
        "Normalized policy document exceeds the maximum allowed size of 20480 bytes",
    ProblemReason.INVALID_VERSION: "The policy must contain a valid version string",
    ProblemReason.MISSING_STATEMENT: "Missing required field Statement",
    ProblemReason.EMPTY_STATEMENT: "Could not parse the policy: Statement is empty!",
    ProblemReason.DUPLICATE_SID: "Statement IDs (SID) in a single policy must be unique.",
    ProblemReason.MISSING_FIELD: "Missing required field {detail}",
    ProblemReason.INVALID_EFFECT: "Invalid effect: {detail}",
    ProblemReason.INVALID_PRINCIPAL: "Invalid principal in policy",
    ProblemReason.INVALID_ACTION: "Policy has invalid action",
    ProblemReason.INVALID_RESOURCE: "Policy has invalid resource",
    ProblemReason.ACTION_RESOURCE_MISMATCH: "Action does not apply to any resource(s) in statement",
}
# With a version id, S3 authorizes an object's versioned action.
VERSION_ACTIONS = {
    "s3:GetObject": "s3:GetObjectVersion",
    "s3:DeleteObject": "s3:DeleteObjectVersion",
}
BYPASS_ACTION = "s3:BypassGovernanceRetention"


def policy_error(problem: PolicyProblem) -> S3Error:
    if problem.reason is ProblemReason.UNMODELLED:
        return not_implemented(problem.detail, "policy element")
    message = MESSAGES[problem.reason].replace("{detail}", problem.detail)
    return S3Error(ErrorCode.MALFORMED_POLICY, message)


@operation("PutBucketPolicy", query={"policy"})
def put_bucket_policy(store: Store, request: S3Request) -> Empty:
    """204, as S3 answered (the API reference's syntax says 200, its sample 204)."""
    bucket = existing_bucket(store, request)
    verify_content_md5(request)
    verify_checksum(request)
    policy = parse_policy(request.body, bucket.name)
    if isinstance(policy, PolicyProblem):
        raise policy_error(policy)
    bucket.policy = policy
    return Empty(status=204)


@operation("GetBucketPolicy", query={"policy"})
def get_bucket_policy(store: Store, request: S3Request) -> PolicyDocument:
    """The document as it was put. (S3 gives back its own compact serialization, whose
    exact form is not recorded; s3-tests expects the bytes it sent.)"""
    bucket = existing_bucket(store, request)
    if bucket.policy is None:
        raise S3Error(ErrorCode.NO_SUCH_BUCKET_POLICY, BucketName=bucket.name)
    return PolicyDocument(bucket.policy.document)


@operation("DeleteBucketPolicy", query={"policy"})
def delete_bucket_policy(store: Store, request: S3Request) -> Empty:
    """204, with or without a policy to delete."""
    bucket = existing_bucket(store, request)
    bucket.policy = None
    return Empty(status=204)


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
