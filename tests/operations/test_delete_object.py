"""DeleteObject (one key) through boto3's client: S3's 204 and its two headers.

Spec: issue 2, "DeleteObject follows the same rules with S3's single-object
answers"; the header table is tests/data/aws/facts-deletes.md section 1 (recorded),
the InvalidArgument answer section 3 (recorded).
"""

from __future__ import annotations

import pytest
from delete_support import (
    INVALID_VERSION_ID,
    NEVER_ISSUED,
    VERSION_ID,
    keys_of,
    put,
    s3_error,
    versions_state,
)

VERSION_HEADERS = ("x-amz-delete-marker", "x-amz-version-id")


def headers(response):
    """The version headers S3 sent, by name."""
    sent = response["ResponseMetadata"]["HTTPHeaders"]
    return {name: sent[name] for name in VERSION_HEADERS if name in sent}


def assert_no_content(response):
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert response["ResponseMetadata"]["HTTPHeaders"]["x-amz-request-id"]


# -- unversioned bucket ---------------------------------------------------------------


@pytest.mark.parametrize("present", [True, False], ids=["present", "missing"])
def test_unversioned_answers_204_without_version_headers(s3, bucket, present):
    if present:
        put(s3, bucket, "k")
    put(s3, bucket, "other")
    response = s3.delete_object(Bucket=bucket, Key="k")
    assert_no_content(response)
    assert headers(response) == {}
    assert "DeleteMarker" not in response and "VersionId" not in response
    assert keys_of(s3, bucket) == ["other"]


def test_unversioned_version_null_deletes_the_object(s3, bucket):
    put(s3, bucket, "k")
    assert_no_content(s3.delete_object(Bucket=bucket, Key="k", VersionId="null"))
    assert keys_of(s3, bucket) == []


@pytest.mark.parametrize("version_id", [NEVER_ISSUED, "not-a-version-id"])
def test_unversioned_other_version_id_is_invalid_argument(s3, bucket, version_id):
    put(s3, bucket, "k")
    before = versions_state(s3, bucket)
    with s3_error(
        s3, 400, "InvalidArgument", INVALID_VERSION_ID,
        ArgumentName="versionId", ArgumentValue=version_id,
    ):
        s3.delete_object(Bucket=bucket, Key="k", VersionId=version_id)
    assert versions_state(s3, bucket) == before


# -- versioning Enabled and Suspended --------------------------------------------------------


@pytest.mark.parametrize("present", [True, False], ids=["present", "missing"])
def test_enabled_adds_a_marker_and_names_it_in_the_headers(s3, versioned_bucket, present):
    version = put(s3, versioned_bucket, "k") if present else None
    response = s3.delete_object(Bucket=versioned_bucket, Key="k")
    assert_no_content(response)
    marker = response["ResponseMetadata"]["HTTPHeaders"]["x-amz-version-id"]
    assert headers(response) == {"x-amz-delete-marker": "true", "x-amz-version-id": marker}
    assert VERSION_ID.fullmatch(marker) and marker != version
    assert response["DeleteMarker"] is True and response["VersionId"] == marker
    listing = s3.list_object_versions(Bucket=versioned_bucket)
    assert [(m["Key"], m["VersionId"], m["IsLatest"]) for m in listing["DeleteMarkers"]] == [
        ("k", marker, True)
    ]
    assert [v["VersionId"] for v in listing.get("Versions", [])] == ([version] if present else [])


@pytest.mark.parametrize("null_version", [True, False], ids=["null-version", "no-null-version"])
def test_suspended_replaces_the_null_version_with_a_null_marker(s3, versioned_bucket, null_version):
    enabled = put(s3, versioned_bucket, "k", b"enabled")
    s3.put_bucket_versioning(
        Bucket=versioned_bucket, VersioningConfiguration={"Status": "Suspended"}
    )
    if null_version:
        put(s3, versioned_bucket, "k", b"suspended")
    response = s3.delete_object(Bucket=versioned_bucket, Key="k")
    assert_no_content(response)
    assert headers(response) == {"x-amz-delete-marker": "true", "x-amz-version-id": "null"}
    listing = s3.list_object_versions(Bucket=versioned_bucket)
    assert [(v["VersionId"], v["IsLatest"]) for v in listing["Versions"]] == [(enabled, False)]
    assert [(m["VersionId"], m["IsLatest"]) for m in listing["DeleteMarkers"]] == [("null", True)]


