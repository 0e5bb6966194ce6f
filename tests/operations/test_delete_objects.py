"""DeleteObjects through boto3's client: what happens to each key, and what S3 answers.

Spec: issue 2, "DeleteObjects, as S3 does it"; shapes from
tests/data/aws/facts-deletes.md sections 3, 4 and 6 and the worked examples of the
DeleteObjects reference
(/work/shared/reference/001_*.txt). Validation of the request as a whole is in
test_delete_objects_validation.py.
"""

from __future__ import annotations

import hashlib

import pytest
from delete_support import (
    NEVER_ISSUED,
    VERSION_ID,
    keys_of,
    no_such_version,
    put,
    s3_error,
    versions_state,
)

# -- the bucket ------------------------------------------------------------------


def test_missing_bucket_is_no_such_bucket(s3, bucket):
    put(s3, bucket, "a")
    message = "The specified bucket does not exist"
    with s3_error(s3, 404, "NoSuchBucket", message, BucketName="no-such-bucket"):
        s3.delete_objects(Bucket="no-such-bucket", Delete={"Objects": [{"Key": "a"}]})
    assert keys_of(s3, bucket) == ["a"]


# Well-formed account ids of another account; a value that is not 12 digits is 400
# (tests/operations/test_bucket_configuration.py, facts-misc-answers.md §2.1).
@pytest.mark.parametrize("owner", ["111122223333", "000000000000"])
def test_expected_bucket_owner_of_another_account_is_access_denied(s3, bucket, owner):
    put(s3, bucket, "a")
    with s3_error(s3, 403, "AccessDenied", "Access Denied"):
        s3.delete_objects(
            Bucket=bucket, Delete={"Objects": [{"Key": "a"}]}, ExpectedBucketOwner=owner
        )
    assert keys_of(s3, bucket) == ["a"]


def test_expected_bucket_owner_of_the_default_account_passes(s3double, s3, bucket):
    put(s3, bucket, "a")
    assert s3double.account_id == "123456789012"
    response = s3.delete_objects(
        Bucket=bucket, Delete={"Objects": [{"Key": "a"}]}, ExpectedBucketOwner="123456789012"
    )
    assert response["Deleted"] == [{"Key": "a"}]
    assert keys_of(s3, bucket) == []


@pytest.mark.s3double(account_id="111122223333")
def test_expected_bucket_owner_follows_the_doubles_account_id(s3, bucket):
    put(s3, bucket, "a")
    with s3_error(s3, 403, "AccessDenied", "Access Denied"):
        s3.delete_objects(
            Bucket=bucket, Delete={"Objects": [{"Key": "a"}]}, ExpectedBucketOwner="123456789012"
        )
    assert keys_of(s3, bucket) == ["a"]
    response = s3.delete_objects(
        Bucket=bucket, Delete={"Objects": [{"Key": "a"}]}, ExpectedBucketOwner="111122223333"
    )
    assert response["Deleted"] == [{"Key": "a"}]


def test_expected_bucket_owner_is_checked_against_the_buckets_owner(s3double, s3):
    foreign = s3double.store.create_bucket("foreign-owned", owner="444455556666")
    foreign.put("a", b"a")
    with s3_error(s3, 403, "AccessDenied", "Access Denied"):
        s3.delete_objects(
            Bucket="foreign-owned", Delete={"Objects": [{"Key": "a"}]},
            ExpectedBucketOwner=s3double.account_id,
        )
    assert foreign.current("a") is not None
    response = s3.delete_objects(
        Bucket="foreign-owned", Delete={"Objects": [{"Key": "a"}]}, ExpectedBucketOwner="444455556666"
    )
    assert response["Deleted"] == [{"Key": "a"}]
    assert foreign.current("a") is None


# -- unversioned bucket ---------------------------------------------------------------


