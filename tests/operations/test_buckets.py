"""CreateBucket, HeadBucket and DeleteBucket through boto3.

Expected messages are S3's, with their sources in tests/data/aws/facts-buckets.md
(sections 1 to 5).
"""

from __future__ import annotations

import boto3
import pytest
from s3_refusals import refused

OTHER_ACCOUNT = "999988887777"

INVALID_BUCKET_NAME = "The specified bucket is not valid."
UNSPECIFIED_CONSTRAINT = (
    "The unspecified location constraint is incompatible for the region specific endpoint "
    "this request was sent to."
)
OWNED_BY_YOU = "Your previous request to create the named bucket succeeded and you already own it."
ALREADY_EXISTS = (
    "The requested bucket name is not available. The bucket namespace is shared by all users "
    "of the system. Please select a different name and try again."
)
NO_SUCH_BUCKET = "The specified bucket does not exist"
NOT_EMPTY = "The bucket you tried to delete is not empty"
NOT_EMPTY_VERSIONED = (
    "The bucket you tried to delete is not empty. You must delete all versions in the bucket."
)
MALFORMED_XML = (
    "The XML you provided was not well-formed or did not validate against our published schema"
)


def client_in(region: str):  # noqa: ANN201
    return boto3.client("s3", region_name=region)


@pytest.fixture
def eu(s3double):  # noqa: ANN001, ANN201
    return client_in("eu-west-1")


def eu_config() -> dict[str, str]:
    return {"LocationConstraint": "eu-west-1"}


# -- CreateBucket: names -----------------------------------------------------------

VALID_NAMES = [
    "abc",
    "a" * 63,
    "my.bucket-1",
    "0-starts-with-digit",
    "ends-with-digit-9",
    "xn-one-hyphen-only",
    "sthree",
    "name.mrap.inside",
    "192.168.5.4x",
]
INVALID_NAMES = [
    "ab",
    "a" * 64,
    "UpperCase",
    "under_score",
    "-leading-hyphen",
    "trailing-hyphen-",
    ".leading-dot",
    "trailing-dot.",
    "two..dots",
    "192.168.5.4",
    "xn--punycode",
    "sthree-bucket",
    "sthree-configurator",
    "amzn-s3-demo-bucket",
    "name-s3alias",
    "name--ol-s3",
    "name.mrap",
    # "name--x-s3" is left out: botocore sends it to S3 Express as a directory bucket.
    "name--table-s3",
]


