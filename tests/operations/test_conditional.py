"""Conditional deletes and writes on general purpose buckets (the 2024-11-22 S3 change)."""

from __future__ import annotations

import pytest
from s3_refusals import refused

PRECONDITION = "At least one of the pre-conditions you specified did not hold"


@pytest.fixture
def seeded(s3, bucket):
    tags = {key: s3.put_object(Bucket=bucket, Key=key, Body=key.encode())["ETag"] for key in "abc"}
    return tags


@pytest.mark.parametrize("strip_quotes", [False, True])
def test_delete_objects_etag_match_deletes_and_mismatch_is_per_key(
    s3double, s3, bucket, seeded, strip_quotes
):
    tag = seeded["a"].strip('"') if strip_quotes else seeded["a"]
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": [
        {"Key": "a", "ETag": tag}, {"Key": "b", "ETag": seeded["c"]}, {"Key": "c"},
    ]})
    assert response["Deleted"] == [{"Key": "a"}, {"Key": "c"}]
    assert response["Errors"] == [{"Key": "b", "Code": "PreconditionFailed", "Message": PRECONDITION}]
    assert s3double.store.bucket(bucket).current("b").body == b"b"


def test_delete_objects_etag_on_a_missing_key(s3, bucket, seeded):
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "zz", "ETag": seeded["a"]}]})
    assert response["Errors"] == [
        {"Key": "zz", "Code": "NoSuchKey", "Message": "The specified key does not exist."}
    ]


def test_delete_objects_etag_is_checked_against_the_current_version(s3, versioned_bucket):
    old = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"old")["ETag"]
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"new")
    response = s3.delete_objects(Bucket=versioned_bucket, Delete={"Objects": [{"Key": "k", "ETag": old}]})
    assert response["Errors"][0]["Code"] == "PreconditionFailed"


@pytest.mark.parametrize(("element", "value"), [("Size", 1), ("LastModifiedTime", "2025-01-01T00:00:00Z")])
def test_directory_bucket_conditions_refuse_the_whole_request(s3double, s3, bucket, seeded, element, value):
    answer = refused(s3double.store, s3.delete_objects, Bucket=bucket, Delete={"Objects": [
        {"Key": "a"}, {"Key": "b", element: value},
    ]})
    assert (answer.status, answer.error["Code"]) == (501, "NotImplemented")
    assert element in answer.error["Message"] and answer.error["Element"] == element


def test_delete_object_if_match(s3double, s3, bucket, seeded):
    answer = refused(s3double.store, s3.delete_object, Bucket=bucket, Key="a", IfMatch='"nope"')
    assert (answer.status, answer.error["Code"], answer.error["Condition"]) == (
        412, "PreconditionFailed", "If-Match"
    )
    deleted = s3.delete_object(Bucket=bucket, Key="a", IfMatch=seeded["a"])
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert s3.delete_object(Bucket=bucket, Key="b", IfMatch="*")["ResponseMetadata"]["HTTPStatusCode"] == 204
    missing = refused(s3double.store, s3.delete_object, Bucket=bucket, Key="zz", IfMatch="*")
    assert (missing.status, missing.error["Code"]) == (404, "NoSuchKey")


@pytest.mark.parametrize(
    ("params", "header"),
    [({"IfMatchSize": 1}, "x-amz-if-match-size"),
     ({"IfMatchLastModifiedTime": "2025-01-01T00:00:00Z"}, "x-amz-if-match-last-modified-time"),
     ({"IfMatchSize": 1, "IfMatch": '"nope"'}, "x-amz-if-match-size")],
)
def test_delete_object_directory_headers_are_s3s_501(s3double, s3, bucket, seeded, params, header):
    answer = refused(s3double.store, s3.delete_object, Bucket=bucket, Key="a", **params)
    assert (answer.status, answer.error["Code"], answer.error["Header"]) == (501, "NotImplemented", header)
    assert answer.error["Message"] == "A header you provided implies functionality that is not implemented"


def test_put_if_none_match_star_writes_only_new_keys(s3double, s3, bucket, seeded):
    s3.put_object(Bucket=bucket, Key="new", Body=b"1", IfNoneMatch="*")
    answer = refused(s3double.store, s3.put_object, Bucket=bucket, Key="new", Body=b"2", IfNoneMatch="*")
    assert (answer.status, answer.error["Code"], answer.error["Condition"]) == (
        412, "PreconditionFailed", "If-None-Match"
    )


def test_put_if_none_match_over_a_delete_marker_writes(s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"1")
    s3.delete_object(Bucket=versioned_bucket, Key="k")
    assert s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"2", IfNoneMatch="*")["VersionId"]


def test_put_if_match(s3double, s3, bucket, seeded):
    s3.put_object(Bucket=bucket, Key="a", Body=b"2", IfMatch=seeded["a"])
    stale = refused(s3double.store, s3.put_object, Bucket=bucket, Key="a", Body=b"3", IfMatch=seeded["a"])
    assert (stale.status, stale.error["Condition"]) == (412, "If-Match")
    missing = refused(s3double.store, s3.put_object, Bucket=bucket, Key="zz", Body=b"3", IfMatch=seeded["a"])
    assert (missing.status, missing.error["Code"]) == (404, "NoSuchKey")


@pytest.mark.parametrize(
    ("params", "header"),
    [({"IfNoneMatch": '"abc"'}, "If-None-Match"), ({"IfMatch": "*"}, "If-Match"),
     ({"IfMatch": '"a"', "IfNoneMatch": "*"}, "If-Match,If-None-Match")],
)
def test_put_condition_forms_s3_does_not_accept(s3double, s3, bucket, seeded, params, header):
    answer = refused(s3double.store, s3.put_object, Bucket=bucket, Key="a", Body=b"x", **params)
    assert (answer.status, answer.error["Code"], answer.error["Header"]) == (501, "NotImplemented", header)
