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

from ...errors import ErrorCode, S3Error, not_implemented
from ...model.policy import PolicyProblem, ProblemReason, parse_policy
from ...model.store import Store
from ..common.integrity import verify_checksum, verify_content_md5
from ..common.lookup import existing_bucket
from ..declaration import operation
from ..request import S3Request
from ..results import Empty, PolicyDocument

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


def policy_error(problem: PolicyProblem) -> S3Error:
    if problem.reason is ProblemReason.UNMODELLED:
        return not_implemented(problem.detail, "policy element")
    message = MESSAGES[problem.reason].replace("{detail}", problem.detail)
    return S3Error(ErrorCode.MALFORMED_POLICY, message)


@operation("PutBucketPolicy", query={"policy"}, body=bytes)
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
