"""The retention policy of ``log_retention`` carried out: s3double runs the bucket's
lifecycle rules on its own clock, so the test moves the clock instead of waiting a month.

S3 acts at the first midnight UTC at least ``days`` after an object was written, and
each step after that (the noncurrent version, then the marker left alone) a day or more
later; s3double does the same before it answers each request.
"""

from __future__ import annotations

import datetime as dt

import boto3
import pytest

from log_retention import apply_retention

DAY = dt.timedelta(days=1)


@pytest.fixture
def s3(s3double):
    s3double.clock.set(dt.datetime(2030, 1, 1, 8, 0, tzinfo=dt.timezone.utc))
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="app-logs")
    apply_retention(client, "app-logs", days=30)
    return client


def keys(s3):
    return [o["Key"] for o in s3.list_objects_v2(Bucket="app-logs").get("Contents", [])]


def test_logs_expire_and_leave_nothing_behind(s3, s3double):
    s3.put_object(Bucket="app-logs", Key="logs/2030-01-01.log", Body=b"started")
    s3.put_object(Bucket="app-logs", Key="audit/2030-01-01.log", Body=b"kept for ever")

    s3double.clock.advance(29 * DAY)
    assert keys(s3) == ["audit/2030-01-01.log", "logs/2030-01-01.log"]

    s3double.clock.advance(2 * DAY)  # past the first midnight 30 days on: a delete marker
    assert keys(s3) == ["audit/2030-01-01.log"]
    assert len(s3.list_object_versions(Bucket="app-logs", Prefix="logs/")["Versions"]) == 1

    s3double.clock.advance(3 * DAY)  # the noncurrent version, then the lone marker
    listed = s3.list_object_versions(Bucket="app-logs", Prefix="logs/")
    assert "Versions" not in listed and "DeleteMarkers" not in listed


def test_an_abandoned_upload_is_aborted(s3, s3double):
    s3.create_multipart_upload(Bucket="app-logs", Key="logs/huge.log")

    s3double.clock.advance(2 * DAY)

    assert "Uploads" not in s3.list_multipart_uploads(Bucket="app-logs")


def test_the_rules_read_back(s3):
    rules = s3.get_bucket_lifecycle_configuration(Bucket="app-logs")["Rules"]
    assert [rule["ID"] for rule in rules] == ["expire-logs", "clean-markers"]
