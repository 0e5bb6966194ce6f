"""The main delete rules once more, through boto3's resource API.

``Bucket.delete_objects``, ``Object.delete``, ``ObjectVersion.delete`` and the
batch actions ``objects.delete()`` / ``object_versions.delete()`` (which page
through listings and send DeleteObjects batches) reach the same double.
"""

from __future__ import annotations

import pytest
from delete_support import (
    MALFORMED_XML,
    NEVER_ISSUED,
    VERSION_ID,
    keys_of,
    no_such_version,
    put,
    s3_error,
    versions_state,
)


@pytest.fixture
def resource(s3double):
    boto3 = pytest.importorskip("boto3")
    return boto3.resource("s3", region_name="us-east-1")


def test_bucket_delete_objects_unversioned(resource, s3, bucket):
    put(s3, bucket, "a")
    response = resource.Bucket(bucket).delete_objects(
        Delete={"Objects": [{"Key": "a"}, {"Key": "missing"}]}
    )
    assert response["Deleted"] == [{"Key": "a"}, {"Key": "missing"}]
    assert keys_of(s3, bucket) == []


def test_bucket_delete_objects_versioned_markers_versions_and_errors(resource, s3, versioned_bucket):
    old = put(s3, versioned_bucket, "a", b"old")
    put(s3, versioned_bucket, "a", b"new")
    response = resource.Bucket(versioned_bucket).delete_objects(
        Delete={
            "Objects": [
                {"Key": "a", "VersionId": old},
                {"Key": "b"},
                {"Key": "c", "VersionId": NEVER_ISSUED},
            ]
        }
    )
    assert response["Deleted"][0] == {"Key": "a", "VersionId": old}
    marker = response["Deleted"][1]
    assert marker["Key"] == "b" and marker["DeleteMarker"] is True
    assert VERSION_ID.fullmatch(marker["DeleteMarkerVersionId"])
    assert response["Errors"] == [no_such_version("c", NEVER_ISSUED)]
    assert resource.Object(versioned_bucket, "a").get()["Body"].read() == b"new"


def test_bucket_delete_objects_quiet_and_limits(resource, s3, bucket):
    put(s3, bucket, "a")
    target = resource.Bucket(bucket)
    before = versions_state(s3, bucket)
    for objects in ([], [{"Key": "a"}] * 1001):
        with s3_error(target.meta.client, 400, "MalformedXML", MALFORMED_XML):
            target.delete_objects(Delete={"Objects": objects})
    assert versions_state(s3, bucket) == before
    response = target.delete_objects(Delete={"Objects": [{"Key": "a"}], "Quiet": True})
    assert "Deleted" not in response and "Errors" not in response
    assert keys_of(s3, bucket) == []


def test_object_delete_per_versioning_state(resource, s3, bucket):
    put(s3, bucket, "k")
    response = resource.Object(bucket, "k").delete()
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert "DeleteMarker" not in response and "VersionId" not in response

    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    enabled = put(s3, bucket, "k")
    response = resource.Object(bucket, "k").delete()
    marker = response["VersionId"]
    assert response["DeleteMarker"] is True and VERSION_ID.fullmatch(marker)

    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
    response = resource.Object(bucket, "k").delete()
    assert response["DeleteMarker"] is True and response["VersionId"] == "null"
    listing = s3.list_object_versions(Bucket=bucket)
    assert [v["VersionId"] for v in listing["Versions"]] == [enabled]
    assert sorted((m["VersionId"], m["IsLatest"]) for m in listing["DeleteMarkers"]) == sorted(
        [(marker, False), ("null", True)]
    )


def test_object_version_delete_removes_that_version(resource, s3, versioned_bucket):
    old = put(s3, versioned_bucket, "k", b"old")
    new = put(s3, versioned_bucket, "k", b"new")
    response = resource.ObjectVersion(versioned_bucket, "k", new).delete()
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert response["VersionId"] == new
    assert [v["VersionId"] for v in s3.list_object_versions(Bucket=versioned_bucket)["Versions"]] == [old]
    with s3_error(resource.meta.client, 400, "InvalidArgument", "Invalid version id specified"):
        resource.ObjectVersion(versioned_bucket, "k", NEVER_ISSUED).delete()


def test_objects_all_delete_empties_an_unversioned_bucket(s3double, resource, s3, bucket):
    model = s3double.store.bucket(bucket)
    for index in range(1001):  # two DeleteObjects batches
        model.put(f"k{index:04d}", b"x")
    responses = resource.Bucket(bucket).objects.all().delete()
    assert [len(response["Deleted"]) for response in responses] == [1000, 1]
    assert keys_of(s3, bucket) == []


def test_object_versions_delete_empties_a_versioned_bucket(resource, s3, versioned_bucket):
    for key in ("a", "b"):
        for body in (b"1", b"2"):
            put(s3, versioned_bucket, key, body)
    marker = s3.delete_object(Bucket=versioned_bucket, Key="a")["VersionId"]
    responses = resource.Bucket(versioned_bucket).object_versions.delete()
    deleted = [entry for response in responses for entry in response["Deleted"]]
    assert len(deleted) == 5
    assert [entry for entry in deleted if entry.get("DeleteMarker")] == [
        {"Key": "a", "VersionId": marker, "DeleteMarker": True, "DeleteMarkerVersionId": marker}
    ]
    assert versions_state(s3, versioned_bucket) == []
    s3.delete_bucket(Bucket=versioned_bucket)
    assert versioned_bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
