"""The append log of append_log.py on a directory bucket, with boto3's default
client: botocore's S3 Express session flow (CreateSession, then session-signed
appends) runs against the double unchanged."""

from __future__ import annotations

import boto3
import pytest

from append_log import AppendLog

BUCKET = "logs--usw2-az1--x-s3"


@pytest.fixture
def s3(s3double):
    client = boto3.client("s3", region_name="us-west-2")
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={
        "Location": {"Type": "AvailabilityZone", "Name": "usw2-az1"},
        "Bucket": {"Type": "Directory", "DataRedundancy": "SingleAvailabilityZone"},
    })
    return client


def test_lines_are_appended_in_order(s3double, s3):
    log = AppendLog(s3, BUCKET, "app")
    for number in range(3):
        log.append(f"event {number}")

    assert log.lines() == ["event 0", "event 1", "event 2"]
    assert s3double.store.bucket(BUCKET).current("app/000000.log").parts == 3


def test_two_writers_never_overwrite_each_other(s3double, s3):
    first, second = AppendLog(s3, BUCKET, "app"), AppendLog(s3, BUCKET, "app")
    first.append("a1")
    second.append("b1")  # believes the log is empty: InvalidWriteOffset, then appends
    first.append("a2")

    assert first.lines() == ["a1", "b1", "a2"]
    refused = [call for call in s3double.calls("PutObject") if call.status == 400]
    assert [call.error_code for call in refused] == ["InvalidWriteOffset"] * 2


def test_a_full_segment_rolls_over(s3double, s3):
    s3double.store.bucket(BUCKET).put("app/000000.log", b"old\n", parts=10_000)  # full
    log = AppendLog(s3, BUCKET, "app")
    log.size = 4

    log.append("new")

    assert log.key == "app/000001.log"
    assert log.lines() == ["old", "new"]
