"""The call record: every request served, in order, with parameters and outcomes."""

from __future__ import annotations

import pytest

from s3double.model.outcomes import Deleted


def test_every_request_is_recorded_in_order(s3double, s3):
    s3.create_bucket(Bucket="rec-bucket")
    s3.put_object(Bucket="rec-bucket", Key="a", Body=b"1")
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.get_object(Bucket="rec-bucket", Key="missing")
    calls = s3double.calls()
    assert [(c.operation, c.bucket, c.key, c.status, c.error_code) for c in calls] == [
        ("CreateBucket", "rec-bucket", None, 200, None),
        ("PutObject", "rec-bucket", "a", 200, None),
        ("GetObject", "rec-bucket", "missing", 404, "NoSuchKey"),
    ]
    assert len(s3double.calls) == 3


def test_delete_objects_records_identifiers_and_every_outcome_even_quiet(s3double, s3):
    s3.create_bucket(Bucket="rec-bucket")
    s3.put_object(Bucket="rec-bucket", Key="a", Body=b"1")
    s3.delete_objects(
        Bucket="rec-bucket",
        Delete={"Objects": [{"Key": "a"}, {"Key": "b", "VersionId": "nope"}], "Quiet": True},
    )
    (call,) = s3double.calls("DeleteObjects")
    assert call.identifiers == [("a", None), ("b", "nope")]
    assert call.deleted == [Deleted("a")]
    assert [(e.key, e.code) for e in call.errors] == [("b", "NoSuchVersion")]
    assert call.document.quiet is True


def test_queries_support_the_assertions_users_write(s3double, s3):
    bucket = s3double.store.create_bucket("rec-bucket")
    keys = [f"k{index}" for index in range(2500)]
    for key in keys:
        bucket.put(key, b"x")
    for start in range(0, len(keys), 1000):
        batch = keys[start : start + 1000]
        s3.delete_objects(Bucket="rec-bucket", Delete={"Objects": [{"Key": k} for k in batch]})
    s3.delete_object(Bucket="rec-bucket", Key="k0")

    assert max(len(c.identifiers) for c in s3double.calls("DeleteObjects")) <= 1000
    counts = s3double.calls.deleted_keys("rec-bucket")
    assert counts["k0"] == 2 and counts["k1"] == 1 and len(counts) == 2500
    assert s3double.calls(bucket="other") == []


def test_each_activation_starts_a_new_record(s3double, s3):
    s3.list_buckets()
    s3double.stop()
    s3double.start()
    assert s3double.calls() == []
