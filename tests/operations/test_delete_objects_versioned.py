"""DeleteObjects on versioned buckets: delete markers, Suspended, and version ids.

Spec: issue 2, "DeleteObjects, as S3 does it" (the per-key rules for Enabled,
Suspended and a VersionId); shapes from tests/data/aws/facts-deletes.md sections 2
to 4, and the S3 user guide pages on deleting from versioning-enabled and
versioning-suspended buckets.
"""

from __future__ import annotations

import pytest
from delete_support import (
    NEVER_ISSUED,
    VERSION_ID,
    keys_of,
    no_such_version,
    put,
    versions_state,
)


@pytest.fixture
def suspended_bucket(s3):
    s3.create_bucket(Bucket="suspended-one")
    s3.put_bucket_versioning(Bucket="suspended-one", VersioningConfiguration={"Status": "Suspended"})
    return "suspended-one"


# -- versioning Enabled, no VersionId ------------------------------------------------------


def test_enabled_adds_a_delete_marker_for_present_and_missing_keys(s3, versioned_bucket):
    first = put(s3, versioned_bucket, "present")
    response = s3.delete_objects(
        Bucket=versioned_bucket, Delete={"Objects": [{"Key": "present"}, {"Key": "missing"}]}
    )
    assert [entry["Key"] for entry in response["Deleted"]] == ["present", "missing"]
    markers = {}
    for entry in response["Deleted"]:
        assert set(entry) == {"Key", "DeleteMarker", "DeleteMarkerVersionId"}
        assert entry["DeleteMarker"] is True
        assert VERSION_ID.fullmatch(entry["DeleteMarkerVersionId"])
        markers[entry["Key"]] = entry["DeleteMarkerVersionId"]
    assert len({first, *markers.values()}) == 3
    listing = s3.list_object_versions(Bucket=versioned_bucket)
    assert sorted((m["Key"], m["VersionId"], m["IsLatest"]) for m in listing["DeleteMarkers"]) == [
        ("missing", markers["missing"], True),
        ("present", markers["present"], True),
    ]
    assert [(v["Key"], v["VersionId"], v["IsLatest"]) for v in listing["Versions"]] == [
        ("present", first, False)
    ]
    assert keys_of(s3, versioned_bucket) == []


def test_enabled_deleting_twice_stacks_two_markers(s3, versioned_bucket):
    put(s3, versioned_bucket, "a")
    ids = [
        s3.delete_objects(Bucket=versioned_bucket, Delete={"Objects": [{"Key": "a"}]})["Deleted"][0][
            "DeleteMarkerVersionId"
        ]
        for _ in range(2)
    ]
    assert ids[0] != ids[1]
    markers = s3.list_object_versions(Bucket=versioned_bucket)["DeleteMarkers"]
    assert {(m["VersionId"], m["IsLatest"]) for m in markers} == {(ids[0], False), (ids[1], True)}


# -- versioning Suspended ---------------------------------------------------------------------


def test_suspended_put_replaces_only_the_null_version(s3, bucket):
    put(s3, bucket, "k", b"before versioning")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    enabled = put(s3, bucket, "k", b"enabled")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
    response = s3.put_object(Bucket=bucket, Key="k", Body=b"suspended")
    assert "VersionId" not in response
    put(s3, bucket, "k", b"suspended again")
    versions = s3.list_object_versions(Bucket=bucket)["Versions"]
    assert [(v["VersionId"], v["IsLatest"], v["Size"]) for v in versions] == [
        ("null", True, len(b"suspended again")),
        (enabled, False, len(b"enabled")),
    ]


def test_suspended_removes_only_the_null_version_under_a_null_marker(s3, bucket):
    put(s3, bucket, "k", b"before versioning")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    enabled = put(s3, bucket, "k", b"enabled")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
    put(s3, bucket, "k", b"suspended")
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "k"}]})
    assert response["Deleted"] == [
        {"Key": "k", "DeleteMarker": True, "DeleteMarkerVersionId": "null"}
    ]
    listing = s3.list_object_versions(Bucket=bucket)
    assert [(v["VersionId"], v["IsLatest"], v["Size"]) for v in listing["Versions"]] == [
        (enabled, False, len(b"enabled"))
    ]
    assert [(m["VersionId"], m["IsLatest"]) for m in listing["DeleteMarkers"]] == [("null", True)]


def test_suspended_keeps_one_null_marker_and_every_older_version(s3double, s3, suspended_bucket):
    model = s3double.store.bucket(suspended_bucket)
    put(s3, suspended_bucket, "missing-before")
    for _ in range(2):
        response = s3.delete_objects(
            Bucket=suspended_bucket,
            Delete={"Objects": [{"Key": "missing-before"}, {"Key": "never-there"}]},
        )
        assert response["Deleted"] == [
            {"Key": key, "DeleteMarker": True, "DeleteMarkerVersionId": "null"}
            for key in ("missing-before", "never-there")
        ]
    for key in ("missing-before", "never-there"):
        assert [(e.version_id, e.is_delete_marker) for e in model.versions(key)] == [("null", True)]


def test_suspended_marker_sits_on_top_of_enabled_versions(s3, versioned_bucket):
    ids = [put(s3, versioned_bucket, "k", body) for body in (b"one", b"two")]
    s3.put_bucket_versioning(
        Bucket=versioned_bucket, VersioningConfiguration={"Status": "Suspended"}
    )
    s3.delete_objects(Bucket=versioned_bucket, Delete={"Objects": [{"Key": "k"}]})
    listing = s3.list_object_versions(Bucket=versioned_bucket)
    assert sorted((v["VersionId"], v["IsLatest"]) for v in listing["Versions"]) == sorted(
        (version_id, False) for version_id in ids
    )
    assert [(m["VersionId"], m["IsLatest"]) for m in listing["DeleteMarkers"]] == [("null", True)]


