"""Who may do what to a bucket, through boto3: default encryption, Block Public Access,
Object Ownership, the bucket ACL, and bucket policy principals.

Expected answers are S3's: tests/data/aws/facts-encryption.md §2,
facts-acl-ownership.md §2-§5, facts-bucket-configuration.md §9.2, and the ACL documents
of tests/data/aws/recorded/get_object_acl.json (``test_s3_bucket_acl``).
"""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest
from configuration_support import MALFORMED_XML, answer, body, refused_unchanged, status

BUCKET = "guarded"
RECORDED = Path(__file__).resolve().parents[1] / "data" / "aws" / "recorded"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery"
KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"


@pytest.fixture
def s3(s3double):  # noqa: ANN001, ANN201
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    return client


@pytest.fixture
def acls_allowed(s3):  # noqa: ANN001, ANN201
    """LocalStack's ``allow_bucket_acl``: delete the ownership controls and the public
    access block, as AWS requires before ACLs can be set (facts-acl-ownership.md §4.8)."""
    s3.delete_bucket_ownership_controls(Bucket=BUCKET)
    s3.delete_public_access_block(Bucket=BUCKET)
    return s3


def recorded(test: str) -> dict:
    document = json.loads((RECORDED / "get_object_acl.json").read_text())
    (found,) = [r["responses"] for r in document["recordings"] if r["source"]["test"].endswith(test)]
    return found


def masked(response: dict, owner_id: str) -> dict:
    """The response as LocalStack stored it: the owner id replaced, the status kept."""
    text = json.dumps(body(response)).replace(owner_id, "<owner-id:1>")
    return {**json.loads(text), "HTTPStatusCode": status(response)}


# -- default encryption -------------------------------------------------------------

SSE_S3_RULE = {
    "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"},
    "BucketKeyEnabled": False,
}


def test_a_new_bucket_encrypts_with_sse_s3(s3):
    """facts-encryption.md §2.2 (LS test_s3_default_bucket_encryption)."""
    answer_ = s3.get_bucket_encryption(Bucket=BUCKET)
    assert answer_["ServerSideEncryptionConfiguration"] == {"Rules": [SSE_S3_RULE]}


def test_default_encryption_put_read_and_deleted_back_to_sse_s3(s3double, s3):
    """§2.3, §2.6: a KMS default reads back with the key id as given; Delete is 204 twice
    and puts SSE-S3 back. The bucket keeps the default for new objects."""
    rule = {
        "ApplyServerSideEncryptionByDefault": {
            "SSEAlgorithm": "aws:kms",
            "KMSMasterKeyID": "1234abcd-12ab",
        },
        "BucketKeyEnabled": True,
    }
    put = s3.put_bucket_encryption(Bucket=BUCKET, ServerSideEncryptionConfiguration={"Rules": [rule]})
    assert status(put) == 200
    assert s3.get_bucket_encryption(Bucket=BUCKET)["ServerSideEncryptionConfiguration"] == {
        "Rules": [rule]
    }
    default = s3double.store.bucket(BUCKET).default_encryption
    assert (default.algorithm, default.kms_key_id, default.bucket_key) == (
        "aws:kms",
        "1234abcd-12ab",
        True,
    )

    assert status(s3.delete_bucket_encryption(Bucket=BUCKET)) == 204
    assert status(s3.delete_bucket_encryption(Bucket=BUCKET)) == 204
    assert s3.get_bucket_encryption(Bucket=BUCKET)["ServerSideEncryptionConfiguration"] == {
        "Rules": [SSE_S3_RULE]
    }
    assert s3double.store.bucket(BUCKET).default_encryption is None