@pytest.mark.parametrize("name", VALID_NAMES)
def test_create_bucket_accepts_valid_name(s3, name):
    s3.create_bucket(Bucket=name)

    assert s3.head_bucket(Bucket=name)["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert [entry["Name"] for entry in s3.list_buckets()["Buckets"]] == [name]


@pytest.mark.parametrize("name", INVALID_NAMES)
def test_create_bucket_refuses_invalid_name(s3double, s3, name):
    answer = refused(s3double.store, s3.create_bucket, Bucket=name)

    assert answer.status == 400
    assert answer.error == {
        "Code": "InvalidBucketName", "Message": INVALID_BUCKET_NAME, "BucketName": name,
    }
    assert s3double.store.bucket(name) is None


# -- CreateBucket: regions -----------------------------------------------------------


def test_create_bucket_in_us_east_1_without_constraint(s3double, s3):
    response = s3.create_bucket(Bucket="plain-bucket")

    assert response["Location"] == "/plain-bucket"
    assert s3double.store.bucket("plain-bucket").region == "us-east-1"
    assert s3.get_bucket_location(Bucket="plain-bucket")["LocationConstraint"] is None


def test_create_bucket_in_eu_west_1_with_its_constraint(s3double, eu):
    response = eu.create_bucket(Bucket="eu-bucket", CreateBucketConfiguration=eu_config())

    assert response["Location"] == "http://eu-bucket.s3.amazonaws.com/"
    head = eu.head_bucket(Bucket="eu-bucket")
    assert head["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"] == "eu-west-1"
    assert head["BucketRegion"] == "eu-west-1"
    assert eu.get_bucket_location(Bucket="eu-bucket")["LocationConstraint"] == "eu-west-1"


@pytest.mark.parametrize(
    ("region", "configuration", "message"),
    [
        ("eu-west-1", None, UNSPECIFIED_CONSTRAINT),
        (
            "us-west-2",
            {"LocationConstraint": "eu-west-1"},
            "The eu-west-1 location constraint is incompatible for the region specific "
            "endpoint this request was sent to.",
        ),
    ],
    ids=["unspecified", "mismatched"],
)
def test_create_bucket_refuses_constraint_foreign_to_endpoint(s3double, region, configuration, message):
    params = {"CreateBucketConfiguration": configuration} if configuration else {}

    answer = refused(s3double.store, client_in(region).create_bucket, Bucket="regional", **params)

    assert answer.status == 400
    assert answer.error == {"Code": "IllegalLocationConstraintException", "Message": message}


def test_create_bucket_refuses_us_east_1_as_constraint(s3double, s3):
    answer = refused(
        s3double.store, s3.create_bucket, Bucket="regional",
        CreateBucketConfiguration={"LocationConstraint": "us-east-1"},
    )

    assert answer.status == 400
    assert answer.error == {
        "Code": "InvalidLocationConstraint",
        "Message": "The specified location-constraint is not valid",
        "LocationConstraint": "us-east-1",
    }


def test_create_bucket_refuses_empty_constraint(s3double, s3):
    answer = refused(
        s3double.store, s3.create_bucket, Bucket="regional",
        CreateBucketConfiguration={"LocationConstraint": ""},
    )

    assert answer.status == 400
    assert answer.error == {"Code": "MalformedXML", "Message": MALFORMED_XML}


# -- CreateBucket: the name is taken -------------------------------------------------


def test_recreating_own_bucket_in_us_east_1_succeeds_and_keeps_it(s3double, s3, bucket):
    s3.put_object(Bucket=bucket, Key="kept", Body=b"data")
    created = s3double.store.bucket(bucket).created

    response = s3.create_bucket(Bucket=bucket)

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["Location"] == f"/{bucket}"
    assert s3double.store.bucket(bucket).created == created
    assert s3.get_object(Bucket=bucket, Key="kept")["Body"].read() == b"data"


@pytest.mark.parametrize("region", ["eu-west-1", "us-east-2"])
def test_recreating_own_bucket_elsewhere_is_owned_by_you(s3double, region):
    client = client_in(region)
    configuration = {"LocationConstraint": region}
    client.create_bucket(Bucket="mine", CreateBucketConfiguration=configuration)

    answer = refused(
        s3double.store, client.create_bucket, Bucket="mine", CreateBucketConfiguration=configuration
    )

    assert answer.status == 409
    assert answer.error == {
        "Code": "BucketAlreadyOwnedByYou", "Message": OWNED_BY_YOU, "BucketName": "mine",
    }


@pytest.mark.parametrize(
    ("region", "configuration"), [("us-east-1", None), ("eu-west-1", eu_config())]
)
def test_creating_a_bucket_another_account_owns_fails(s3double, region, configuration):
    s3double.store.create_bucket("taken", owner=OTHER_ACCOUNT)
    params = {"CreateBucketConfiguration": configuration} if configuration else {}

    answer = refused(s3double.store, client_in(region).create_bucket, Bucket="taken", **params)

    assert answer.status == 409
    assert answer.error == {
        "Code": "BucketAlreadyExists", "Message": ALREADY_EXISTS, "BucketName": "taken",
    }
    assert s3double.store.bucket("taken").owner == OTHER_ACCOUNT


# -- HeadBucket ----------------------------------------------------------------------


def test_head_bucket_headers(s3, bucket):
    response = s3.head_bucket(Bucket=bucket)

    headers = response["ResponseMetadata"]["HTTPHeaders"]
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert headers["x-amz-bucket-region"] == "us-east-1"
    assert headers["x-amz-access-point-alias"] == "false"
    assert headers["content-type"] == "application/xml"  # facts-buckets.md 4, recorded
    assert response["BucketRegion"] == "us-east-1"
    assert response["AccessPointAlias"] is False


def test_head_bucket_missing_is_404_without_body(s3double, s3):
    answer = refused(s3double.store, s3.head_bucket, Bucket="no-such-bucket")

    assert answer.status == 404
    assert answer.error == {"Code": "404", "Message": "Not Found"}


# -- DeleteBucket --------------------------------------------------------------------


def test_delete_empty_bucket(s3double, s3, bucket):
    response = s3.delete_bucket(Bucket=bucket)

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert s3double.store.bucket(bucket) is None
    assert s3.list_buckets()["Buckets"] == []


def test_delete_missing_bucket(s3double, s3):
    answer = refused(s3double.store, s3.delete_bucket, Bucket="no-such-bucket")

    assert answer.status == 404
    assert answer.error == {
        "Code": "NoSuchBucket", "Message": NO_SUCH_BUCKET, "BucketName": "no-such-bucket",
    }


def test_delete_unversioned_bucket_with_an_object(s3double, s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")

    answer = refused(s3double.store, s3.delete_bucket, Bucket=bucket)

    assert answer.status == 409
    assert answer.error == {"Code": "BucketNotEmpty", "Message": NOT_EMPTY, "BucketName": bucket}


def _only_a_delete_marker(s3, name):  # noqa: ANN001
    s3.delete_object(Bucket=name, Key="never-written")


def _object_under_a_delete_marker(s3, name):  # noqa: ANN001
    s3.put_object(Bucket=name, Key="k", Body=b"x")
    s3.delete_object(Bucket=name, Key="k")


def _one_object(s3, name):  # noqa: ANN001
    s3.put_object(Bucket=name, Key="k", Body=b"x")


@pytest.mark.parametrize("status", ["Enabled", "Suspended"])
@pytest.mark.parametrize(
    "fill", [_one_object, _only_a_delete_marker, _object_under_a_delete_marker],
    ids=["object", "marker-only", "object-and-marker"],
)
def test_delete_versioned_bucket_with_versions_or_markers(s3double, s3, status, fill):
    s3.create_bucket(Bucket="versions")
    s3.put_bucket_versioning(Bucket="versions", VersioningConfiguration={"Status": status})
    fill(s3, "versions")

    answer = refused(s3double.store, s3.delete_bucket, Bucket="versions")

    assert answer.status == 409
    assert answer.error == {
        "Code": "BucketNotEmpty", "Message": NOT_EMPTY_VERSIONED, "BucketName": "versions",
    }


def test_delete_bucket_succeeds_once_every_version_and_marker_is_gone(s3double, s3, versioned_bucket):
    ids = [s3.put_object(Bucket=versioned_bucket, Key="k", Body=body)["VersionId"]
           for body in (b"1", b"2")]
    ids.append(s3.delete_object(Bucket=versioned_bucket, Key="k")["VersionId"])
    ids.append(s3.delete_object(Bucket=versioned_bucket, Key="other")["VersionId"])

    for version_id, key in zip(ids, ["k", "k", "k", "other"], strict=True):
        answer = refused(s3double.store, s3.delete_bucket, Bucket=versioned_bucket)
        assert answer.error["Code"] == "BucketNotEmpty"
        s3.delete_object(Bucket=versioned_bucket, Key=key, VersionId=version_id)

    assert s3.delete_bucket(Bucket=versioned_bucket)["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert s3double.store.bucket(versioned_bucket) is None
