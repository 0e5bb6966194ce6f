"""Lifecycle carried out on the double's clock, seen through boto3: a test moves
``s3double.clock`` and the next request finds what S3's daily lifecycle runs would have
done by then.

What each action does is S3's (tests/data/aws/facts-lifecycle.md §5); the exact
midnights are tested on the model (tests/model/test_lifecycle.py).
"""

from __future__ import annotations

import datetime as _dt

import boto3
import pytest
from configuration_support import answer

UTC = _dt.timezone.utc
START = _dt.datetime(2030, 1, 1, 9, 30, tzinfo=UTC)
DAY = _dt.timedelta(days=1)


@pytest.fixture
def s3(s3double):  # noqa: ANN001, ANN201
    s3double.clock.set(START)
    return boto3.client("s3", region_name="us-east-1")


def lifecycle(s3, bucket: str, *rules: dict) -> None:  # noqa: ANN001
    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": list(rules)})


def versions(s3, bucket: str) -> list[tuple[str, bool, bool]]:  # noqa: ANN001
    """(key, is a delete marker, is latest) for every entry, newest first per key."""
    listed = s3.list_object_versions(Bucket=bucket)
    entries = [(v["Key"], False, v["IsLatest"], v["LastModified"]) for v in listed.get("Versions", [])]
    entries += [
        (m["Key"], True, m["IsLatest"], m["LastModified"]) for m in listed.get("DeleteMarkers", [])
    ]
    return [entry[:3] for entry in sorted(entries, key=lambda e: (e[0], -e[3].timestamp()))]


EXPIRE_IN_A_DAY = {
    "ID": "expire",
    "Status": "Enabled",
    "Filter": {"Prefix": "tmp/"},
    "Expiration": {"Days": 1},
}


def test_an_expired_object_is_gone_from_an_unversioned_bucket(s3double, s3):
    """§5.3: removed for good; objects the filter does not match stay."""
    s3.create_bucket(Bucket="scratch")
    s3.put_object(Bucket="scratch", Key="tmp/a", Body=b"a")
    s3.put_object(Bucket="scratch", Key="keep/b", Body=b"b")
    lifecycle(s3, "scratch", EXPIRE_IN_A_DAY)

    s3double.clock.advance(DAY)
    assert (
        s3.get_object(Bucket="scratch", Key="tmp/a")["Body"].read() == b"a"
    )  # due at the 2nd midnight
    s3double.clock.advance(DAY)

    assert answer(s3.get_object, Bucket="scratch", Key="tmp/a")[1]["Code"] == "NoSuchKey"
    assert [o["Key"] for o in s3.list_objects_v2(Bucket="scratch")["Contents"]] == ["keep/b"]


def test_an_expired_object_gets_a_delete_marker_in_a_versioned_bucket(s3double, s3):
    """§5.3: a marker dated at the midnight it fell due; the version stays, noncurrent."""
    s3.create_bucket(Bucket="kept")
    s3.put_bucket_versioning(Bucket="kept", VersioningConfiguration={"Status": "Enabled"})
    version_id = s3.put_object(Bucket="kept", Key="tmp/a", Body=b"a")["VersionId"]
    lifecycle(s3, "kept", EXPIRE_IN_A_DAY)

    s3double.clock.advance(5 * DAY)

    listed = s3.list_object_versions(Bucket="kept")
    (marker,) = listed["DeleteMarkers"]
    assert (marker["Key"], marker["IsLatest"]) == ("tmp/a", True)
    assert marker["LastModified"] == _dt.datetime(2030, 1, 3, tzinfo=UTC)
    assert [(v["VersionId"], v["IsLatest"]) for v in listed["Versions"]] == [(version_id, False)]
    assert s3.get_object(Bucket="kept", Key="tmp/a", VersionId=version_id)["Body"].read() == b"a"


def test_noncurrent_versions_expire_and_the_marker_left_alone_goes(s3double, s3):
    """§5.4, §5.5: the common "empty a versioned bucket" configuration, carried out."""
    s3.create_bucket(Bucket="purged")
    s3.put_bucket_versioning(Bucket="purged", VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket="purged", Key="k", Body=b"1")
    s3.put_object(Bucket="purged", Key="k", Body=b"2")
    lifecycle(
        s3,
        "purged",
        {
            "ID": "current",
            "Status": "Enabled",
            "Filter": {},
            "Expiration": {"Days": 1},
            "NoncurrentVersionExpiration": {"NoncurrentDays": 1},
        },
        {
            "ID": "markers",
            "Status": "Enabled",
            "Filter": {},
            "Expiration": {"ExpiredObjectDeleteMarker": True},
        },
    )

    def on(day: int) -> list[tuple[str, bool, bool]]:
        s3double.clock.set(_dt.datetime(2030, 1, day, 12, tzinfo=UTC))
        return versions(s3, "purged")

    # Both versions were written on 1 January at 09:30; one day on is the 3rd's midnight.
    assert on(2) == [("k", False, True), ("k", False, False)]
    assert on(3) == [("k", True, True), ("k", False, False)]  # a marker; version 1 gone
    assert on(4) == [("k", True, True)]  # version 2, noncurrent since the 3rd, gone
    assert on(5) == []  # the marker, alone since the 4th
    s3.delete_bucket(Bucket="purged")


