"""Directory buckets through boto3 with default settings: CreateBucket, HeadBucket,
DeleteBucket, ListDirectoryBuckets, CreateSession and session tokens, and what
directory buckets do not serve (versioning, object lock, MFA delete)."""

from __future__ import annotations

import datetime as dt
import re

import boto3
import pytest
from botocore.config import Config
from directory_support import (
    NAME,
    REGION,
    SESSION_TOKEN,
    ZONE,
    create_directory_bucket,
    directory_configuration,
    send_token,
    tokens_sent,
)
from s3_refusals import refused

from s3double.model.bucket import BucketKind

UTC = dt.timezone.utc
NOT_SUPPORTED = "This operation is not supported for directory buckets."


@pytest.fixture
def zonal(s3double):  # noqa: ANN001, ANN201
    """A default client in the Region of usw2-az1."""
    return boto3.client("s3", region_name=REGION)


@pytest.fixture
def directory(zonal):  # noqa: ANN001, ANN201
    create_directory_bucket(zonal)
    return NAME


# -- CreateBucket, HeadBucket, DeleteBucket -------------------------------------------


def test_create_a_directory_bucket(s3double, zonal):
    response = create_directory_bucket(zonal)

    arn = f"arn:aws:s3express:{REGION}:123456789012:bucket/{NAME}"
    assert (response["Location"], response["BucketArn"]) == (f"/{NAME}", arn)
    bucket = s3double.store.bucket(NAME)
    assert (bucket.kind, bucket.zone_id, bucket.region) == (BucketKind.DIRECTORY, ZONE, REGION)
    head = zonal.head_bucket(Bucket=NAME)
    assert (head["BucketLocationType"], head["BucketLocationName"], head["BucketRegion"],
            head["BucketArn"], head["AccessPointAlias"]) == (
        "AvailabilityZone", ZONE, REGION, arn, False)


@pytest.mark.parametrize(("name", "zone"), [
    ("logs--usw2-az2--x-s3", ZONE),      # the name's zone is not the Location's
    ("lo.gs--usw2-az1--x-s3", ZONE),     # not a directory bucket name
    ("logs-usw2-az1-x-s3", ZONE),        # no suffix: botocore sends it to S3, not S3 Express
])
def test_names_must_follow_the_directory_rule(s3double, zonal, name, zone):
    answer = refused(s3double.store, zonal.create_bucket, Bucket=name,
                     CreateBucketConfiguration=directory_configuration(zone))
    assert (answer.status, answer.error["Code"], answer.error["BucketName"]) == (
        400, "InvalidBucketName", name)
    assert s3double.store.bucket(name) is None


def test_the_zone_must_be_in_the_endpoints_region(s3double, zonal):
    answer = refused(s3double.store, zonal.create_bucket, Bucket="logs--use1-az4--x-s3",
                     CreateBucketConfiguration=directory_configuration("use1-az4"))
    assert (answer.status, answer.error["Code"]) == (400, "IllegalLocationConstraintException")
    assert "use1-az4" in answer.error["Message"]


def test_local_zones_are_not_modelled(s3double, zonal):
    configuration = directory_configuration()
    configuration["Location"]["Type"] = "LocalZone"
    answer = refused(s3double.store, zonal.create_bucket, Bucket=NAME,
                     CreateBucketConfiguration=configuration)
    assert (answer.status, answer.error["Code"]) == (501, "NotImplemented")


def test_creating_it_again_is_409(s3double, zonal, directory):
    answer = refused(s3double.store, zonal.create_bucket, Bucket=NAME,
                     CreateBucketConfiguration=directory_configuration())
    assert (answer.status, answer.error["Code"]) == (409, "BucketAlreadyOwnedByYou")


def test_object_lock_is_not_for_directory_buckets(s3double, zonal):
    answer = refused(s3double.store, zonal.create_bucket, Bucket=NAME,
                     ObjectLockEnabledForBucket=True,
                     CreateBucketConfiguration=directory_configuration())
    assert (answer.status, answer.error["Header"]) == (501, "x-amz-bucket-object-lock-enabled")


