"""Storage classes, archived objects and RestoreObject through boto3.

Expected answers: tests/data/aws/facts-storage-class-restore.md (sections in the tests'
comments). Restores complete on the double's clock (``s3double.clock``) after the times
``s3double.model.storage`` documents: GLACIER Expedited 5 minutes, Standard 5 hours,
Bulk 12 hours; DEEP_ARCHIVE Standard 12 hours, Bulk 48 hours.
"""

from __future__ import annotations

import datetime as _dt

import pytest
from multipart_support import send, start
from s3_refusals import refused

CLASSES = ["STANDARD", "STANDARD_IA", "REDUCED_REDUNDANCY", "GLACIER_IR", "ONEZONE_IA",
           "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE"]
ARCHIVED = ("GLACIER", "DEEP_ARCHIVE")
INVALID_STATE = "The operation is not valid for the object's storage class"
NOW = _dt.datetime(2026, 3, 2, 9, 30, tzinfo=_dt.timezone.utc)


@pytest.fixture
def clock(s3double):  # noqa: ANN001, ANN201
    s3double.clock.set(NOW)
    return s3double.clock


@pytest.mark.parametrize("storage_class", CLASSES)
def test_every_general_purpose_class_is_kept_and_reported(s3, bucket, storage_class):
    """§1.2, §1.5: GetObjectAttributes and every listing report the class; GetObject and
    HeadObject send x-amz-storage-class except for STANDARD."""
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", StorageClass=storage_class)
    attributes = s3.get_object_attributes(Bucket=bucket, Key="k", ObjectAttributes=["StorageClass"])
    assert attributes["StorageClass"] == storage_class
    head = s3.head_object(Bucket=bucket, Key="k")
    assert head.get("StorageClass") == (None if storage_class == "STANDARD" else storage_class)
    assert s3.list_objects_v2(Bucket=bucket)["Contents"][0]["StorageClass"] == storage_class
    assert s3.list_objects(Bucket=bucket)["Contents"][0]["StorageClass"] == storage_class
    assert s3.list_object_versions(Bucket=bucket)["Versions"][0]["StorageClass"] == storage_class
    if storage_class not in ARCHIVED:  # GLACIER_IR included (§2.1)
        assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"x"


@pytest.mark.parametrize("storage_class", ["OUTPOSTS", "EXPRESS_ONEZONE", "SNOW", "FakeClass"])
@pytest.mark.parametrize("operation", ["put_object", "create_multipart_upload"])
def test_classes_a_general_purpose_bucket_refuses(s3double, s3, bucket, operation, storage_class):
    """§1.3: 400 InvalidStorageClass naming the class asked for."""
    extra = {"Body": b"x"} if operation == "put_object" else {}
    answer = refused(s3double.store, getattr(s3, operation), Bucket=bucket, Key="k",
                     StorageClass=storage_class, **extra)
    assert (answer.status, answer.error["Code"], answer.error["Message"],
            answer.error["StorageClassRequested"]) == (
        400, "InvalidStorageClass", "The storage class you specified is not valid", storage_class,
    )
    assert len(s3double.store.bucket(bucket).uploads) == 0


@pytest.mark.parametrize("storage_class", ARCHIVED)
def test_an_archived_object_refuses_get_until_restored(s3double, s3, bucket, storage_class):
    """§2.1, §2.2: 403 InvalidObjectState with StorageClass; HEAD and listings still work."""
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", StorageClass=storage_class)
    answer = refused(s3double.store, s3.get_object, Bucket=bucket, Key="k")
    assert (answer.status, answer.error["Code"], answer.error["Message"],
            answer.error["StorageClass"]) == (403, "InvalidObjectState", INVALID_STATE, storage_class)
    assert s3.head_object(Bucket=bucket, Key="k")["StorageClass"] == storage_class
    assert "Restore" not in s3.head_object(Bucket=bucket, Key="k")