def test_newer_noncurrent_versions_are_kept(s3double, s3):
    """API_NoncurrentVersionExpiration: the N newest noncurrent versions stay."""
    s3.create_bucket(Bucket="history")
    s3.put_bucket_versioning(Bucket="history", VersioningConfiguration={"Status": "Enabled"})
    for n in range(6):
        s3.put_object(Bucket="history", Key="k", Body=str(n).encode())
    lifecycle(
        s3,
        "history",
        {
            "ID": "keep-two",
            "Status": "Enabled",
            "Filter": {},
            "NoncurrentVersionExpiration": {"NoncurrentDays": 1, "NewerNoncurrentVersions": 2},
        },
    )

    s3double.clock.advance(3 * DAY)

    listed = s3.list_object_versions(Bucket="history")["Versions"]
    bodies = [
        s3.get_object(Bucket="history", Key="k", VersionId=v["VersionId"])["Body"].read()
        for v in listed
    ]
    assert bodies == [b"5", b"4", b"3"]


def test_stale_multipart_uploads_are_aborted(s3double, s3):
    """§5.6: the upload is gone: ListMultipartUploads no longer shows it and UploadPart is
    404 NoSuchUpload."""
    s3.create_bucket(Bucket="uploads")
    upload_id = s3.create_multipart_upload(Bucket="uploads", Key="big")["UploadId"]
    lifecycle(
        s3,
        "uploads",
        {
            "ID": "abort",
            "Status": "Enabled",
            "Filter": {},
            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
        },
    )

    s3double.clock.advance(2 * DAY)

    assert "Uploads" not in s3.list_multipart_uploads(Bucket="uploads")
    status, error = answer(
        s3.upload_part, Bucket="uploads", Key="big", UploadId=upload_id, PartNumber=1, Body=b"x"
    )
    assert (status, error["Code"]) == (404, "NoSuchUpload")


def test_locked_versions_are_kept_until_their_lock_ends(s3double, s3):
    """§5.7: a delete marker may be added on top of a locked version, but lifecycle removes
    no version under retention or legal hold; once the retention ends, it goes."""
    s3.create_bucket(Bucket="vault", ObjectLockEnabledForBucket=True)
    until = START + 10 * DAY
    retained = s3.put_object(
        Bucket="vault",
        Key="retained",
        Body=b"r",
        ObjectLockMode="GOVERNANCE",
        ObjectLockRetainUntilDate=until,
    )["VersionId"]
    held = s3.put_object(Bucket="vault", Key="held", Body=b"h", ObjectLockLegalHoldStatus="ON")[
        "VersionId"
    ]
    lifecycle(
        s3,
        "vault",
        {
            "ID": "all",
            "Status": "Enabled",
            "Filter": {},
            "Expiration": {"Days": 1},
            "NoncurrentVersionExpiration": {"NoncurrentDays": 1},
        },
    )

    s3double.clock.advance(5 * DAY)
    listed = s3.list_object_versions(Bucket="vault")
    assert {v["VersionId"] for v in listed["Versions"]} == {retained, held}
    assert {m["Key"] for m in listed["DeleteMarkers"]} == {"retained", "held"}

    s3double.clock.advance(10 * DAY)
    listed = s3.list_object_versions(Bucket="vault")
    assert [v["VersionId"] for v in listed["Versions"]] == [held]


def test_deleting_the_configuration_stops_lifecycle(s3double, s3):
    s3.create_bucket(Bucket="scratch")
    s3.put_object(Bucket="scratch", Key="tmp/a", Body=b"a")
    lifecycle(s3, "scratch", EXPIRE_IN_A_DAY)
    s3.delete_bucket_lifecycle(Bucket="scratch")

    s3double.clock.advance(30 * DAY)

    assert s3.get_object(Bucket="scratch", Key="tmp/a")["Body"].read() == b"a"