def test_suspended_put_and_delete_take_turns_as_the_null_version(s3, versioned_bucket):
    """The sequence of LocalStack's recorded test_delete_object_on_suspended_bucket."""
    ids = [put(s3, versioned_bucket, "k", body) for body in (b"one", b"two")]
    s3.put_bucket_versioning(
        Bucket=versioned_bucket, VersioningConfiguration={"Status": "Suspended"}
    )
    expected_versions = sorted((version_id, False) for version_id in ids)

    def listing():
        page = s3.list_object_versions(Bucket=versioned_bucket)
        versions = sorted((v["VersionId"], v["IsLatest"]) for v in page.get("Versions", []))
        markers = [(m["VersionId"], m["IsLatest"]) for m in page.get("DeleteMarkers", [])]
        return versions, markers

    for _ in range(2):
        s3.delete_objects(Bucket=versioned_bucket, Delete={"Objects": [{"Key": "k"}]})
        assert listing() == (expected_versions, [("null", True)])
        put(s3, versioned_bucket, "k", b"suspended")
        assert listing() == (sorted([*expected_versions, ("null", True)]), [])
    assert s3.get_object(Bucket=versioned_bucket, Key="k")["Body"].read() == b"suspended"


# -- a VersionId --------------------------------------------------------------------------


def test_a_version_is_removed_for_good(s3, versioned_bucket):
    old, new = (put(s3, versioned_bucket, "k", body) for body in (b"old", b"new"))
    response = s3.delete_objects(
        Bucket=versioned_bucket, Delete={"Objects": [{"Key": "k", "VersionId": new}]}
    )
    assert response["Deleted"] == [{"Key": "k", "VersionId": new}]
    versions = s3.list_object_versions(Bucket=versioned_bucket)["Versions"]
    assert [(v["VersionId"], v["IsLatest"]) for v in versions] == [(old, True)]
    assert s3.get_object(Bucket=versioned_bucket, Key="k")["Body"].read() == b"old"


def test_deleting_a_delete_marker_by_id_brings_the_object_back(s3, versioned_bucket):
    put(s3, versioned_bucket, "k", b"body")
    marker = s3.delete_object(Bucket=versioned_bucket, Key="k")["VersionId"]
    response = s3.delete_objects(
        Bucket=versioned_bucket, Delete={"Objects": [{"Key": "k", "VersionId": marker}]}
    )
    assert response["Deleted"] == [
        {"Key": "k", "VersionId": marker, "DeleteMarker": True, "DeleteMarkerVersionId": marker}
    ]
    assert "DeleteMarkers" not in s3.list_object_versions(Bucket=versioned_bucket)
    assert s3.get_object(Bucket=versioned_bucket, Key="k")["Body"].read() == b"body"


def test_null_names_the_version_made_before_versioning(s3, bucket):
    put(s3, bucket, "k", b"unversioned")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    enabled = put(s3, bucket, "k", b"enabled")
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "k", "VersionId": "null"}]})
    assert response["Deleted"] == [{"Key": "k", "VersionId": "null"}]
    versions = s3.list_object_versions(Bucket=bucket)["Versions"]
    assert [(v["VersionId"], v["IsLatest"]) for v in versions] == [(enabled, True)]


def test_null_names_a_null_delete_marker(s3, suspended_bucket):
    s3.delete_objects(Bucket=suspended_bucket, Delete={"Objects": [{"Key": "k"}]})
    response = s3.delete_objects(
        Bucket=suspended_bucket, Delete={"Objects": [{"Key": "k", "VersionId": "null"}]}
    )
    assert response["Deleted"] == [
        {"Key": "k", "VersionId": "null", "DeleteMarker": True, "DeleteMarkerVersionId": "null"}
    ]
    assert versions_state(s3, suspended_bucket) == []


def test_a_never_issued_version_is_a_per_key_error_and_nothing_changes(s3, versioned_bucket):
    put(s3, versioned_bucket, "k")
    before = versions_state(s3, versioned_bucket)
    response = s3.delete_objects(
        Bucket=versioned_bucket, Delete={"Objects": [{"Key": "k", "VersionId": NEVER_ISSUED}]}
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["Errors"] == [no_such_version("k", NEVER_ISSUED)]
    assert "Deleted" not in response
    assert versions_state(s3, versioned_bucket) == before


def test_a_version_already_gone_is_deleted_again(s3, versioned_bucket):
    """Listed twice, reported once (facts-misc-answers.md §3); deleted again, Deleted
    again (facts-deletes.md §3)."""
    gone = put(s3, versioned_bucket, "k", b"one")
    kept = put(s3, versioned_bucket, "k", b"two")
    objects = [{"Key": "k", "VersionId": gone}] * 2
    first = s3.delete_objects(Bucket=versioned_bucket, Delete={"Objects": objects})
    second = s3.delete_objects(Bucket=versioned_bucket, Delete={"Objects": objects})
    for response in (first, second):
        assert response["Deleted"] == [{"Key": "k", "VersionId": gone}]
        assert "Errors" not in response
    assert [v["VersionId"] for v in s3.list_object_versions(Bucket=versioned_bucket)["Versions"]] == [kept]