def test_copies_take_their_class_from_the_copy_request(s3double, s3, bucket):
    """§1.6: a STANDARD_IA object copied without x-amz-storage-class is STANDARD; a copy
    onto itself that only names a class is legal; §2.3: an archived source is refused."""
    s3.put_object(Bucket=bucket, Key="ia", Body=b"x", StorageClass="STANDARD_IA")
    s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": bucket, "Key": "ia"})
    assert "StorageClass" not in s3.head_object(Bucket=bucket, Key="copy")
    s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": bucket, "Key": "copy"},
                   StorageClass="STANDARD")
    s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": bucket, "Key": "copy"},
                   StorageClass="GLACIER")
    assert s3.head_object(Bucket=bucket, Key="copy")["StorageClass"] == "GLACIER"
    answer = refused(s3double.store, s3.copy_object, Bucket=bucket, Key="thawed",
                     CopySource={"Bucket": bucket, "Key": "copy"})
    assert (answer.status, answer.error["Code"]) == (403, "InvalidObjectState")


def test_a_multipart_upload_keeps_its_class(s3, bucket):  # §1.2 (DEEP_ARCHIVE uploads)
    upload = start(s3, bucket, StorageClass="DEEP_ARCHIVE")
    part = send(s3, bucket, upload, 1, b"x")
    assert s3.list_multipart_uploads(Bucket=bucket)["Uploads"][0]["StorageClass"] == "DEEP_ARCHIVE"
    assert s3.list_parts(Bucket=bucket, Key="k", UploadId=upload)["StorageClass"] == "DEEP_ARCHIVE"
    s3.complete_multipart_upload(Bucket=bucket, Key="k", UploadId=upload,
                                 MultipartUpload={"Parts": [part]})
    assert s3.head_object(Bucket=bucket, Key="k")["StorageClass"] == "DEEP_ARCHIVE"


# -- RestoreObject --------------------------------------------------------------------------


def test_a_restore_runs_on_the_double_clock(s3double, s3, bucket, clock):
    """§3.2, §3.4: 202 Accepted; ``ongoing-request="true"`` (GET still refused, a second
    request 409) until the tier's time has passed; then ``ongoing-request="false"`` with
    the expiry (days after completion, at the next midnight UTC) and GET works; asking
    again is 200 with a new expiry; once expired, GET is refused again."""
    s3.put_object(Bucket=bucket, Key="k", Body=b"cold", StorageClass="GLACIER")
    started = s3.restore_object(Bucket=bucket, Key="k", RestoreRequest={
        "Days": 2, "GlacierJobParameters": {"Tier": "Standard"}})
    assert started["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert s3.head_object(Bucket=bucket, Key="k")["Restore"] == 'ongoing-request="true"'
    assert refused(s3double.store, s3.get_object, Bucket=bucket, Key="k").status == 403
    again = refused(s3double.store, s3.restore_object, Bucket=bucket, Key="k",
                    RestoreRequest={"Days": 2})
    assert (again.status, again.error["Code"]) == (409, "RestoreAlreadyInProgress")

    clock.advance(_dt.timedelta(hours=5))  # 14:30 UTC: + 2 days, then midnight: 5 March
    head = s3.head_object(Bucket=bucket, Key="k")
    assert head["Restore"] == 'ongoing-request="false", expiry-date="Thu, 05 Mar 2026 00:00:00 GMT"'
    assert head["StorageClass"] == "GLACIER"  # the class stays (§3.5)
    got = s3.get_object(Bucket=bucket, Key="k")
    assert (got["Body"].read(), got["Restore"]) == (b"cold", head["Restore"])

    extended = s3.restore_object(Bucket=bucket, Key="k", RestoreRequest={"Days": 10})
    assert extended["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert 'expiry-date="Fri, 13 Mar 2026 00:00:00 GMT"' in s3.head_object(Bucket=bucket, Key="k")["Restore"]

    clock.set(_dt.datetime(2026, 3, 13, tzinfo=_dt.timezone.utc))
    assert "Restore" not in s3.head_object(Bucket=bucket, Key="k")
    assert refused(s3double.store, s3.get_object, Bucket=bucket, Key="k").status == 403


@pytest.mark.parametrize(
    ("storage_class", "tier", "duration"),
    [
        ("GLACIER", "Expedited", _dt.timedelta(minutes=5)),
        ("GLACIER", "Bulk", _dt.timedelta(hours=12)),
        ("DEEP_ARCHIVE", "Standard", _dt.timedelta(hours=12)),
        ("DEEP_ARCHIVE", "Bulk", _dt.timedelta(hours=48)),
    ],
)
def test_each_tier_takes_its_time(s3, bucket, clock, storage_class, tier, duration):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", StorageClass=storage_class)
    s3.restore_object(Bucket=bucket, Key="k", RestoreRequest={
        "Days": 1, "GlacierJobParameters": {"Tier": tier}})
    clock.advance(duration - _dt.timedelta(seconds=1))
    assert s3.head_object(Bucket=bucket, Key="k")["Restore"] == 'ongoing-request="true"'
    clock.advance(_dt.timedelta(seconds=1))
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"x"


def test_restore_acts_on_the_version_named(s3double, s3, versioned_bucket, clock):
    old = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"1", StorageClass="GLACIER")
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"2", StorageClass="GLACIER")
    s3.restore_object(Bucket=versioned_bucket, Key="k", VersionId=old["VersionId"],
                      RestoreRequest={"Days": 1, "GlacierJobParameters": {"Tier": "Expedited"}})
    clock.advance(_dt.timedelta(minutes=5))
    got = s3.get_object(Bucket=versioned_bucket, Key="k", VersionId=old["VersionId"])
    assert got["Body"].read() == b"1"
    assert refused(s3double.store, s3.get_object, Bucket=versioned_bucket, Key="k").status == 403


