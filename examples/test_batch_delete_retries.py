"""A batch delete that meets per-key SlowDown errors, and what the call record proves."""

from __future__ import annotations

import boto3

from batch_delete import delete_keys


def seed(s3double, count):
    bucket = s3double.store.create_bucket("archive")
    keys = [f"2026/{index:05}.json" for index in range(count)]
    for key in keys:
        bucket.put(key, b"{}")
    return keys


def test_throttled_keys_are_retried_until_deleted(s3double):
    keys = seed(s3double, 2500)
    s3double.faults.fail_keys("SlowDown", prefix="2026/001", times=150)
    s3 = boto3.client("s3", region_name="us-east-1")

    assert delete_keys(s3, "archive", keys) == []

    assert s3.list_objects_v2(Bucket="archive")["KeyCount"] == 0
    calls = s3double.calls("DeleteObjects")
    assert max(len(call.identifiers) for call in calls) <= 1000  # S3's limit, never exceeded
    assert sum(len(call.errors) for call in calls) == 150        # each throttled key came back
    assert set(s3double.calls.deleted_keys("archive").values()) == {1}  # each deleted once


def test_gives_up_and_reports_when_throttling_persists(s3double):
    keys = seed(s3double, 10)
    s3double.faults.fail_keys("SlowDown", keys=["2026/00003.json"])  # every time
    s3 = boto3.client("s3", region_name="us-east-1")

    failed = delete_keys(s3, "archive", keys, attempts=3)

    assert failed == [{"Key": "2026/00003.json", "Code": "GaveUp"}]
    assert len(s3double.calls("DeleteObjects")) == 3
    assert [o.key for o in s3double.store.bucket("archive").versions("2026/00003.json")] == [
        "2026/00003.json"
    ]
