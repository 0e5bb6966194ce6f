"""Bucket policies through a default boto3 client: Put/Get/DeleteBucketPolicy, the
documents S3 refuses, and explicit Denies enforced on the operations (per key in
DeleteObjects).

Spec: issue 5, "Permissions". Wire facts: PutBucketPolicy and DeleteBucketPolicy answer
204, GetBucketPolicy without a policy 404 NoSuchBucketPolicy with BucketName, a refused
document 400 MalformedPolicy (recorded by LocalStack against S3); the root user of the
owning account may always read, set and delete the policy (S3 API reference,
PutBucketPolicy).
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

import pytest
from s3_refusals import refused, snapshot

ACCESS_DENIED = "Access Denied"
ME = "123456789012"  # the double's default account
OTHER_ACCOUNT = "210987654321"
NOW = _dt.datetime(2030, 6, 1, 12, 0, tzinfo=_dt.timezone.utc)


def policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def deny(action: str | list[str], resource: str, principal: Any = "*") -> dict[str, Any]:
    return {"Effect": "Deny", "Principal": principal, "Action": action, "Resource": resource}


def objects(bucket: str, prefix: str = "") -> str:
    return f"arn:aws:s3:::{bucket}/{prefix}*"


def status(response: dict[str, Any]) -> int:
    return response["ResponseMetadata"]["HTTPStatusCode"]


def state(store):  # noqa: ANN001, ANN201
    """The store's objects, and every bucket's policy and lock settings."""
    settings = [(b.policy, b.object_lock_enabled, b.default_retention) for b in store]
    return snapshot(store), settings


def assert_access_denied(answer) -> None:  # noqa: ANN001
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (
        403, "AccessDenied", ACCESS_DENIED,
    )


def denied_entries(response: dict[str, Any]) -> list[tuple[str, str | None, str, str]]:
    return [
        (error["Key"], error.get("VersionId"), error["Code"], error["Message"])
        for error in response.get("Errors", [])
    ]


# -- the three operations ------------------------------------------------------------


def test_a_bucket_without_a_policy(s3double, s3, bucket):
    answer = refused(s3double.store, s3.get_bucket_policy, Bucket=bucket)

    assert (answer.status, answer.error) == (404, {
        "Code": "NoSuchBucketPolicy", "Message": "The bucket policy does not exist",
        "BucketName": bucket,
    })


def test_put_get_delete_a_policy(s3double, s3, bucket):
    text = policy(deny("s3:DeleteObject", objects(bucket)))

    put = s3.put_bucket_policy(Bucket=bucket, Policy=text)
    got = s3.get_bucket_policy(Bucket=bucket)
    deleted = s3.delete_bucket_policy(Bucket=bucket)
    again = s3.delete_bucket_policy(Bucket=bucket)

    assert status(put) == 204
    assert got["Policy"] == text
    assert got["ResponseMetadata"]["HTTPHeaders"]["content-type"] == "application/json"
    assert [status(deleted), status(again)] == [204, 204]
    assert s3double.store.bucket(bucket).policy is None


@pytest.mark.parametrize("method", ["put_bucket_policy", "get_bucket_policy", "delete_bucket_policy"])
def test_policy_operations_on_a_missing_bucket(s3double, s3, method):
    params = {"Policy": policy(deny("s3:*", "arn:aws:s3:::nowhere"))} if method[:3] == "put" else {}

    answer = refused(s3double.store, getattr(s3, method), Bucket="nowhere", **params)

    assert (answer.status, answer.error["Code"]) == (404, "NoSuchBucket")
    assert answer.error["BucketName"] == "nowhere"


def test_the_owner_may_always_manage_the_policy_even_when_it_denies_that(s3, bucket):
    arn = f"arn:aws:s3:::{bucket}"
    managing = ["s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:DeleteBucketPolicy"]
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(deny(managing, arn)))

    replaced = policy(deny("s3:*", arn))
    s3.put_bucket_policy(Bucket=bucket, Policy=replaced)

    assert s3.get_bucket_policy(Bucket=bucket)["Policy"] == replaced
    assert status(s3.delete_bucket_policy(Bucket=bucket)) == 204


def test_confirm_remove_self_bucket_access_is_not_modelled(s3double, s3, bucket):
    text = policy(deny("s3:*", f"arn:aws:s3:::{bucket}"))

    answer = refused(s3double.store, s3.put_bucket_policy, Bucket=bucket, Policy=text,
                     ConfirmRemoveSelfBucketAccess=True)

    assert answer.status == 501
    assert answer.error["Header"] == "x-amz-confirm-remove-self-bucket-access"
    assert s3double.store.bucket(bucket).policy is None


# -- refused documents -----------------------------------------------------------------

OBJECTS = objects("bucket-one")
NOT_JSON = "Policies must be valid JSON and the first byte must be '{'"
MALFORMED = [
    ("", NOT_JSON),
    ("invalid json", NOT_JSON),
    ('{"Statement": ', "This policy contains invalid Json"),
    ("{}", "Missing required field Statement"),
    ('{"Statement": []}', "Could not parse the policy: Statement is empty!"),
    (policy({**deny("s3:GetObject", OBJECTS), "Action": None}), "Invalid policy syntax."),
    (policy({"Effect": "Deny", "Action": "s3:GetObject", "Resource": OBJECTS}),
     "Missing required field Principal"),
    (policy({**deny("s3:GetObject", OBJECTS), "Effect": "Block"}), "Invalid effect: Block"),
    (policy(deny("s3:GetObject", OBJECTS, {"AWS": "not-an-account"})),
     "Invalid principal in policy"),
    (policy(deny("s3:PutObjectLockConfiguration", "arn:aws:s3:::bucket-one")),
     "Policy has invalid action"),
    (policy(deny("s3:GetObject", "*")), "Policy has invalid resource"),
    (policy(deny("s3:GetObject", objects("other-bucket"))), "Policy has invalid resource"),
    (policy(deny("s3:PutObject", "arn:aws:s3:::bucket-one")),
     "Action does not apply to any resource(s) in statement"),
]


@pytest.mark.parametrize(("text", "message"), MALFORMED)
def test_a_document_s3_refuses_is_malformed_and_the_policy_stays(s3double, s3, bucket, text,
                                                                message):
    previous = policy(deny("s3:DeleteObject", objects(bucket)))
    s3.put_bucket_policy(Bucket=bucket, Policy=previous)
    kept = s3double.store.bucket(bucket).policy

    answer = refused(s3double.store, s3.put_bucket_policy, Bucket=bucket, Policy=text)

    assert (answer.status, answer.error) == (400, {"Code": "MalformedPolicy", "Message": message})
    assert s3double.store.bucket(bucket).policy is kept
    assert s3.get_bucket_policy(Bucket=bucket)["Policy"] == previous


@pytest.mark.parametrize(
    ("extra", "element"),
    [
        ({"Condition": {"Bool": {"aws:SecureTransport": "false"}}}, "Condition"),
        ({"Principal": {"Federated": "cognito-identity.amazonaws.com"}}, "Principal Federated"),
        ({"Action": None, "NotAction": "s3:GetObject"}, "NotAction"),
    ],
    ids=["condition", "federated-principal", "not-action"],
)
def test_valid_iam_s3double_does_not_evaluate_is_not_implemented(s3double, s3, bucket, extra,
                                                                 element):
    statement = {**deny("s3:DeleteObject", objects(bucket)), **extra}
    text = policy({name: value for name, value in statement.items() if value is not None})

    answer = refused(s3double.store, s3.put_bucket_policy, Bucket=bucket, Policy=text)

    assert (answer.status, answer.error["Code"]) == (501, "NotImplemented")
    assert repr(element) in answer.error["Message"]
    assert s3double.store.bucket(bucket).policy is None


# -- enforcement: DeleteObject and DeleteObjects -------------------------------------


def test_a_denied_delete_object_is_403_and_deletes_nothing(s3double, s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="ledger/2024.csv", Body=b"1")
    s3.put_bucket_policy(Bucket=versioned_bucket, Policy=policy(
        deny("s3:DeleteObject", objects(versioned_bucket, "ledger/"))))

    answer = refused(s3double.store, s3.delete_object, Bucket=versioned_bucket,
                     Key="ledger/2024.csv")
    elsewhere = s3.delete_object(Bucket=versioned_bucket, Key="scratch.txt")

    assert_access_denied(answer)
    assert status(elsewhere) == 204


def test_delete_object_version_needs_the_version_action(s3double, s3, versioned_bucket):
    version = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"1")["VersionId"]
    s3.put_bucket_policy(Bucket=versioned_bucket, Policy=policy(
        deny("s3:DeleteObjectVersion", objects(versioned_bucket))))

    answer = refused(s3double.store, s3.delete_object, Bucket=versioned_bucket, Key="k",
                     VersionId=version)
    marker = s3.delete_object(Bucket=versioned_bucket, Key="k")  # s3:DeleteObject: allowed

    assert_access_denied(answer)
    assert marker["DeleteMarker"] is True


@pytest.mark.parametrize("quiet", [False, True])
def test_delete_objects_reports_each_denied_version_and_deletes_the_rest(
    s3double, s3, versioned_bucket, quiet
):
    ids = {key: s3.put_object(Bucket=versioned_bucket, Key=key, Body=b"x")["VersionId"]
           for key in ("keep/a", "keep/b", "tmp/c")}
    s3.put_bucket_policy(Bucket=versioned_bucket, Policy=policy(
        deny("s3:DeleteObjectVersion", objects(versioned_bucket, "keep/"))))
    batch = [{"Key": key, "VersionId": version} for key, version in ids.items()]

    response = s3.delete_objects(Bucket=versioned_bucket, Delete={"Objects": batch, "Quiet": quiet})

    assert status(response) == 200
    assert denied_entries(response) == [
        (key, ids[key], "AccessDenied", ACCESS_DENIED) for key in ("keep/a", "keep/b")
    ]
    assert [entry["Key"] for entry in response.get("Deleted", [])] == ([] if quiet else ["tmp/c"])
    bucket = s3double.store.bucket(versioned_bucket)
    assert bucket.version("keep/a", ids["keep/a"]) is not None
    assert bucket.versions("tmp/c") == []


def test_delete_objects_without_versions_asks_for_delete_object(s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="keep/a", Body=b"x")
    s3.put_bucket_policy(Bucket=versioned_bucket, Policy=policy(
        deny("s3:DeleteObjectVersion", objects(versioned_bucket)),
        deny("s3:DeleteObject", objects(versioned_bucket, "locked/"))))

    response = s3.delete_objects(Bucket=versioned_bucket, Delete={
        "Objects": [{"Key": "keep/a"}, {"Key": "locked/b"}]})

    assert [entry["Key"] for entry in response["Deleted"]] == ["keep/a"]
    assert denied_entries(response) == [("locked/b", None, "AccessDenied", ACCESS_DENIED)]


def test_wildcards_choose_what_is_denied(s3, bucket):
    keys = ["private/a", "private/deep/b", "public/c"]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(
        deny("s3:Delete*", objects(bucket, "private/"))))

    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys]})

    assert [error["Key"] for error in response["Errors"]] == ["private/a", "private/deep/b"]
    assert [entry["Key"] for entry in response["Deleted"]] == ["public/c"]
    assert s3.get_object(Bucket=bucket, Key="private/deep/b")["Body"].read() == b"x"


# -- enforcement: governance bypass and object lock ----------------------------------


@pytest.fixture
def governed(s3double, s3):
    """An object lock bucket with a GOVERNANCE-retained version and an unlocked one, and
    a policy denying the bypass."""
    s3double.clock.set(NOW)
    s3.create_bucket(Bucket="governed", ObjectLockEnabledForBucket=True)
    locked = s3.put_object(
        Bucket="governed", Key="locked", Body=b"x", ObjectLockMode="GOVERNANCE",
        ObjectLockRetainUntilDate=NOW + _dt.timedelta(days=30),
    )["VersionId"]
    loose = s3.put_object(Bucket="governed", Key="loose", Body=b"y")["VersionId"]
    s3.put_bucket_policy(Bucket="governed", Policy=policy(
        deny("s3:BypassGovernanceRetention", objects("governed"))))
    return {"locked": locked, "loose": loose}


def test_a_denied_bypass_refuses_delete_object(s3double, s3, governed):
    answer = refused(s3double.store, s3.delete_object, Bucket="governed", Key="locked",
                     VersionId=governed["locked"], BypassGovernanceRetention=True)

    assert_access_denied(answer)


def test_a_denied_bypass_refuses_even_an_unlocked_version(s3double, s3, governed):
    answer = refused(s3double.store, s3.delete_object, Bucket="governed", Key="loose",
                     VersionId=governed["loose"], BypassGovernanceRetention=True)
    plain = s3.delete_object(Bucket="governed", Key="loose", VersionId=governed["loose"])

    assert_access_denied(answer)
    assert status(plain) == 204


def test_a_denied_bypass_is_per_key_in_delete_objects(s3, governed):
    batch = [{"Key": key, "VersionId": version} for key, version in governed.items()]

    response = s3.delete_objects(Bucket="governed", BypassGovernanceRetention=True,
                                 Delete={"Objects": batch})

    assert denied_entries(response) == [
        (key, version, "AccessDenied", ACCESS_DENIED) for key, version in governed.items()
    ]


LATER = NOW + _dt.timedelta(days=60)
LOCK_ENFORCED = [
    ("s3:PutObjectLegalHold", "put_object_legal_hold",
     {"Key": "locked", "LegalHold": {"Status": "ON"}}),
    ("s3:GetObjectLegalHold", "get_object_legal_hold", {"Key": "locked"}),
    ("s3:PutObjectRetention", "put_object_retention",
     {"Key": "locked", "Retention": {"Mode": "GOVERNANCE", "RetainUntilDate": LATER}}),
    ("s3:GetObjectRetention", "get_object_retention", {"Key": "locked"}),
    ("s3:BypassGovernanceRetention", "put_object_retention",
     {"Key": "locked", "Retention": {}, "BypassGovernanceRetention": True}),
    ("s3:GetBucketObjectLockConfiguration", "get_object_lock_configuration", {}),
    ("s3:PutBucketObjectLockConfiguration", "put_object_lock_configuration",
     {"ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled", "Rule": {
         "DefaultRetention": {"Mode": "COMPLIANCE", "Days": 1}}}}),
]


@pytest.mark.parametrize(("action", "method", "params"), LOCK_ENFORCED,
                         ids=[f"{case[1]}-{case[0]}" for case in LOCK_ENFORCED])
def test_an_explicit_deny_refuses_object_lock_operations(s3double, s3, governed, action, method,
                                                         params):
    on_objects = "Configuration" not in action
    resource = objects("governed") if on_objects else "arn:aws:s3:::governed"
    s3.put_bucket_policy(Bucket="governed", Policy=policy(deny(action, resource)))
    before = state(s3double.store)

    answer = refused(s3double.store, getattr(s3, method), Bucket="governed", **params)

    assert_access_denied(answer)
    assert state(s3double.store) == before


# -- enforcement: the other operations -----------------------------------------------


@pytest.fixture
def stocked(s3, versioned_bucket):
    version = s3.put_object(Bucket=versioned_bucket, Key="doc", Body=b"hello")["VersionId"]
    return versioned_bucket, version


ENFORCED = [
    ("s3:PutObject", "object", "put_object", {"Key": "doc", "Body": b"new"}),
    ("s3:GetObject", "object", "get_object", {"Key": "doc"}),
    ("s3:GetObject", "object", "head_object", {"Key": "doc"}),
    ("s3:GetObjectVersion", "object", "get_object", {"Key": "doc", "VersionId": "{version}"}),
    ("s3:PutObject", "object", "copy_object", {"Key": "copy", "CopySource": "{bucket}/doc"}),
    ("s3:GetObject", "object", "copy_object", {"Key": "copy", "CopySource": "{bucket}/doc"}),
    ("s3:ListBucket", "bucket", "list_objects", {}),
    ("s3:ListBucket", "bucket", "list_objects_v2", {}),
    ("s3:ListBucket", "bucket", "head_bucket", {}),
    ("s3:ListBucketVersions", "bucket", "list_object_versions", {}),
    ("s3:DeleteBucket", "bucket", "delete_bucket", {}),
    ("s3:GetBucketLocation", "bucket", "get_bucket_location", {}),
    ("s3:GetBucketVersioning", "bucket", "get_bucket_versioning", {}),
    ("s3:PutBucketVersioning", "bucket", "put_bucket_versioning",
     {"VersioningConfiguration": {"Status": "Suspended"}}),
]


@pytest.mark.parametrize(("action", "kind", "method", "params"), ENFORCED,
                         ids=[f"{case[2]}-{case[0]}" for case in ENFORCED])
def test_an_explicit_deny_refuses_the_operation(s3double, s3, stocked, action, kind, method,
                                                params):
    bucket, version = stocked
    resource = objects(bucket) if kind == "object" else f"arn:aws:s3:::{bucket}"
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(deny(action, resource)))
    params = {
        name: value.format(bucket=bucket, version=version) if isinstance(value, str) else value
        for name, value in params.items()
    }
    before = state(s3double.store)

    answer = refused(s3double.store, getattr(s3, method), Bucket=bucket, **params)

    assert answer.status == 403
    if method not in ("head_object", "head_bucket"):  # HEAD answers carry no body
        assert (answer.error["Code"], answer.error["Message"]) == ("AccessDenied", ACCESS_DENIED)
    assert state(s3double.store) == before


@pytest.mark.parametrize(
    ("principal", "refuses"),
    [
        ("*", True),
        ({"AWS": "*"}, True),
        ({"AWS": ME}, True),
        ({"AWS": f"arn:aws:iam::{ME}:root"}, True),
        ({"AWS": [OTHER_ACCOUNT, ME]}, True),
        ({"AWS": OTHER_ACCOUNT}, False),
        ({"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"}, False),
    ],
    ids=["star", "aws-star", "account", "root-arn", "list", "other-account", "other-root"],
)
def test_a_deny_refuses_only_the_principals_it_names(s3double, s3, bucket, principal, refuses):
    assert s3double.account_id == ME
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(deny("s3:GetObject", objects(bucket),
                                                           principal)))

    if refuses:
        assert_access_denied(refused(s3double.store, s3.get_object, Bucket=bucket, Key="k"))
    else:
        assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"x"


def test_an_allow_statement_changes_nothing_for_the_owner(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    s3.put_bucket_policy(Bucket=bucket, Policy=policy({
        "Effect": "Allow", "Principal": {"AWS": OTHER_ACCOUNT}, "Action": "s3:GetObject",
        "Resource": objects(bucket),
    }))

    s3.delete_object(Bucket=bucket, Key="k")

    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0
