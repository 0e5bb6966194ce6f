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

from ...errors import ErrorCode, Message, S3Error, not_implemented
from ...model.policy import PolicyProblem, ProblemReason, parse_policy
from ...model.store import Store
from ..common.integrity import verify_checksum, verify_content_md5
from ..common.lookup import existing_bucket
from ..declaration import operation
from ..request import S3Request
from ..results import Empty, PolicyDocument

# S3's MalformedPolicy message for each reason (the catalogue says where each was recorded).
MESSAGES: dict[ProblemReason, str] = {
    ProblemReason.NOT_JSON: Message.POLICY_NOT_JSON,
    ProblemReason.INVALID_JSON: Message.POLICY_INVALID_JSON,
    ProblemReason.SYNTAX: Message.POLICY_SYNTAX,
    ProblemReason.TOO_LARGE: Message.POLICY_TOO_LARGE,
    ProblemReason.INVALID_VERSION: Message.POLICY_INVALID_VERSION,
    ProblemReason.MISSING_STATEMENT: Message.POLICY_MISSING_STATEMENT,
    ProblemReason.EMPTY_STATEMENT: Message.POLICY_EMPTY_STATEMENT,
    ProblemReason.DUPLICATE_SID: Message.POLICY_DUPLICATE_SID,
    ProblemReason.MISSING_FIELD: Message.POLICY_MISSING_FIELD,
    ProblemReason.INVALID_EFFECT: Message.POLICY_INVALID_EFFECT,
    ProblemReason.INVALID_PRINCIPAL: Message.POLICY_INVALID_PRINCIPAL,
    ProblemReason.INVALID_ACTION: Message.POLICY_INVALID_ACTION,
    ProblemReason.INVALID_RESOURCE: Message.POLICY_INVALID_RESOURCE,
    ProblemReason.ACTION_RESOURCE_MISMATCH: Message.POLICY_ACTION_RESOURCE_MISMATCH,
}


def policy_error(problem: PolicyProblem) -> S3Error:
    if problem.reason is ProblemReason.UNMODELLED:
        return not_implemented(problem.detail, "policy element")
    # replace, not format: POLICY_NOT_JSON holds a literal "{"
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