def test_unversioned_present_and_missing_keys_are_deleted_with_key_only(s3, bucket):
    put(s3, bucket, "present")
    put(s3, bucket, "other")
    response = s3.delete_objects(
        Bucket=bucket, Delete={"Objects": [{"Key": "present"}, {"Key": "missing"}]}
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["Deleted"] == [{"Key": "present"}, {"Key": "missing"}]
    assert "Errors" not in response
    assert keys_of(s3, bucket) == ["other"]
    etag = f'"{hashlib.md5(b"data").hexdigest()}"'
    assert versions_state(s3, bucket) == [("version", "other", "null", True, etag)]


def test_unversioned_version_null_names_the_object(s3, bucket):
    put(s3, bucket, "a")
    response = s3.delete_objects(
        Bucket=bucket, Delete={"Objects": [{"Key": "a", "VersionId": "null"}]}
    )
    assert response["Deleted"] == [{"Key": "a", "VersionId": "null"}]
    assert keys_of(s3, bucket) == []


def test_unversioned_other_version_id_is_a_per_key_no_such_version(s3, bucket):
    put(s3, bucket, "a")
    response = s3.delete_objects(
        Bucket=bucket,
        Delete={"Objects": [{"Key": "a", "VersionId": NEVER_ISSUED}, {"Key": "b"}]},
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["Errors"] == [no_such_version("a", NEVER_ISSUED)]
    assert response["Deleted"] == [{"Key": "b"}]
    assert keys_of(s3, bucket) == ["a"]


# -- Quiet, and batches that mix outcomes ----------------------------------------------------


@pytest.mark.parametrize("quiet", [True, False])
def test_quiet_returns_only_the_errors(s3, versioned_bucket, quiet):
    version = put(s3, versioned_bucket, "v")
    objects = [{"Key": "v", "VersionId": version}, {"Key": "x", "VersionId": NEVER_ISSUED}, {"Key": "m"}]
    response = s3.delete_objects(
        Bucket=versioned_bucket, Delete={"Objects": objects, "Quiet": quiet}
    )
    assert response["Errors"] == [no_such_version("x", NEVER_ISSUED)]
    if quiet:
        assert "Deleted" not in response
    else:
        assert [(e["Key"], e.get("VersionId"), e.get("DeleteMarker")) for e in response["Deleted"]] == [
            ("v", version, None),
            ("m", None, True),
        ]
    listing = s3.list_object_versions(Bucket=versioned_bucket)
    assert "Versions" not in listing
    assert [m["Key"] for m in listing["DeleteMarkers"]] == ["m"]


def test_quiet_with_only_successes_returns_neither_list(s3, bucket):
    put(s3, bucket, "a")
    response = s3.delete_objects(
        Bucket=bucket, Delete={"Objects": [{"Key": "a"}, {"Key": "b"}], "Quiet": True}
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert "Deleted" not in response and "Errors" not in response
    assert keys_of(s3, bucket) == []


def test_a_mixed_batch_fails_only_the_bad_keys(s3, versioned_bucket):
    old = put(s3, versioned_bucket, "a", b"old")
    put(s3, versioned_bucket, "a", b"new")
    put(s3, versioned_bucket, "b")
    objects = [
        {"Key": "a", "VersionId": old},
        {"Key": "a", "VersionId": NEVER_ISSUED},
        {"Key": "b"},
        {"Key": "c", "VersionId": "9" * 32},
        {"Key": "d"},
    ]
    response = s3.delete_objects(Bucket=versioned_bucket, Delete={"Objects": objects})
    assert response["Errors"] == [no_such_version("a", NEVER_ISSUED), no_such_version("c", "9" * 32)]
    assert [entry["Key"] for entry in response["Deleted"]] == ["a", "b", "d"]
    assert response["Deleted"][0] == {"Key": "a", "VersionId": old}
    assert keys_of(s3, versioned_bucket) == ["a"]
    assert s3.get_object(Bucket=versioned_bucket, Key="a")["Body"].read() == b"new"


# -- keys that need care on the wire --------------------------------------------------------

AWKWARD_KEYS = {
    "crlf": "line\r\nbreak",
    "cr": "carriage\rreturn",
    "cr-at-end": "ends-with-cr\r",
    "lf": "line\nfeed",
    "breaks-at-ends": "\r\nkey\n",
    "tab": "tab\tkey",
    "markup": "a&b<c>d\"e'f",
    "cdata-end": "a]]>b",
    "entity-text": "&amp; &#13; &lt;",
    "spaces-at-ends": "  padded  ",
    "only-spaces": "   ",
    "non-ascii": "naïve/日本語/ключ",
    "emoji": "folder 📁/face 😀.jpg",
    "del-and-c1": "\x7f\x85",
}


@pytest.mark.parametrize("key", AWKWARD_KEYS.values(), ids=AWKWARD_KEYS.keys())
def test_an_awkward_key_is_deleted_and_echoed_byte_exact(s3double, s3, bucket, key):
    s3double.store.bucket(bucket).put(key, b"x")
    s3double.store.bucket(bucket).put("neighbour", b"x")
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": key}]})
    assert response["Deleted"] == [{"Key": key}]
    assert response["Deleted"][0]["Key"].encode() == key.encode()
    assert s3double.store.bucket(bucket).current(key) is None
    assert keys_of(s3, bucket) == ["neighbour"]


@pytest.mark.parametrize("key", AWKWARD_KEYS.values(), ids=AWKWARD_KEYS.keys())
def test_an_awkward_key_is_echoed_byte_exact_in_errors_and_markers(s3, versioned_bucket, key):
    response = s3.delete_objects(
        Bucket=versioned_bucket,
        Delete={"Objects": [{"Key": key}, {"Key": key, "VersionId": NEVER_ISSUED}]},
    )
    assert [entry["Key"] for entry in response["Deleted"]] == [key]
    assert response["Errors"] == [no_such_version(key, NEVER_ISSUED)]
    markers = s3.list_object_versions(Bucket=versioned_bucket)["DeleteMarkers"]
    assert [m["Key"] for m in markers] == [key]


@pytest.mark.parametrize("version_id", ["a&b<c>\"'", "with space ", "nul?\u00e9"])
def test_an_unknown_version_id_is_echoed_byte_exact(s3, versioned_bucket, version_id):
    response = s3.delete_objects(
        Bucket=versioned_bucket, Delete={"Objects": [{"Key": "k", "VersionId": version_id}]}
    )
    assert response["Errors"] == [no_such_version("k", version_id)]
    assert versions_state(s3, versioned_bucket) == []


# -- the worked examples of the DeleteObjects reference -----------------------------------


def test_example_deleting_two_versions_of_happyface(s3):
    s3.create_bucket(Bucket="examplebucket")
    s3.put_bucket_versioning(Bucket="examplebucket", VersioningConfiguration={"Status": "Enabled"})
    first, second = (put(s3, "examplebucket", "HappyFace.jpg", body) for body in (b":)", b":-)"))
    response = s3.delete_objects(
        Bucket="examplebucket",
        Delete={
            "Objects": [
                {"Key": "HappyFace.jpg", "VersionId": first},
                {"Key": "HappyFace.jpg", "VersionId": second},
            ],
            "Quiet": False,
        },
    )
    assert set(response) == {"Deleted", "ResponseMetadata"}
    assert sorted(response["Deleted"], key=lambda entry: entry["VersionId"]) == sorted(
        [{"Key": "HappyFace.jpg", "VersionId": first}, {"Key": "HappyFace.jpg", "VersionId": second}],
        key=lambda entry: entry["VersionId"],
    )
    assert versions_state(s3, "examplebucket") == []


def test_example_objectkey1_and_objectkey2_get_delete_markers(s3):
    s3.create_bucket(Bucket="examplebucket")
    s3.put_bucket_versioning(Bucket="examplebucket", VersioningConfiguration={"Status": "Enabled"})
    versions = {key: put(s3, "examplebucket", key) for key in ("objectkey1", "objectkey2")}
    response = s3.delete_objects(
        Bucket="examplebucket",
        Delete={"Objects": [{"Key": "objectkey1"}, {"Key": "objectkey2"}], "Quiet": False},
    )
    assert set(response) == {"Deleted", "ResponseMetadata"}
    assert [entry["Key"] for entry in response["Deleted"]] == ["objectkey1", "objectkey2"]
    for entry in response["Deleted"]:
        assert set(entry) == {"DeleteMarker", "DeleteMarkerVersionId", "Key"}
        assert entry["DeleteMarker"] is True
        assert VERSION_ID.fullmatch(entry["DeleteMarkerVersionId"])
    listing = s3.list_object_versions(Bucket="examplebucket")
    assert sorted((v["Key"], v["VersionId"]) for v in listing["Versions"]) == sorted(versions.items())
    assert sorted((m["Key"], m["VersionId"]) for m in listing["DeleteMarkers"]) == sorted(
        (entry["Key"], entry["DeleteMarkerVersionId"]) for entry in response["Deleted"]
    )


# -- an object listed more than once -------------------------------------------------------


def test_a_key_listed_three_times_is_reported_once(s3, bucket):
    """facts-misc-answers.md §3: AWS answered one <Deleted> for hello.txt listed three
    times (noobaa/noobaa-core#7328); the other keys keep their order."""
    put(s3, bucket, "hello.txt")
    objects = [{"Key": "hello.txt"}, {"Key": "other"}, {"Key": "hello.txt"}, {"Key": "hello.txt"}]
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": objects})
    assert response["Deleted"] == [{"Key": "hello.txt"}, {"Key": "other"}]
    assert keys_of(s3, bucket) == []


def test_a_key_listed_twice_in_a_versioned_bucket_gets_one_marker(s3, versioned_bucket):
    first = put(s3, versioned_bucket, "k", b"one")
    second = put(s3, versioned_bucket, "k", b"two")
    objects = [{"Key": "k"}, {"Key": "k"}, {"Key": "k", "VersionId": first},
               {"Key": "k", "VersionId": second}, {"Key": "k", "VersionId": first}]
    response = s3.delete_objects(Bucket=versioned_bucket, Delete={"Objects": objects})
    deleted = response["Deleted"]
    assert [(d["Key"], d.get("VersionId")) for d in deleted] == [
        ("k", None), ("k", first), ("k", second),
    ]
    marker = deleted[0]["DeleteMarkerVersionId"]
    assert [row[:3] for row in versions_state(s3, versioned_bucket)] == [("marker", "k", marker)]
