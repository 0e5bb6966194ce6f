"""Object ACLs through boto3: canned ACLs and grant headers on writes, GetObjectAcl and
PutObjectAcl, under Object Ownership and Block Public Access.

Every expected answer is S3's, from tests/data/aws/facts-acl-ownership.md (sections in
the tests' comments) and recorded/get_object_acl.json. New buckets are BucketOwnerEnforced
with public ACLs blocked (§4.1, §5.1); a test that needs ACLs enabled sets the bucket's
ownership on the model (PutBucketOwnershipControls is another part of s3double).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from multipart_support import refused_upload, send, start
from s3_refusals import refused

from s3double.model.acl import canonical_user_id

OWNER = canonical_user_id("123456789012")
OTHER = canonical_user_id("210987654321")
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery"
NOT_SUPPORTED = ("AccessControlListNotSupported", "The bucket does not allow ACLs")
MALFORMED_ACL = "The XML you provided was not well-formed or did not validate against our published schema"
RECORDED = json.loads((Path(__file__).parents[1] / "data/aws/recorded/get_object_acl.json").read_text())[
    "recordings"
][0]["responses"]


def recorded(name: str, owner: str = OWNER) -> dict:
    """A recorded GetObjectAcl answer, the owner placeholder filled in."""
    answer = json.loads(json.dumps(RECORDED[name]).replace("<owner-id:1>", owner))
    del answer["HTTPStatusCode"]
    return answer


def acl_of(s3, bucket, key="k", **params) -> dict:  # noqa: ANN001
    response = s3.get_object_acl(Bucket=bucket, Key=key, **params)
    return {"Grants": response["Grants"], "Owner": response["Owner"]}


@pytest.fixture
def acl_bucket(s3double, s3):  # noqa: ANN001, ANN201
    """A bucket with ACLs enabled (ObjectWriter) and public ACLs allowed."""
    s3.create_bucket(Bucket="acls")
    s3.put_bucket_ownership_controls(Bucket="acls", OwnershipControls=ownership("ObjectWriter"))
    s3.put_public_access_block(Bucket="acls", PublicAccessBlockConfiguration={"BlockPublicAcls": False})
    return "acls"


def ownership(setting: str) -> dict:
    return {"Rules": [{"ObjectOwnership": setting}]}


# -- reading --------------------------------------------------------------------------------


def test_a_new_object_acl_is_the_owner_full_control(s3, bucket):  # §3.2
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    assert acl_of(s3, bucket) == recorded("get-object-acl-default")


def test_the_acl_document_carries_the_grantee_type_as_an_xsi_attribute(s3, bucket):  # §3.1
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    raw = {}
    s3.meta.events.register(
        "before-parse.s3.GetObjectAcl", lambda response_dict, **_: raw.update(response_dict)
    )
    s3.get_object_acl(Bucket=bucket, Key="k")
    body = raw["body"].decode()
    assert '<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' in body
    assert 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"' in body


def test_delete_markers_and_missing_keys(s3, s3double, versioned_bucket):  # §3.6
    version = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"x")["VersionId"]
    marker = s3.delete_object(Bucket=versioned_bucket, Key="k")["VersionId"]
    current = refused(s3double.store, s3.get_object_acl, Bucket=versioned_bucket, Key="k")
    assert (current.status, current.error["Code"], current.error["Key"]) == (404, "NoSuchKey", "k")
    by_id = refused(s3double.store, s3.get_object_acl, Bucket=versioned_bucket, Key="k", VersionId=marker)
    assert (by_id.status, by_id.error["Method"], by_id.error["ResourceType"]) == (
        405,
        "GET",
        "DeleteMarker",
    )
    for params in ({}, {"VersionId": marker}):
        put = refused(
            s3double.store,
            s3.put_object_acl,
            Bucket=versioned_bucket,
            Key="k",
            ACL="bucket-owner-full-control",
            **params,
        )
        assert (put.status, put.error["Code"], put.error["Method"], put.error["ResourceType"]) == (
            405,
            "MethodNotAllowed",
            "PUT",
            "DeleteMarker",
        )
    assert acl_of(s3, versioned_bucket, VersionId=version) == recorded("get-object-acl-default")


# -- BucketOwnerEnforced (the default) ------------------------------------------------------


@pytest.mark.parametrize("canned", ["bucket-owner-full-control", "private", "bucket-owner-read"])
def test_enforced_accepts_acls_that_grant_only_the_bucket_owner(s3, bucket, canned):  # §4.5
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", ACL=canned)
    s3.put_object_acl(Bucket=bucket, Key="k", ACL=canned)
    s3.put_object_acl(Bucket=bucket, Key="k", GrantFullControl=f'id="{OWNER}"')
    assert acl_of(s3, bucket) == recorded("get-object-acl-default")


@pytest.mark.parametrize(
    "params",
    [
        {"ACL": "public-read"},
        {"ACL": "public-read-write"},
        {"ACL": "authenticated-read"},
        {"ACL": "aws-exec-read"},
        {"GrantRead": f'uri="{ALL_USERS}"'},
        {"GrantReadACP": f'id="{OTHER}"'},
    ],
    ids=[
        "public-read",
        "public-read-write",
        "authenticated-read",
        "aws-exec-read",
        "grant-all-users",
        "grant-other-account",
    ],
)
@pytest.mark.parametrize("operation", ["put_object", "create_multipart_upload", "copy_object"])
def test_enforced_refuses_acls_granting_anyone_else(s3double, s3, bucket, operation, params):
    """§4.4, §4.5: 400 AccessControlListNotSupported, nothing written."""
    s3.put_object(Bucket=bucket, Key="source", Body=b"x")
    extra = {"Body": b"x"} if operation == "put_object" else {}
    if operation == "copy_object":
        extra = {"CopySource": {"Bucket": bucket, "Key": "source"}}
    answer = refused_upload(s3double.store, getattr(s3, operation), Bucket=bucket, Key="k", **extra, **params)
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (400, *NOT_SUPPORTED)


def test_enforced_refuses_private_written_by_another_account(s3double, s3):  # §4.5 (s3-tests)
    s3double.store.create_bucket("theirs", owner="210987654321")
    answer = refused(s3double.store, s3.put_object, Bucket="theirs", Key="k", Body=b"x", ACL="private")
    assert (answer.status, answer.error["Code"]) == (400, NOT_SUPPORTED[0])
    s3.put_object(Bucket="theirs", Key="k", Body=b"x", ACL="bucket-owner-full-control")
    assert acl_of(s3, "theirs") == recorded("get-object-acl-default", OTHER)


def test_enforced_refuses_put_object_acl_granting_others_and_keeps_the_acl(s3double, s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    answer = refused(s3double.store, s3.put_object_acl, Bucket=bucket, Key="k", ACL="public-read")
    assert (answer.status, answer.error["Code"]) == (400, NOT_SUPPORTED[0])
    assert acl_of(s3, bucket) == recorded("get-object-acl-default")


# -- ACLs enabled ------------------------------------------------------------------------------


def test_a_canned_acl_on_put_object(s3, acl_bucket):  # §1.2, recorded get-object-acl
    s3.put_object(Bucket=acl_bucket, Key="k", Body=b"x", ACL="public-read")
    assert acl_of(s3, acl_bucket) == recorded("get-object-acl")


def test_a_grant_header_replaces_the_whole_acl(s3, acl_bucket):  # §3.3
    s3.put_object(Bucket=acl_bucket, Key="k", Body=b"x", ACL="public-read")
    s3.put_object_acl(Bucket=acl_bucket, Key="k", GrantRead=f'uri="{LOG_DELIVERY}"')
    assert acl_of(s3, acl_bucket) == recorded("get-object-grant-acl")


def test_an_access_control_policy_is_stored_as_given(s3, acl_bucket):  # §3.4
    s3.put_object(Bucket=acl_bucket, Key="k", Body=b"x")
    policy = recorded("get-object-acp-acl")
    s3.put_object_acl(Bucket=acl_bucket, Key="k", AccessControlPolicy=policy)
    assert acl_of(s3, acl_bucket) == policy


def test_multipart_and_copy_acls_come_from_their_own_request(s3, acl_bucket):
    """§1.2: public-read-write given to CreateMultipartUpload is the completed object's
    (owner FULL_CONTROL, AllUsers READ, AllUsers WRITE); an object never takes another's
    ACL: a copy without x-amz-acl is private (§1.2: objects do not inherit)."""
    upload = start(s3, acl_bucket, ACL="public-read-write")
    s3.complete_multipart_upload(
        Bucket=acl_bucket,
        Key="k",
        UploadId=upload,
        MultipartUpload={"Parts": [send(s3, acl_bucket, upload, 1, b"x")]},
    )
    assert [
        (g["Grantee"].get("URI", "owner"), g["Permission"]) for g in acl_of(s3, acl_bucket)["Grants"]
    ] == [
        ("owner", "FULL_CONTROL"),
        (ALL_USERS, "READ"),
        (ALL_USERS, "WRITE"),
    ]
    s3.copy_object(Bucket=acl_bucket, Key="copy", CopySource={"Bucket": acl_bucket, "Key": "k"})
    assert acl_of(s3, acl_bucket, "copy") == recorded("get-object-acl-default")
    s3.copy_object(
        Bucket=acl_bucket, Key="copy", ACL="public-read", CopySource={"Bucket": acl_bucket, "Key": "k"}
    )
    assert acl_of(s3, acl_bucket, "copy") == recorded("get-object-acl")


def test_put_object_acl_acts_on_the_version_named(s3, s3double, acl_bucket):
    s3.put_bucket_versioning(Bucket=acl_bucket, VersioningConfiguration={"Status": "Enabled"})
    old = s3.put_object(Bucket=acl_bucket, Key="k", Body=b"1")["VersionId"]
    s3.put_object(Bucket=acl_bucket, Key="k", Body=b"2")
    s3.put_object_acl(Bucket=acl_bucket, Key="k", VersionId=old, ACL="public-read")
    assert acl_of(s3, acl_bucket, VersionId=old) == recorded("get-object-acl")
    assert acl_of(s3, acl_bucket) == recorded("get-object-acl-default")


def test_block_public_acls_refuses_public_acls_with_access_denied(s3double, s3, acl_bucket):
    """§5.3: 403 AccessDenied while BlockPublicAcls is on (a new bucket's default, §5.1);
    non-public ACLs pass."""
    s3.put_public_access_block(Bucket=acl_bucket, PublicAccessBlockConfiguration={"BlockPublicAcls": True})
    for params in ({"ACL": "public-read"}, {"GrantRead": f'uri="{ALL_USERS}"'}):
        answer = refused(s3double.store, s3.put_object, Bucket=acl_bucket, Key="k", Body=b"x", **params)
        assert (answer.status, answer.error["Code"]) == (403, "AccessDenied")
    s3.put_object(Bucket=acl_bucket, Key="k", Body=b"x", GrantWriteACP=f'id="{OTHER}"')
    assert acl_of(s3, acl_bucket)["Grants"] == [
        {"Grantee": {"ID": OTHER, "Type": "CanonicalUser"}, "Permission": "WRITE_ACP"}
    ]


def test_turning_acls_off_reports_the_owner_full_control_and_on_again_the_stored_acl(
    s3double, s3, acl_bucket
):  # §3.5
    s3.put_object(Bucket=acl_bucket, Key="k", Body=b"x", ACL="public-read")
    s3.put_bucket_ownership_controls(Bucket=acl_bucket, OwnershipControls=ownership("BucketOwnerEnforced"))
    assert acl_of(s3, acl_bucket) == recorded("get-object-acl-default")
    s3.put_bucket_ownership_controls(Bucket=acl_bucket, OwnershipControls=ownership("ObjectWriter"))
    assert acl_of(s3, acl_bucket) == recorded("get-object-acl")


# -- validation (before Object Ownership: recorded on enforced buckets) -------------------------


@pytest.mark.parametrize(
    ("params", "error"),
    [
        (
            {"ACL": "fake-acl"},
            {"Code": "InvalidArgument", "ArgumentName": "x-amz-acl", "ArgumentValue": "fake-acl"},
        ),
        (
            {"GrantWrite": 'uri="http://acs.amazonaws.com/groups/s3/FakeGroup"'},
            {
                "Code": "InvalidArgument",
                "Message": "Invalid group uri",
                "ArgumentName": "uri",
                "ArgumentValue": "http://acs.amazonaws.com/groups/s3/FakeGroup",
            },
        ),
        (
            {"GrantWrite": 'fakekey="1234"'},
            {
                "Code": "InvalidArgument",
                "Message": "Argument format not recognized",
                "ArgumentName": "x-amz-grant-write",
                "ArgumentValue": 'fakekey="1234"',
            },
        ),
        (
            {"GrantWrite": 'id="wrong-id"'},
            {
                "Code": "InvalidArgument",
                "Message": "Invalid id",
                "ArgumentName": "id",
                "ArgumentValue": "wrong-id",
            },
        ),
        (
            {"ACL": "private", "GrantRead": f'id="{OWNER}"'},
            {
                "Code": "InvalidRequest",
                "Message": "Specifying both Canned ACLs and Header Grants is not allowed",
            },
        ),
        (
            {},
            {
                "Code": "MissingSecurityHeader",
                "Message": "Your request was missing a required header",
                "MissingHeaderName": "x-amz-acl",
            },
        ),
        (
            {"ACL": "private", "AccessControlPolicy": {"Owner": {"ID": OWNER}, "Grants": []}},
            {"Code": "UnexpectedContent", "Message": "This request does not support content"},
        ),
    ],
    ids=["canned", "group-uri", "format", "id", "two-types", "none", "canned-and-body"],
)
def test_put_object_acl_validation(s3double, s3, bucket, params, error):  # §2
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    answer = refused(s3double.store, s3.put_object_acl, Bucket=bucket, Key="k", **params)
    assert answer.status == 400
    assert answer.error == error  # the canned case: no Message at all, as recorded


@pytest.mark.parametrize(
    ("policy", "error"),
    [
        ({"Grants": []}, ("MalformedACLError", MALFORMED_ACL, None, None)),
        ({}, ("MalformedACLError", MALFORMED_ACL, None, None)),
        (
            {"Owner": {"ID": "wrong-id"}, "Grants": []},
            ("InvalidArgument", "Invalid id", "CanonicalUser/ID", "wrong-id"),
        ),
        (
            {
                "Owner": {"ID": OWNER},
                "Grants": [
                    {
                        "Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/s3/FakeGroup"},
                        "Permission": "READ",
                    }
                ],
            },
            (
                "InvalidArgument",
                "Invalid group uri",
                "Group/URI",
                "http://acs.amazonaws.com/groups/s3/FakeGroup",
            ),
        ),
        (
            {
                "Owner": {"ID": OWNER},
                "Grants": [{"Grantee": {"Type": "CanonicalUser", "ID": "wrong-id"}, "Permission": "READ"}],
            },
            ("InvalidArgument", "Invalid id", "CanonicalUser/ID", "wrong-id"),
        ),
        (
            {
                "Owner": {"ID": OWNER},
                "Grants": [
                    {"Grantee": {"Type": "CanonicalUser", "ID": OWNER}, "Permission": "WRONG-PERMISSION"}
                ],
            },
            ("MalformedACLError", MALFORMED_ACL, None, None),
        ),
        (
            {
                "Owner": {"ID": OWNER},
                "Grants": [{"Grantee": {"Type": "BadType", "ID": OWNER}, "Permission": "READ"}],
            },
            ("MalformedACLError", MALFORMED_ACL, None, None),
        ),
    ],
    ids=["no-owner", "empty", "owner-id", "group-uri", "grantee-id", "permission", "type"],
)
def test_access_control_policy_validation(s3double, s3, bucket, policy, error):  # §2
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    answer = refused(s3double.store, s3.put_object_acl, Bucket=bucket, Key="k", AccessControlPolicy=policy)
    code, message, name, value = error
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (400, code, message)
    assert (answer.error.get("ArgumentName"), answer.error.get("ArgumentValue")) == (name, value)


def test_an_invalid_canned_acl_on_put_object_is_refused_before_ownership(s3double, s3, bucket):
    answer = refused(
        s3double.store, s3.put_object, Bucket=bucket, Key="k", Body=b"x", ACL="log-delivery-write"
    )  # a bucket canned ACL, not an object one
    assert (answer.status, answer.error["Code"], answer.error["ArgumentValue"]) == (
        400,
        "InvalidArgument",
        "log-delivery-write",
    )
    assert "Message" not in answer.error