def test_suspended_missing_key_gets_a_null_marker(s3, versioned_bucket):
    s3.put_bucket_versioning(
        Bucket=versioned_bucket, VersioningConfiguration={"Status": "Suspended"}
    )
    response = s3.delete_object(Bucket=versioned_bucket, Key="never-there")
    assert headers(response) == {"x-amz-delete-marker": "true", "x-amz-version-id": "null"}
    markers = s3.list_object_versions(Bucket=versioned_bucket)["DeleteMarkers"]
    assert [(m["Key"], m["VersionId"], m["IsLatest"]) for m in markers] == [("never-there", "null", True)]


# -- a VersionId -----------------------------------------------------------------------------


def test_a_version_is_removed_and_its_id_echoed(s3, versioned_bucket):
    old = put(s3, versioned_bucket, "k", b"old")
    new = put(s3, versioned_bucket, "k", b"new")
    response = s3.delete_object(Bucket=versioned_bucket, Key="k", VersionId=new)
    assert_no_content(response)
    assert headers(response) == {"x-amz-version-id": new}
    assert "DeleteMarker" not in response
    versions = s3.list_object_versions(Bucket=versioned_bucket)["Versions"]
    assert [(v["VersionId"], v["IsLatest"]) for v in versions] == [(old, True)]


def test_a_delete_marker_by_id_answers_delete_marker_true(s3, versioned_bucket):
    put(s3, versioned_bucket, "k", b"body")
    marker = s3.delete_object(Bucket=versioned_bucket, Key="k")["VersionId"]
    response = s3.delete_object(Bucket=versioned_bucket, Key="k", VersionId=marker)
    assert_no_content(response)
    assert headers(response) == {"x-amz-delete-marker": "true", "x-amz-version-id": marker}
    assert "DeleteMarkers" not in s3.list_object_versions(Bucket=versioned_bucket)
    assert s3.get_object(Bucket=versioned_bucket, Key="k")["Body"].read() == b"body"


def test_a_version_already_gone_answers_204_again(s3, versioned_bucket):
    gone = put(s3, versioned_bucket, "k", b"one")
    kept = put(s3, versioned_bucket, "k", b"two")
    for _ in range(2):
        response = s3.delete_object(Bucket=versioned_bucket, Key="k", VersionId=gone)
        assert_no_content(response)
        assert headers(response) == {"x-amz-version-id": gone}
    assert [v["VersionId"] for v in s3.list_object_versions(Bucket=versioned_bucket)["Versions"]] == [kept]


@pytest.mark.parametrize("key_exists", [True, False], ids=["key-exists", "key-missing"])
def test_a_never_issued_version_is_invalid_argument(s3, versioned_bucket, key_exists):
    if key_exists:
        put(s3, versioned_bucket, "k")
    before = versions_state(s3, versioned_bucket)
    with s3_error(
        s3, 400, "InvalidArgument", INVALID_VERSION_ID,
        ArgumentName="versionId", ArgumentValue=NEVER_ISSUED,
    ) as caught:
        s3.delete_object(Bucket=versioned_bucket, Key="k", VersionId=NEVER_ISSUED)
    sent = caught.value.response["ResponseMetadata"]["HTTPHeaders"]
    assert not set(VERSION_HEADERS) & set(sent)
    assert versions_state(s3, versioned_bucket) == before


# -- the bucket ------------------------------------------------------------------------------


def test_missing_bucket_is_no_such_bucket(s3):
    message = "The specified bucket does not exist"
    with s3_error(s3, 404, "NoSuchBucket", message, BucketName="no-such-bucket"):
        s3.delete_object(Bucket="no-such-bucket", Key="k")


def test_expected_bucket_owner_must_own_the_bucket(s3double, s3, bucket):
    put(s3, bucket, "k")
    with s3_error(s3, 403, "AccessDenied", "Access Denied"):
        s3.delete_object(Bucket=bucket, Key="k", ExpectedBucketOwner="111122223333")
    assert keys_of(s3, bucket) == ["k"]
    response = s3.delete_object(Bucket=bucket, Key="k", ExpectedBucketOwner=s3double.account_id)
    assert_no_content(response)
    assert keys_of(s3, bucket) == []


def test_an_awkward_key_is_deleted(s3double, s3, versioned_bucket):
    key = "line\r\nbreak & <tag> \"q\" 'a' 😀 "
    version = put(s3, versioned_bucket, key)
    response = s3.delete_object(Bucket=versioned_bucket, Key=key, VersionId=version)
    assert headers(response) == {"x-amz-version-id": version}
    assert s3double.store.bucket(versioned_bucket).versions(key) == []