def test_a_kms_default_without_a_key_reads_back_without_one(s3):
    """§2.6 (test_s3_bucket_encryption_sse_kms_aws_managed_key, key get-bucket-enc)."""
    rule = {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}, "BucketKeyEnabled": True}
    s3.put_bucket_encryption(Bucket=BUCKET, ServerSideEncryptionConfiguration={"Rules": [rule]})
    assert s3.get_bucket_encryption(Bucket=BUCKET)["ServerSideEncryptionConfiguration"] == {
        "Rules": [rule]
    }


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ([], {"Code": "MalformedXML", "Message": MALFORMED_XML}),
        (
            [
                {
                    "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"},
                    "BucketKeyEnabled": True,
                },
                {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}},
            ],
            {"Code": "MalformedXML", "Message": MALFORMED_XML},
        ),
        (
            [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "AES256",
                        "KMSMasterKeyID": "randomkeyid",
                    }
                }
            ],
            {
                "Code": "InvalidArgument",
                "ArgumentName": "ApplyServerSideEncryptionByDefault",
                "Message": "a KMSMasterKeyID is not applicable if the default sse algorithm is not "
                "aws:kms or aws:kms:dsse",
            },
        ),
    ],
    ids=["no-rules", "two-rules", "kms-key-with-aes"],
)
def test_default_encryption_s3_refuses(s3double, s3, rules, expected):
    """§2.5 (LS test_s3_default_bucket_encryption_exc)."""
    assert refused_unchanged(
        s3double.store,
        BUCKET,
        s3.put_bucket_encryption,
        ServerSideEncryptionConfiguration={"Rules": rules},
    ) == (400, expected)


# -- Block Public Access ------------------------------------------------------------

ALL_ON = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}
ALL_OFF = dict.fromkeys(ALL_ON, False)


def test_public_access_block_crud(s3):
    """facts-acl-ownership.md §5.1, §5.2 (LS test_crud_public_access_block)."""
    assert s3.get_public_access_block(Bucket=BUCKET)["PublicAccessBlockConfiguration"] == ALL_ON
    put = s3.put_public_access_block(Bucket=BUCKET, PublicAccessBlockConfiguration=ALL_OFF)
    assert status(put) == 200
    assert s3.get_public_access_block(Bucket=BUCKET)["PublicAccessBlockConfiguration"] == ALL_OFF
    assert status(s3.delete_public_access_block(Bucket=BUCKET)) == 204
    assert answer(s3.get_public_access_block, Bucket=BUCKET) == (
        404,
        {
            "Code": "NoSuchPublicAccessBlockConfiguration",
            "Message": "The public access block configuration was not found",
            "BucketName": BUCKET,
        },
    )
    assert status(s3.delete_public_access_block(Bucket=BUCKET)) == 204


def test_settings_left_out_are_false(s3):
    s3.put_public_access_block(
        Bucket=BUCKET, PublicAccessBlockConfiguration={"BlockPublicPolicy": True}
    )
    assert s3.get_public_access_block(Bucket=BUCKET)["PublicAccessBlockConfiguration"] == {
        **ALL_OFF,
        "BlockPublicPolicy": True,
    }


@pytest.mark.parametrize("acl", ["public-read", "public-read-write", "authenticated-read"])
def test_block_public_acls_refuses_a_public_bucket_acl(s3double, s3, acl):
    """§5.3: with ACLs enabled and BlockPublicAcls on, a public ACL is 403 AccessDenied
    and the ACL stays; a private one passes."""
    s3.delete_bucket_ownership_controls(Bucket=BUCKET)
    s3.put_public_access_block(Bucket=BUCKET, PublicAccessBlockConfiguration={"BlockPublicAcls": True})

    assert refused_unchanged(s3double.store, BUCKET, s3.put_bucket_acl, ACL=acl) == (
        403,
        {"Code": "AccessDenied", "Message": "Access Denied"},
    )
    assert len(s3.get_bucket_acl(Bucket=BUCKET)["Grants"]) == 1
    assert status(s3.put_bucket_acl(Bucket=BUCKET, ACL="private")) == 200


