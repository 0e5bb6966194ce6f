"""The purge routine against S3's object lock: GOVERNANCE, COMPLIANCE, legal hold, bypass,
and retention that expires while the test runs (no sleeping: the double's clock moves)."""

from __future__ import annotations

import datetime as dt

import boto3
import pytest

from purge_versions import purge_noncurrent

DAY = dt.timedelta(days=1)


@pytest.fixture
def s3(s3double):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="records", ObjectLockEnabledForBucket=True)
    return client


def old_version(s3, key, **lock):
    """A noncurrent version of ``key`` (with the given lock), and a newer current one."""
    version_id = s3.put_object(Bucket="records", Key=key, Body=b"old", **lock)["VersionId"]
    s3.put_object(Bucket="records", Key=key, Body=b"new")
    return version_id


def test_locked_versions_are_skipped_and_reported(s3, s3double):
    until = s3double.clock.now() + 30 * DAY
    plain = old_version(s3, "plain.txt")
    governed = old_version(s3, "gov.txt", ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=until)
    compliant = old_version(s3, "comp.txt", ObjectLockMode="COMPLIANCE", ObjectLockRetainUntilDate=until)
    held = old_version(s3, "held.txt", ObjectLockLegalHoldStatus="ON")
    s3double.clock.advance(2 * DAY)

    report = purge_noncurrent(s3, "records", older_than=s3double.clock.now() - DAY)

    assert report.deleted == [("plain.txt", plain)]
    assert sorted(report.locked) == sorted(
        [("gov.txt", governed), ("comp.txt", compliant), ("held.txt", held)]
    )
    assert report.failed == []


def test_bypass_removes_governance_only(s3, s3double):
    until = s3double.clock.now() + 30 * DAY
    governed = old_version(s3, "gov.txt", ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=until)
    compliant = old_version(s3, "comp.txt", ObjectLockMode="COMPLIANCE", ObjectLockRetainUntilDate=until)
    held = old_version(s3, "held.txt", ObjectLockLegalHoldStatus="ON")
    s3double.clock.advance(2 * DAY)

    report = purge_noncurrent(s3, "records", s3double.clock.now(), bypass_governance=True)

    assert report.deleted == [("gov.txt", governed)]
    assert sorted(report.locked) == sorted([("comp.txt", compliant), ("held.txt", held)])


def test_expired_retention_no_longer_protects(s3, s3double):
    until = s3double.clock.now() + 10 * DAY
    compliant = old_version(s3, "comp.txt", ObjectLockMode="COMPLIANCE", ObjectLockRetainUntilDate=until)
    s3double.clock.advance(11 * DAY)

    report = purge_noncurrent(s3, "records", s3double.clock.now())

    assert report.deleted == [("comp.txt", compliant)]
    assert report.locked == []
