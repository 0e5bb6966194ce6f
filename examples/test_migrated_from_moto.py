"""A moto test module, moved to s3double (docs/migrating-from-moto.md shows the moto
version it came from). What changed: the imports, the credentials fixture (gone), the
client fixture (takes the ``s3double`` fixture) and one new test moto could not make."""

from __future__ import annotations

import boto3
import pytest

import s3double
from report_store import create_report_bucket, publish, purge_day, report_bucket


@pytest.fixture
def s3(s3double):  # a fresh, empty double per test; no credentials, no region needed
    return boto3.client("s3", region_name="us-east-1")


def test_bucket_is_named_after_the_account(s3):
    assert report_bucket() == "reports-123456789012"  # STS GetCallerIdentity, served


def test_purge_removes_every_version(s3):
    bucket = report_bucket()
    create_report_bucket(s3, bucket)
    publish(s3, bucket, "2026-01-01", b"first")
    publish(s3, bucket, "2026-01-01", b"second")
    s3.delete_object(Bucket=bucket, Key="daily/2026-01-01.csv")  # a delete marker

    assert purge_day(s3, bucket, "2026-01-01") == 3
    listing = s3.list_object_versions(Bucket=bucket)
    assert "Versions" not in listing and "DeleteMarkers" not in listing


@pytest.mark.s3double(account_id="111122223333")
def test_another_account(s3):
    assert report_bucket() == "reports-111122223333"


def test_purge_sends_batches_s3_accepts(s3, s3double):
    """New: moto deletes 1,001 keys in one request; S3, and s3double, refuse it."""
    bucket = s3double.store.create_bucket("reports-123456789012", versioning="Enabled")
    for n in range(1001):
        bucket.put("daily/2026-01-02.csv", str(n).encode())  # seeded in the model: fast

    assert purge_day(s3, bucket.name, "2026-01-02") == 1001
    assert [len(call.identifiers) for call in s3double.calls("DeleteObjects")] == [1000, 1]


@s3double.mock_aws
class TestPublish:
    def test_overwrites_keep_history(self):
        s3 = boto3.client("s3", region_name="us-east-1")
        create_report_bucket(s3, "reports-history")
        first = publish(s3, "reports-history", "2026-01-03", b"draft")
        second = publish(s3, "reports-history", "2026-01-03", b"final")

        versions = s3.list_object_versions(Bucket="reports-history")["Versions"]
        assert [v["VersionId"] for v in versions] == [second, first]  # newest first