def test_a_public_grant_header_is_blocked_too(s3double, s3):
    s3.delete_bucket_ownership_controls(Bucket=BUCKET)
    assert (
        refused_unchanged(s3double.store, BUCKET, s3.put_bucket_acl, GrantRead=f'uri="{ALL_USERS}"')[0]
        == 403
    )


# -- Object Ownership ---------------------------------------------------------------


def ownership(s3) -> list[dict]:  # noqa: ANN001
    return s3.get_bucket_ownership_controls(Bucket=BUCKET)["OwnershipControls"]["Rules"]


def test_ownership_controls_crud(s3):
    """facts-acl-ownership.md §4.1, §4.2 (LS test_crud_bucket_ownership_controls)."""
    assert ownership(s3) == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    put = s3.put_bucket_ownership_controls(
        Bucket=BUCKET, OwnershipControls={"Rules": [{"ObjectOwnership": "ObjectWriter"}]}
    )
    assert status(put) == 200
    assert ownership(s3) == [{"ObjectOwnership": "ObjectWriter"}]
    assert status(s3.delete_bucket_ownership_controls(Bucket=BUCKET)) == 204
    assert answer(s3.get_bucket_ownership_controls, Bucket=BUCKET) == (
        404,
        {
            "Code": "OwnershipControlsNotFoundError",
            "Message": "The bucket ownership controls were not found",
            "BucketName": BUCKET,
        },
    )
    assert status(s3.delete_bucket_ownership_controls(Bucket=BUCKET)) == 204


@pytest.mark.parametrize(
    "rules",
    [
        [{"ObjectOwnership": "BucketOwnerPreferred"}, {"ObjectOwnership": "ObjectWriter"}],
        [{"ObjectOwnership": "RandomValue"}],
        [{}],
    ],
    ids=["multiple-rules", "wrong-value", "empty-rule"],
)
def test_ownership_controls_s3_refuses(s3double, s3, rules):
    """§4.3 (LS test_bucket_ownership_controls_exc, put-ownership-* keys)."""
    client = boto3.client(
        "s3", region_name="us-east-1", config=boto3.session.Config(parameter_validation=False)
    )
    assert refused_unchanged(
        s3double.store, BUCKET, client.put_bucket_ownership_controls, OwnershipControls={"Rules": rules}
    ) == (400, {"Code": "MalformedXML", "Message": MALFORMED_XML})


def test_create_bucket_with_object_ownership(s3):
    """§4.2 (key get-ownership-at-creation)."""
    s3.create_bucket(Bucket="preferred", ObjectOwnership="BucketOwnerPreferred")
    rules = s3.get_bucket_ownership_controls(Bucket="preferred")["OwnershipControls"]["Rules"]
    assert rules == [{"ObjectOwnership": "BucketOwnerPreferred"}]


@pytest.mark.parametrize("value", ["RandomValue", ""])
def test_create_bucket_with_an_unknown_object_ownership(s3double, s3, value):
    """§4.3 (keys ownership-wrong-value-at-creation, ownership-non-value-at-creation): no
    ArgumentValue element, the trailing space kept for an empty value."""
    client = boto3.client(
        "s3", region_name="us-east-1", config=boto3.session.Config(parameter_validation=False)
    )
    assert answer(client.create_bucket, Bucket="not-made", ObjectOwnership=value) == (
        400,
        {
            "Code": "InvalidArgument",
            "Message": f"Invalid x-amz-object-ownership header: {value}",
            "ArgumentName": "x-amz-object-ownership",
        },
    )
    assert s3double.store.bucket("not-made") is None


def test_enforcing_ownership_over_a_public_bucket_acl(s3double, acls_allowed):
    """§4.6 (s3-tests test_put_bucket_ownership_bucket_owner_enforced): refused while the
    ACL grants others; accepted once it is private again."""
    s3 = acls_allowed
    s3.put_bucket_acl(Bucket=BUCKET, ACL="public-read")
    enforced = {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}

    assert refused_unchanged(
        s3double.store, BUCKET, s3.put_bucket_ownership_controls, OwnershipControls=enforced
    ) == (
        400,
        {
            "Code": "InvalidBucketAclWithObjectOwnership",
            "Message": "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
        },
    )
    s3.put_bucket_acl(Bucket=BUCKET, ACL="private")
    assert status(s3.put_bucket_ownership_controls(Bucket=BUCKET, OwnershipControls=enforced)) == 200


