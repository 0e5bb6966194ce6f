"""Bucket policies in the model: documents read into values or refused with a reason,
and ``denies`` judging an action on a resource. Pure: no botocore.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from s3double.model.policy import (
    Effect,
    Policy,
    PolicyProblem,
    ProblemReason,
    denies,
    parse_policy,
    resource_arn,
)

ME = "123456789012"
OTHER = "210987654321"
BUCKET = "photos"
OBJECTS = f"arn:aws:s3:::{BUCKET}/*"


def statement(**overrides: Any) -> dict[str, Any]:
    base = {"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject", "Resource": OBJECTS}
    base.update(overrides)
    return {name: value for name, value in base.items() if value is not None}


def document(*statements: dict[str, Any], **top: Any) -> bytes:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements), **top}).encode()


def parsed(body: bytes) -> Policy:
    policy = parse_policy(body, BUCKET)
    assert isinstance(policy, Policy), policy
    return policy


def problem(body: bytes) -> PolicyProblem:
    result = parse_policy(body, BUCKET)
    assert isinstance(result, PolicyProblem), result
    return result


def denied(policy: Policy, action: str, key: str | None = None, account: str = ME) -> bool:
    return denies(policy, account, action, resource_arn(BUCKET, key))


# -- reading ---------------------------------------------------------------------


def test_a_document_becomes_statements_and_keeps_its_text():
    body = document(statement(Sid="NoDeletes"), Id="guard")

    policy = parsed(body)

    assert policy.document == body.decode()
    assert (policy.version, policy.id) == ("2012-10-17", "guard")
    (only,) = policy.statements
    assert (only.effect, only.sid, only.actions, only.resources) == (
        Effect.DENY, "NoDeletes", ("s3:DeleteObject",), (OBJECTS,),
    )


def test_a_single_statement_object_and_no_version_are_accepted():
    body = json.dumps({"Statement": statement()}).encode()

    policy = parsed(body)

    assert policy.version == "2008-10-17"  # IAM: "The default policy version"
    assert len(policy.statements) == 1


@pytest.mark.parametrize(
    ("principal", "accounts"),
    [
        ("*", {"*"}),
        ({"AWS": "*"}, {"*"}),
        ({"AWS": ME}, {ME}),
        ({"AWS": f"arn:aws:iam::{ME}:root"}, {ME}),
        ({"AWS": [ME, f"arn:aws:iam::{OTHER}:root"]}, {ME, OTHER}),
        ({"AWS": f"arn:aws:iam::{ME}:role/deployer"}, {f"arn:aws:iam::{ME}:role/deployer"}),
        ({"AWS": f"arn:aws:iam::{ME}:user/alice"}, {f"arn:aws:iam::{ME}:user/alice"}),
        ({"Service": "logging.s3.amazonaws.com"}, {"service:logging.s3.amazonaws.com"}),
    ],
    ids=["star", "aws-star", "account-id", "root-arn", "list", "role-arn", "user-arn", "service"],
)
def test_principal_forms(principal, accounts):
    (only,) = parsed(document(statement(Principal=principal))).statements

    assert only.principals == frozenset(accounts)


@pytest.mark.parametrize(
    "principal",
    [{"AWS": f"arn:aws:iam::{ME}:role/deployer"}, {"Service": "cloudfront.amazonaws.com"}],
    ids=["role", "service"],
)
def test_a_deny_naming_a_role_or_a_service_leaves_the_root_caller_free(principal):
    """IAM user guide, "Policy evaluation logic": a statement applies to the principals it
    names; the double's caller is the account's root user, which a role or service
    principal does not name (facts-bucket-configuration.md §9.2 lists both forms)."""
    policy = parsed(document(statement(Principal=principal)))

    assert not denied(policy, "s3:DeleteObject", "k")


# -- judging ---------------------------------------------------------------------


def test_a_deny_refuses_its_action_on_its_resource_only():
    policy = parsed(document(statement(Resource=f"arn:aws:s3:::{BUCKET}/logs/*")))

    assert denied(policy, "s3:DeleteObject", "logs/2024/app.log")
    assert not denied(policy, "s3:DeleteObject", "data/app.log")
    assert not denied(policy, "s3:DeleteObjectVersion", "logs/app.log")
    assert not denied(policy, "s3:PutObject", "logs/app.log")


@pytest.mark.parametrize(
    ("action", "denied_actions", "allowed_actions"),
    [
        ("s3:Delete*", ["s3:DeleteObject", "s3:DeleteObjectVersion"], ["s3:GetObject"]),
        ("s3:*", ["s3:DeleteObject", "s3:PutObject", "s3:GetObjectVersion"], []),
        ("*", ["s3:BypassGovernanceRetention"], []),
        ("s3:?etObject", ["s3:GetObject"], ["s3:PutObject", "s3:GetObjectVersion"]),
        ("S3:deleteobjectVERSION", ["s3:DeleteObjectVersion"], ["s3:DeleteObject"]),
    ],
    ids=["prefix", "service", "everything", "one-character", "case"],
)
def test_action_wildcards_and_case(action, denied_actions, allowed_actions):
    policy = parsed(document(statement(Action=action)))

    assert [denied(policy, name, "k") for name in denied_actions] == [True] * len(denied_actions)
    assert [denied(policy, name, "k") for name in allowed_actions] == [False] * len(allowed_actions)


def test_resource_wildcards_span_slashes_and_respect_case():
    policy = parsed(document(statement(Resource=f"arn:aws:s3:::{BUCKET}/*/scratch/*")))

    assert denied(policy, "s3:DeleteObject", "a/b/scratch/c")
    assert denied(policy, "s3:DeleteObject", "/scratch/x")
    assert not denied(policy, "s3:DeleteObject", "a/SCRATCH/c")
    assert not denied(policy, "s3:DeleteObject", "scratch/c")


def test_a_bucket_resource_is_not_its_objects():
    policy = parsed(document(statement(Action="s3:*", Resource=f"arn:aws:s3:::{BUCKET}")))

    assert denied(policy, "s3:ListBucket")
    assert not denied(policy, "s3:DeleteObject", "k")


def test_only_deny_statements_naming_the_caller_refuse():
    policy = parsed(document(
        statement(Effect="Allow"),
        statement(Principal={"AWS": OTHER}, Action="s3:PutObject"),
        statement(Principal={"AWS": f"arn:aws:iam::{ME}:root"}, Action="s3:GetObject"),
    ))

    assert not denied(policy, "s3:DeleteObject", "k")  # an Allow grants, never refuses
    assert not denied(policy, "s3:PutObject", "k")  # another account's Deny
    assert denied(policy, "s3:GetObject", "k")
    assert denied(policy, "s3:PutObject", "k", account=OTHER)


# -- refusals --------------------------------------------------------------------

R = ProblemReason
REFUSED = [
    (b"", R.NOT_JSON, ""),
    (b"invalid json", R.NOT_JSON, ""),
    (b' {"Statement": []}', R.NOT_JSON, ""),
    (b"\xef\xbb\xbf{}", R.NOT_JSON, ""),
    (b"{", R.INVALID_JSON, ""),
    (b'{"Statement": NaN}', R.INVALID_JSON, ""),
    (b'{"Id": "\xff"}', R.INVALID_JSON, ""),
    (b"{}", R.MISSING_STATEMENT, ""),
    (b'{"Statement": []}', R.EMPTY_STATEMENT, ""),
    (b'{"Statement": "Deny"}', R.SYNTAX, ""),
    (document(statement(), Version="2020-01-01"), R.INVALID_VERSION, ""),
    (document(statement(), Extra=1), R.SYNTAX, ""),
    (document(statement(Actions="s3:GetObject")), R.SYNTAX, ""),
    (document(statement(Action=[])), R.SYNTAX, ""),
    (b'{"Statement": {"Effect": "Deny", "Effect": "Allow"}}', R.SYNTAX, ""),
    (b'{"Statement": {"Effect": "Deny", "Principal": "*", "Action": null, "Resource": "*"}}',
     R.SYNTAX, ""),
    (document(statement(Sid="a"), statement(Sid="a", Action="s3:PutObject")), R.DUPLICATE_SID, ""),
    (document(statement(Effect=None)), R.MISSING_FIELD, "Effect"),
    (document(statement(Effect="deny")), R.INVALID_EFFECT, "deny"),
    (document(statement(Principal=None)), R.MISSING_FIELD, "Principal"),
    (document(statement(Principal={"AWS": "12345"})), R.INVALID_PRINCIPAL, ""),
    (document(statement(Principal={"AWS": "arn:aws:iam::*:root"})), R.INVALID_PRINCIPAL, ""),
    (document(statement(Principal={"Someone": "x"})), R.INVALID_PRINCIPAL, ""),
    (document(statement(Action=None)), R.MISSING_FIELD, "Action"),
    (document(statement(Action="s3:PutObjectLockConfiguration")), R.INVALID_ACTION, ""),
    (document(statement(Action="ec2:*")), R.INVALID_ACTION, ""),
    (document(statement(Resource=None)), R.MISSING_FIELD, "Resource"),
    (document(statement(Resource="*")), R.INVALID_RESOURCE, ""),
    (document(statement(Resource="arn:aws:s3:::another-bucket/*")), R.INVALID_RESOURCE, ""),
    (document(statement(Action="s3:PutObject", Resource=f"arn:aws:s3:::{BUCKET}")),
     R.ACTION_RESOURCE_MISMATCH, ""),
    (document(statement(Action="s3:ListBucket")), R.ACTION_RESOURCE_MISMATCH, ""),
    (document(statement(Action="s3:ListAllMyBuckets")), R.ACTION_RESOURCE_MISMATCH, ""),
    (document(statement(Condition={"Bool": {"aws:SecureTransport": "false"}})), R.UNMODELLED,
     "Condition"),
    (document(statement(Principal=None, NotPrincipal={"AWS": OTHER})), R.UNMODELLED,
     "NotPrincipal"),
    (document(statement(Action=None, NotAction="s3:GetObject")), R.UNMODELLED, "NotAction"),
    (document(statement(Resource=None, NotResource=OBJECTS)), R.UNMODELLED, "NotResource"),
    (document(statement(Principal={"Federated": "cognito-identity.amazonaws.com"})), R.UNMODELLED,
     "Principal Federated"),
    (document(statement(Principal={"Service": "not a service"})), R.INVALID_PRINCIPAL, ""),
]


@pytest.mark.parametrize(
    ("body", "reason", "detail"), REFUSED,
    ids=[f"{case[1].value}-{index}" for index, case in enumerate(REFUSED)],
)
def test_a_document_outside_the_subset_is_refused_with_its_reason(body, reason, detail):
    assert problem(body) == PolicyProblem(reason, detail)


def test_both_of_an_exclusive_pair_is_a_syntax_error():
    body = document(statement(NotAction="s3:GetObject"))

    assert problem(body).reason is ProblemReason.SYNTAX


def test_what_s3_would_refuse_wins_over_what_s3double_does_not_model():
    condition = {"Bool": {"aws:SecureTransport": "false"}}
    body = document(statement(Action="s3:NoSuchAction", Condition=condition))

    assert problem(body).reason is ProblemReason.INVALID_ACTION


def test_a_document_over_20480_normalized_bytes_is_too_large():
    sids = [statement(Sid=f"s{n:04d}", Action="s3:GetObject") for n in range(200)]
    body = document(*sids)
    small = document(*sids[:100])

    assert problem(body).reason is ProblemReason.TOO_LARGE
    assert isinstance(parse_policy(small, BUCKET), Policy)


@pytest.mark.parametrize(
    "resource",
    ["arn:aws:s3:::*", "arn:aws:s3:::pho*", "arn:aws:s3:::phot?s/*", f"arn:aws:s3:::{BUCKET}/",
     "arn:aws:s3:::*/*"],
)
def test_a_wildcarded_resource_may_name_this_bucket(resource):
    policy = parsed(document(statement(Action="s3:*", Resource=resource)))

    assert policy.statements[0].resources == (resource,)