def test_delete_a_directory_bucket(s3double, zonal, directory):
    zonal.put_object(Bucket=NAME, Key="k", Body=b"x")
    full = refused(s3double.store, zonal.delete_bucket, Bucket=NAME)
    assert (full.status, full.error["Code"]) == (409, "BucketNotEmpty")

    zonal.delete_object(Bucket=NAME, Key="k")
    assert zonal.delete_bucket(Bucket=NAME)["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert s3double.store.bucket(NAME) is None


def test_uploads_in_progress_keep_a_directory_bucket(s3double, zonal, directory):
    upload = zonal.create_multipart_upload(Bucket=NAME, Key="big")["UploadId"]
    answer = refused(s3double.store, zonal.delete_bucket, Bucket=NAME)
    assert (answer.status, answer.error["Code"]) == (409, "BucketNotEmpty")
    assert len(s3double.store.bucket(NAME).uploads) == 1

    zonal.abort_multipart_upload(Bucket=NAME, Key="big", UploadId=upload)
    zonal.delete_bucket(Bucket=NAME)


def test_delete_bucket_takes_no_expected_owner(s3double, zonal, directory):
    """S3 API reference, DeleteBucket: for directory buckets the header "fails with the
    HTTP status code 501 Not Implemented"."""
    answer = refused(s3double.store, zonal.delete_bucket, Bucket=NAME,
                     ExpectedBucketOwner="123456789012")
    assert (answer.status, answer.error["Header"]) == (501, "x-amz-expected-bucket-owner")


# -- ListDirectoryBuckets --------------------------------------------------------------


def test_list_directory_buckets_pages_by_name(s3double, zonal):
    names = [f"b{number}--{ZONE}--x-s3" for number in range(3)]
    for name in reversed(names):
        create_directory_bucket(zonal, name)
    zonal.create_bucket(Bucket="general", CreateBucketConfiguration={"LocationConstraint": REGION})

    first = zonal.list_directory_buckets(MaxDirectoryBuckets=2)
    rest = zonal.list_directory_buckets(ContinuationToken=first["ContinuationToken"])

    assert [bucket["Name"] for bucket in first["Buckets"]] == names[:2]
    assert [bucket["Name"] for bucket in rest["Buckets"]] == names[2:]
    assert "ContinuationToken" not in rest
    assert rest["Buckets"][0]["BucketArn"].endswith(f":bucket/{names[2]}")
    assert [bucket["Name"] for bucket in zonal.list_buckets()["Buckets"]] == ["general"]


def test_list_directory_buckets_shows_the_endpoints_region(s3double, zonal, directory):
    other = boto3.client("s3", region_name="us-east-1")
    assert other.list_directory_buckets()["Buckets"] == []
    assert [bucket["Name"] for bucket in zonal.list_directory_buckets()["Buckets"]] == [NAME]


def test_list_directory_buckets_limit(s3double, zonal):
    answer = refused(s3double.store, zonal.list_directory_buckets, MaxDirectoryBuckets=1001)
    assert (answer.status, answer.error["Code"]) == (400, "InvalidArgument")


# -- CreateSession and session tokens --------------------------------------------------


def test_create_session_answers_credentials_for_five_minutes(s3double, zonal, directory):
    now = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    s3double.clock.set(now)

    response = zonal.create_session(Bucket=NAME)

    credentials = response["Credentials"]
    assert re.fullmatch(r"ASIA[A-Z2-7]{16}", credentials["AccessKeyId"])
    assert len(credentials["SecretAccessKey"]) == 40 and len(credentials["SessionToken"]) > 200
    assert credentials["Expiration"] == now + dt.timedelta(minutes=5)
    assert response["ServerSideEncryption"] == "AES256"


@pytest.mark.s3double(record_headers=[SESSION_TOKEN])  # the record keeps this header
def test_zonal_calls_carry_the_session_botocore_made(s3double, zonal, directory):
    zonal.put_object(Bucket=NAME, Key="k", Body=b"x")
    zonal.get_object(Bucket=NAME, Key="k")

    assert len(s3double.calls("CreateSession")) == 1
    tokens = tokens_sent(s3double.calls, "PutObject") + tokens_sent(s3double.calls, "GetObject")
    assert len(set(tokens)) == 1 and tokens[0]


def test_a_read_only_session_reads_but_may_not_write(s3double, zonal, directory):
    zonal.put_object(Bucket=NAME, Key="k", Body=b"x")
    send_token(zonal, zonal.create_session(Bucket=NAME, SessionMode="ReadOnly")["Credentials"]
               ["SessionToken"])

    assert zonal.get_object(Bucket=NAME, Key="k")["Body"].read() == b"x"
    assert [item["Key"] for item in zonal.list_objects_v2(Bucket=NAME)["Contents"]] == ["k"]
    for call, params in [(zonal.put_object, {"Key": "k", "Body": b"y"}),
                         (zonal.delete_object, {"Key": "k"})]:
        answer = refused(s3double.store, call, Bucket=NAME, **params)
        assert (answer.status, answer.error["Code"]) == (403, "AccessDenied")


def test_a_token_s3double_did_not_make_is_invalid(s3double, zonal, directory):
    send_token(zonal, "bm90IGEgdG9rZW4=")
    answer = refused(s3double.store, zonal.put_object, Bucket=NAME, Key="k", Body=b"x")
    assert (answer.status, answer.error) == (400, {
        "Code": "InvalidToken", "Message": "The provided token is malformed or otherwise invalid.",
    })


def test_a_session_is_for_its_own_bucket(s3double, zonal, directory):
    other = f"other--{ZONE}--x-s3"
    create_directory_bucket(zonal, other)
    send_token(zonal, zonal.create_session(Bucket=other)["Credentials"]["SessionToken"])

    answer = refused(s3double.store, zonal.put_object, Bucket=NAME, Key="k", Body=b"x")
    assert (answer.status, answer.error["Code"]) == (403, "AccessDenied")


def test_an_expired_session_is_refused(s3double, zonal, directory):
    """The double's clock decides: five minutes later the token botocore still holds
    (its own expiry check reads the wall clock) is S3's ExpiredToken."""
    zonal.put_object(Bucket=NAME, Key="k", Body=b"x")
    s3double.clock.advance(dt.timedelta(minutes=5))

    answer = refused(s3double.store, zonal.put_object, Bucket=NAME, Key="k", Body=b"y")

    assert (answer.status, answer.error) == (400, {
        "Code": "ExpiredToken", "Message": "The provided token has expired.",
    })
    fresh = boto3.client("s3", region_name=REGION)  # a new client makes a new session
    assert fresh.get_object(Bucket=NAME, Key="k")["Body"].read() == b"x"


@pytest.mark.s3double(record_headers=[SESSION_TOKEN])  # the record keeps this header
def test_without_session_auth_requests_are_served_as_iam_signed(s3double, directory):
    client = boto3.client("s3", region_name=REGION,
                          config=Config(s3={"disable_s3_express_session_auth": True}))
    client.put_object(Bucket=NAME, Key="k", Body=b"x")

    assert s3double.calls("CreateSession") == []
    assert tokens_sent(s3double.calls, "PutObject") == [None]
    assert s3double.store.bucket(NAME).current("k").body == b"x"


def test_create_session_needs_a_directory_bucket(s3double, zonal):
    answer = refused(s3double.store, zonal.create_session, Bucket=NAME)
    assert (answer.status, answer.error["Code"]) == (404, "NoSuchBucket")


def test_a_client_kept_across_doubles_keeps_working(zonal, directory):
    """A module-level client caches its session; a later double still knows the token."""
    import s3double as package

    zonal.put_object(Bucket=NAME, Key="k", Body=b"x")
    with package.mock_s3() as inner:
        inner.store.create_directory_bucket(NAME)
        zonal.put_object(Bucket=NAME, Key="k", Body=b"inner")
        assert inner.calls("CreateSession") == []
        assert inner.store.bucket(NAME).current("k").body == b"inner"


# -- what directory buckets do not serve ----------------------------------------------


@pytest.mark.parametrize(("method", "params"), [
    ("put_bucket_versioning", {"VersioningConfiguration": {"Status": "Enabled"}}),
    ("get_bucket_versioning", {}),
    ("list_object_versions", {}),
    ("list_objects", {}),
    ("get_bucket_location", {}),
    ("get_object_lock_configuration", {}),
    ("put_object_legal_hold", {"Key": "k", "LegalHold": {"Status": "ON"}}),
])
def test_operations_directory_buckets_do_not_support(s3double, zonal, directory, method, params):
    answer = refused(s3double.store, getattr(zonal, method), Bucket=NAME, **params)
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (
        501, "NotImplemented", NOT_SUPPORTED)


def test_bucket_policies_are_not_modelled_for_directory_buckets(s3double, zonal, directory):
    answer = refused(s3double.store, zonal.get_bucket_policy, Bucket=NAME)
    assert (answer.status, answer.error["Code"]) == (501, "NotImplemented")


def test_only_the_null_version_id(s3double, zonal, directory):
    """S3 API reference, DeleteObject: "only the null value of the version ID is supported
    by directory buckets"; PutObject sends no version id."""
    assert "VersionId" not in zonal.put_object(Bucket=NAME, Key="k", Body=b"x")
    assert zonal.get_object(Bucket=NAME, Key="k", VersionId="null")["Body"].read() == b"x"
    answer = refused(s3double.store, zonal.delete_object, Bucket=NAME, Key="k",
                     VersionId="3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrH")
    assert (answer.status, answer.error["Code"]) == (400, "InvalidArgument")

    zonal.delete_object(Bucket=NAME, Key="k", VersionId="null")
    assert s3double.store.bucket(NAME).current("k") is None


def test_no_mfa_delete(s3double, zonal, directory):
    zonal.put_object(Bucket=NAME, Key="k", Body=b"x")
    answer = refused(s3double.store, zonal.delete_object, Bucket=NAME, Key="k",
                     MFA="arn:aws:iam::123456789012:mfa/root 123456")
    assert (answer.status, answer.error["Header"]) == (501, "x-amz-mfa")