# -- the bucket ACL -----------------------------------------------------------------


def test_a_new_bucket_acl_is_its_owner_full_control(s3):
    """§3.2: the owner's FULL_CONTROL, the owner being the account ListBuckets reports."""
    owner_id = s3.list_buckets()["Owner"]["ID"]
    assert body(s3.get_bucket_acl(Bucket=BUCKET)) == {
        "Owner": {"ID": owner_id},
        "Grants": [
            {"Grantee": {"ID": owner_id, "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}
        ],
    }


def test_bucket_acls_as_recorded(acls_allowed):
    """recorded/get_object_acl.json, test_s3_bucket_acl: public-read, then private."""
    s3 = acls_allowed
    owner_id = s3.list_buckets()["Owner"]["ID"]
    expected = recorded("test_s3_bucket_acl")

    s3.put_bucket_acl(Bucket=BUCKET, ACL="public-read")
    assert masked(s3.get_bucket_acl(Bucket=BUCKET), owner_id) == expected["get-bucket-acl"]
    s3.put_bucket_acl(Bucket=BUCKET, ACL="private")
    assert masked(s3.get_bucket_acl(Bucket=BUCKET), owner_id) == expected["get-bucket-canned-acl"]


def test_grant_headers_and_documents_replace_the_whole_acl(acls_allowed):
    """§3.3, §3.4: a grant header leaves only its grants; a document is kept as given."""
    s3 = acls_allowed
    owner = s3.list_buckets()["Owner"]
    s3.put_bucket_acl(Bucket=BUCKET, GrantRead=f'uri="{LOG_DELIVERY}"')
    assert s3.get_bucket_acl(Bucket=BUCKET)["Grants"] == [
        {"Grantee": {"Type": "Group", "URI": LOG_DELIVERY}, "Permission": "READ"},
    ]
    grants = [
        {"Grantee": {"ID": owner["ID"], "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"},
        {"Grantee": {"URI": LOG_DELIVERY, "Type": "Group"}, "Permission": "WRITE"},
    ]
    s3.put_bucket_acl(Bucket=BUCKET, AccessControlPolicy={"Owner": owner, "Grants": grants})
    assert s3.get_bucket_acl(Bucket=BUCKET)["Grants"] == grants


def test_a_bucket_owner_enforced_bucket_refuses_every_acl(s3double, s3):
    """§4.5: even ``private`` (hashicorp/terraform-provider-aws#34079)."""
    assert refused_unchanged(s3double.store, BUCKET, s3.put_bucket_acl, ACL="private") == (
        400,
        {"Code": "AccessControlListNotSupported", "Message": "The bucket does not allow ACLs"},
    )


def acl_error_cases(owner: dict) -> list[tuple[dict, dict]]:
    group = {"URI": LOG_DELIVERY, "Type": "Group"}
    malformed_acl = {"Code": "MalformedACLError", "Message": MALFORMED_XML}
    return [
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
            {"AccessControlPolicy": {"Grants": [{"Grantee": group, "Permission": "WRITE"}]}},
            malformed_acl,
        ),
        (
            {
                "AccessControlPolicy": {
                    "Owner": owner,
                    "Grants": [{"Grantee": group, "Permission": "WRONG"}],
                }
            },
            malformed_acl,
        ),
        (
            {"AccessControlPolicy": {"Owner": {"ID": "wrong-id"}, "Grants": []}},
            {
                "Code": "InvalidArgument",
                "Message": "Invalid id",
                "ArgumentName": "CanonicalUser/ID",
                "ArgumentValue": "wrong-id",
            },
        ),
        (
            {
                "AccessControlPolicy": {
                    "Owner": owner,
                    "Grants": [
                        {
                            "Grantee": {
                                "URI": "http://acs.amazonaws.com/groups/s3/FakeGroup",
                                "Type": "Group",
                            },
                            "Permission": "WRITE",
                        }
                    ],
                }
            },
            {
                "Code": "InvalidArgument",
                "Message": "Invalid group uri",
                "ArgumentName": "Group/URI",
                "ArgumentValue": "http://acs.amazonaws.com/groups/s3/FakeGroup",
            },
        ),
        (
            {
                "AccessControlPolicy": {
                    "Owner": owner,
                    "Grants": [{"Grantee": {"ID": "x", "Type": "BadType"}, "Permission": "WRITE"}],
                }
            },
            malformed_acl,
        ),
        ({"AccessControlPolicy": {}}, malformed_acl),
        (
            {},
            {
                "Code": "MissingSecurityHeader",
                "Message": "Your request was missing a required header",
                "MissingHeaderName": "x-amz-acl",
            },
        ),
        (
            {"ACL": "private", "GrantRead": f'uri="{LOG_DELIVERY}"'},
            {
                "Code": "InvalidRequest",
                "Message": "Specifying both Canned ACLs and Header Grants is not allowed",
            },
        ),
        (
            {"ACL": "private", "AccessControlPolicy": {"Owner": owner, "Grants": []}},
            {"Code": "UnexpectedContent", "Message": "This request does not support content"},
        ),
    ]


CASE_IDS = [
    "canned-acl",
    "grant-fake-uri",
    "grant-fake-key",
    "grant-wrong-id",
    "acp-no-owner",
    "acp-wrong-permission",
    "acp-wrong-owner-id",
    "acp-fake-uri",
    "acp-bad-type",
    "empty-acp",
    "nothing",
    "canned-and-grant",
    "canned-and-acp",
]


@pytest.mark.parametrize("case", range(len(CASE_IDS)), ids=CASE_IDS)
def test_an_acl_request_s3_refuses_before_looking_at_ownership(s3double, s3, case):
    """§2 (LS test_s3_bucket_acl_exceptions, put-bucket-* keys), recorded on a bucket left
    BucketOwnerEnforced: the request is checked before Object Ownership."""
    client = boto3.client(
        "s3", region_name="us-east-1", config=boto3.session.Config(parameter_validation=False)
    )
    params, expected = acl_error_cases(s3.list_buckets()["Owner"])[case]

    code, error = refused_unchanged(s3double.store, BUCKET, client.put_bucket_acl, **params)

    assert code == 400
    assert {name: error[name] for name in expected} == expected


# -- bucket policy principals -------------------------------------------------------


@pytest.mark.parametrize(
    "principal",
    [
        "*",
        {"AWS": "123456789012"},
        {"AWS": "arn:aws:iam::123456789012:root"},
        {"AWS": "arn:aws:iam::123456789012:role/deployer"},
        {"Service": "logging.s3.amazonaws.com"},
    ],
    ids=["everyone", "account", "account-root", "role-arn", "service"],
)
def test_policy_principal_forms_are_accepted(s3, principal):
    """facts-bucket-configuration.md §9.2: ``*``, an account, a role ARN, a service."""
    document = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": principal,
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{BUCKET}/*",
                }
            ],
        }
    )
    assert status(s3.put_bucket_policy(Bucket=BUCKET, Policy=document)) == 204
    assert json.loads(s3.get_bucket_policy(Bucket=BUCKET)["Policy"]) == json.loads(document)


def test_a_deny_for_a_role_does_not_refuse_the_account_root(s3):
    """IAM evaluation: the double's caller is the account's root user, which a Deny naming
    a role (or a service) does not name; a Deny naming the account does refuse it."""

    def deny(principal: object) -> str:
        return json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Deny",
                        "Principal": principal,
                        "Action": "s3:PutObject",
                        "Resource": f"arn:aws:s3:::{BUCKET}/*",
                    }
                ]
            }
        )

    s3.put_bucket_policy(Bucket=BUCKET, Policy=deny({"AWS": "arn:aws:iam::123456789012:role/deployer"}))
    assert status(s3.put_object(Bucket=BUCKET, Key="k", Body=b"x")) == 200
    s3.put_bucket_policy(Bucket=BUCKET, Policy=deny({"AWS": "123456789012"}))
    assert answer(s3.put_object, Bucket=BUCKET, Key="k", Body=b"x")[0] == 403


def test_recreating_a_bucket_in_us_east_1_resets_its_acl(acls_allowed):
    """facts-buckets.md §3: "if you re-create an existing bucket that you already own in the
    North Virginia Region, Amazon S3 returns 200 OK and resets the bucket access control
    lists (ACLs)"."""
    s3 = acls_allowed
    s3.put_bucket_acl(Bucket=BUCKET, GrantRead=f'uri="{LOG_DELIVERY}"')

    assert status(s3.create_bucket(Bucket=BUCKET)) == 200

    owner_id = s3.list_buckets()["Owner"]["ID"]
    assert s3.get_bucket_acl(Bucket=BUCKET)["Grants"] == [
        {"Grantee": {"ID": owner_id, "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}
    ]


# -- the configurations reach new objects -------------------------------------------------


def test_the_default_encryption_is_applied_to_new_objects(s3):
    """facts-encryption.md §2.6, §3.3 (LS test_s3_bucket_encryption_sse_kms, keys
    put-object-encrypted, put-object-encrypted-bucket-key-disabled): a plain PutObject
    takes the bucket's KMS default, its key as an ARN and the bucket key; an object
    written before keeps AES256 (test_s3_sse_bucket_key_default)."""
    s3.put_object(Bucket=BUCKET, Key="before", Body=b"x")
    rule = {
        "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": KEY_ID},
        "BucketKeyEnabled": True,
    }
    s3.put_bucket_encryption(Bucket=BUCKET, ServerSideEncryptionConfiguration={"Rules": [rule]})

    put = s3.put_object(Bucket=BUCKET, Key="after", Body=b"x")

    assert (put["ServerSideEncryption"], put["BucketKeyEnabled"]) == ("aws:kms", True)
    assert put["SSEKMSKeyId"].endswith(f":key/{KEY_ID}")
    assert s3.head_object(Bucket=BUCKET, Key="before")["ServerSideEncryption"] == "AES256"
    s3.delete_bucket_encryption(Bucket=BUCKET)
    assert s3.put_object(Bucket=BUCKET, Key="later", Body=b"x")["ServerSideEncryption"] == "AES256"


def test_object_acls_follow_the_bucket_ownership_and_public_access_block(s3double, s3):
    """facts-acl-ownership.md §4.5, §5.3: a new bucket refuses a public object ACL
    (AccessControlListNotSupported); with ACLs enabled, BlockPublicAcls refuses it (403);
    with the access block deleted, it is kept."""
    refused_acl = refused_unchanged(
        s3double.store, BUCKET, s3.put_object, Key="k", Body=b"x", ACL="public-read"
    )
    assert refused_acl == (
        400,
        {"Code": "AccessControlListNotSupported", "Message": "The bucket does not allow ACLs"},
    )

    s3.delete_bucket_ownership_controls(Bucket=BUCKET)
    blocked = refused_unchanged(
        s3double.store, BUCKET, s3.put_object, Key="k", Body=b"x", ACL="public-read"
    )
    assert blocked == (403, {"Code": "AccessDenied", "Message": "Access Denied"})

    s3.delete_public_access_block(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key="k", Body=b"x", ACL="public-read")
    grants = s3.get_object_acl(Bucket=BUCKET, Key="k")["Grants"]
    assert {"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "READ"} in grants
