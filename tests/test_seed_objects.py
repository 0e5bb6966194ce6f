"""``S3Double.seed_objects``: many objects straight into the model, as PutObject would."""

from __future__ import annotations

import gc

import pytest


def test_seeded_objects_are_served_like_put_ones(s3double, s3):
    s3double.store.create_bucket("seeded")
    assert s3double.seed_objects("seeded", [f"logs/{n:04d}" for n in range(1500)], body=b"x") == [None] * 1500
    first = s3.list_objects_v2(Bucket="seeded")
    assert first["KeyCount"] == 1000 and first["IsTruncated"]
    assert first["Contents"][0]["Key"] == "logs/0000" and first["Contents"][0]["Size"] == 1
    rest = s3.list_objects_v2(Bucket="seeded", ContinuationToken=first["NextContinuationToken"])
    assert rest["KeyCount"] == 500 and rest["Contents"][-1]["Key"] == "logs/1499"
    got = s3.get_object(Bucket="seeded", Key="logs/0042")
    assert got["Body"].read() == b"x"
    assert got["ETag"] == s3.head_object(Bucket="seeded", Key="logs/0001")["ETag"]
    assert "VersionId" not in s3.put_object(Bucket="seeded", Key="logs/0042", Body=b"y")


def test_version_ids_come_back_in_order_on_a_versioned_bucket(s3double, s3):
    s3double.store.create_bucket("history", versioning="Enabled")
    first = s3double.seed_objects("history", ["a", "b"], body=b"1")
    second = s3double.seed_objects("history", ["a"], body=b"2")
    listed = s3.list_object_versions(Bucket="history")["Versions"]
    assert [(v["Key"], v["VersionId"], v["IsLatest"]) for v in listed] == [
        ("a", second[0], True), ("a", first[0], False), ("b", first[1], True)]
    s3.delete_objects(Bucket="history", Delete={"Objects": [{"Key": "a", "VersionId": first[0]}]})
    assert [v["VersionId"] for v in s3.list_object_versions(Bucket="history")["Versions"]] == [
        second[0], first[1]]


def test_a_suspended_bucket_gets_null_versions(s3double):
    bucket = s3double.store.create_bucket("paused", versioning="Suspended")
    assert s3double.seed_objects("paused", ["a", "a"], body=b"z") == ["null", "null"]
    assert [entry.body for entry in bucket.versions("a")] == [b"z"]


def test_a_default_retention_and_a_directory_bucket_apply_as_on_put(s3double, s3):
    s3double.store.create_bucket("locked", object_lock=True)
    s3.put_object_lock_configuration(Bucket="locked", ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}})
    (version_id,) = s3double.seed_objects("locked", ["kept"], body=b"x")
    with pytest.raises(s3.exceptions.ClientError, match="AccessDenied"):
        s3.delete_object(Bucket="locked", Key="kept", VersionId=version_id)
    directory = s3double.store.create_directory_bucket("logs--use1-az4--x-s3")
    assert s3double.seed_objects(directory.name, ["a", "b"], body=b"x") == [None, None]
    assert directory.current("a").etag != directory.current("b").etag  # random, as S3's


def test_an_unknown_bucket_is_an_error_and_the_collector_is_left_as_it_was(s3double):
    with pytest.raises(LookupError, match="no bucket named 'nowhere'"):
        s3double.seed_objects("nowhere", ["a"])
    s3double.store.create_bucket("b")
    assert gc.isenabled()
    s3double.seed_objects("b", ["a"])
    assert gc.isenabled()
    gc.disable()
    try:
        s3double.seed_objects("b", ["c"])
        assert not gc.isenabled()
    finally:
        gc.enable()