@pytest.mark.parametrize(
    ("storage_class", "request_", "status", "code"),
    [
        ("STANDARD", {"Days": 1}, 403, "InvalidObjectState"),  # §3.3
        ("STANDARD_IA", {}, 403, "InvalidObjectState"),
        ("GLACIER", {}, 400, "MalformedXML"),  # no Days (aws/aws-sdk-ruby#2380)
        ("INTELLIGENT_TIERING", {"Days": 1}, 400, "InvalidArgument"),  # s3tools/s3cmd#1377
        ("GLACIER", {"Days": 1, "GlacierJobParameters": {"Tier": "Fast"}}, 400, "MalformedXML"),
        ("DEEP_ARCHIVE", {"Days": 1, "GlacierJobParameters": {"Tier": "Expedited"}}, 501,
         "NotImplemented"),  # not offered for DEEP_ARCHIVE; S3's answer not recorded
        ("GLACIER", {"Days": 1, "OutputLocation": {"S3": {"BucketName": "b", "Prefix": "p"}}},
         501, "NotImplemented"),
    ],
    ids=["standard", "standard-ia-no-days", "no-days", "intelligent-tiering-days", "tier",
         "expedited-deep-archive", "output-location"],
)
def test_restores_s3_refuses(s3double, s3, bucket, storage_class, request_, status, code):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", StorageClass=storage_class)
    answer = refused(s3double.store, s3.restore_object, Bucket=bucket, Key="k",
                     RestoreRequest=request_)
    assert (answer.status, answer.error["Code"]) == (status, code)
    if code == "InvalidObjectState":
        assert answer.error["Message"] == INVALID_STATE


def test_restore_of_a_delete_marker_or_missing_key(s3double, s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"x", StorageClass="GLACIER")
    marker = s3.delete_object(Bucket=versioned_bucket, Key="k")["VersionId"]
    current = refused(s3double.store, s3.restore_object, Bucket=versioned_bucket, Key="k",
                      RestoreRequest={"Days": 1})
    assert (current.status, current.error["Code"]) == (404, "NoSuchKey")
    named = refused(s3double.store, s3.restore_object, Bucket=versioned_bucket, Key="k",
                    VersionId=marker, RestoreRequest={"Days": 1})
    assert (named.status, named.error["Code"]) == (405, "MethodNotAllowed")
