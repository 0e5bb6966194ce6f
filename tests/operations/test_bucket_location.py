"""CreateBucket's location constraints, GetBucketLocation, and the form of
x-amz-expected-bucket-owner, through boto3 clients of several regions.

Adds to tests/operations/test_buckets.py the cases recorded from S3 that it does not
cover: tests/data/aws/facts-bucket-configuration.md §9.3, facts-buckets.md §2-§3, and
facts-misc-answers.md §2.
"""

from __future__ import annotations

import boto3
import pytest
from configuration_support import answer

INVALID_CONSTRAINT = "The specified location-constraint is not valid"


def client_in(region: str):  # noqa: ANN201
    return boto3.client("s3", region_name=region)


@pytest.mark.parametrize("constraint", ["foo", "aws-global"])
def test_us_east_1_refuses_a_constraint_naming_no_region(s3double, constraint):
    """§9.3: ``foo`` and ``aws-global`` sent to us-east-1 are InvalidLocationConstraint with
    the value (LS test_create_bucket_with_invalid_location_constraint[us-east-1-foo],
    test_bucket_constraint_aws_global[us-east-1])."""
    assert answer(
        client_in("us-east-1").create_bucket,
        Bucket="regional",
        CreateBucketConfiguration={"LocationConstraint": constraint},
    ) == (
        400,
        {
            "Code": "InvalidLocationConstraint",
            "Message": INVALID_CONSTRAINT,
            "LocationConstraint": constraint,
        },
    )
    assert s3double.store.bucket("regional") is None


@pytest.mark.parametrize(
    ("region", "constraint"),
    [
        ("us-west-1", "us-east-1"),
        ("eu-west-1", "bar"),
        ("us-west-1", "aws-global"),
        ("us-east-2", "EU"),
    ],
    ids=["us-east-1-from-us-west-1", "bar", "aws-global", "eu-from-us-east-2"],
)
def test_a_regional_endpoint_refuses_any_other_constraint(s3double, region, constraint):
    """§9.3: IllegalLocationConstraintException naming the value sent
    (create-bucket-us-west-1-constraint-to-us-east-1, eu-west-1-location-constraint-bar-error,
    aws-global from us-west-1, eu-location-constraint-error)."""
    assert answer(
        client_in(region).create_bucket,
        Bucket="regional",
        CreateBucketConfiguration={"LocationConstraint": constraint},
    ) == (
        400,
        {
            "Code": "IllegalLocationConstraintException",
            "Message": f"The {constraint} location constraint is incompatible for the region specific "
            "endpoint this request was sent to.",
        },
    )
    assert s3double.store.bucket("regional") is None


def test_us_east_1_creates_a_bucket_in_the_region_its_constraint_names(s3double):
    """§9.3 (LS test_create_bucket_with_existing_name): a us-east-1 client creates a
    us-west-1 bucket, and re-creating it from there is 409 with either constraint."""
    s3 = client_in("us-east-1")
    created = s3.create_bucket(
        Bucket="western", CreateBucketConfiguration={"LocationConstraint": "us-west-1"}
    )

    assert created["Location"] == "http://western.s3.amazonaws.com/"
    assert s3double.store.bucket("western").region == "us-west-1"
    assert s3.get_bucket_location(Bucket="western")["LocationConstraint"] == "us-west-1"
    for constraint in ("us-west-1", "us-east-2"):
        status, error = answer(
            s3.create_bucket,
            Bucket="western",
            CreateBucketConfiguration={"LocationConstraint": constraint},
        )
        assert (status, error["Code"], error["BucketName"]) == (
            409,
            "BucketAlreadyOwnedByYou",
            "western",
        )


def test_eu_is_eu_west_1_and_reads_back_as_eu(s3double):
    """§9.3 (LS test_create_bucket_with_eu_location_constraint): created from eu-west-1 with
    ``EU``, the bucket is in eu-west-1 and GetBucketLocation answers ``EU``."""
    eu = client_in("eu-west-1")
    eu.create_bucket(Bucket="european", CreateBucketConfiguration={"LocationConstraint": "EU"})

    assert s3double.store.bucket("european").region == "eu-west-1"
    assert eu.get_bucket_location(Bucket="european")["LocationConstraint"] == "EU"
    assert eu.head_bucket(Bucket="european")["BucketRegion"] == "eu-west-1"


def test_recreating_in_us_east_1_succeeds_and_elsewhere_is_owned_by_you(s3double):
    """§9.3 and facts-buckets.md §3: 200 in us-east-1, 409 BucketAlreadyOwnedByYou elsewhere."""
    east = client_in("us-east-1")
    east.create_bucket(Bucket="eastern")
    assert east.create_bucket(Bucket="eastern")["ResponseMetadata"]["HTTPStatusCode"] == 200
    west = client_in("us-west-2")
    west.create_bucket(Bucket="westward", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    assert answer(
        west.create_bucket,
        Bucket="westward",
        CreateBucketConfiguration={"LocationConstraint": "us-west-2"},
    )[1]["Code"] == ("BucketAlreadyOwnedByYou")


@pytest.mark.parametrize(
    "value", ["0000", "0000000000020", "abcd", "aa000000000$", "invalid", "12345678901"]
)
def test_an_expected_bucket_owner_that_is_no_account_id(s3double, value):
    """facts-misc-answers.md §2.1 (LS test_get_bucket_policy_invalid_account_id[...],
    test_delete_bucket_policy_expected_bucket_owner): 400, the value in brackets."""
    s3 = client_in("us-east-1")
    s3.create_bucket(Bucket="owned")
    expected = (
        400,
        {
            "Code": "InvalidBucketOwnerAWSAccountID",
            "Message": "The value of the expected bucket owner parameter must be an AWS Account ID... "
            f"[{value}]",
        },
    )
    assert answer(s3.get_bucket_policy, Bucket="owned", ExpectedBucketOwner=value) == expected
    assert answer(s3.delete_bucket_policy, Bucket="owned", ExpectedBucketOwner=value) == expected
    assert (
        answer(s3.put_object, Bucket="owned", Key="k", Body=b"x", ExpectedBucketOwner=value) == expected
    )
    assert s3double.store.bucket("owned").current("k") is None


def test_a_well_formed_expected_owner_of_another_account_is_access_denied(s3double):
    """§2.2: 403 AccessDenied; the right account passes."""
    s3 = client_in("us-east-1")
    s3.create_bucket(Bucket="owned")
    assert answer(s3.get_bucket_tagging, Bucket="owned", ExpectedBucketOwner="111122223333") == (
        403,
        {"Code": "AccessDenied", "Message": "Access Denied"},
    )
    assert answer(s3.get_bucket_tagging, Bucket="owned", ExpectedBucketOwner=s3double.account_id)[1][
        "Code"
    ] == ("NoSuchTagSet")
