"""UploadPartCopy through boto3: parts copied from another object (whole, or a range of
it), from an older version, into an upload with a checksum algorithm, and S3's
refusals, which change neither the objects nor the uploads.

Facts: tests/data/aws/facts-copy-multipart.md section 1 (ranges and their errors, the
whole source without a range) and recorded/list_parts.json (``test_upload_part_copy_range``:
the parts' ETags and sizes).
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from multipart_support import BIG, NO_SUCH_UPLOAD, refused_upload, start

RECORDED = Path(__file__).resolve().parents[1] / "data" / "aws" / "recorded" / "list_parts.json"
RANGE_FORMAT = (
    "The x-amz-copy-source-range value must be of the form bytes=first-last where first and "
    "last are the zero-based offsets of the first and last bytes to copy"
)


def recorded(test: str, name: str) -> dict:
    document = json.loads(RECORDED.read_text(encoding="utf-8"))
    for recording in document["recordings"]:
        if recording["source"]["test"].endswith(test):
            return recording["responses"][name]
    raise LookupError(test)


@pytest.fixture
def digits(s3, bucket):  # noqa: ANN001, ANN201
    """The recorded test's source: ``0123456789`` under ``src``."""
    s3.put_object(Bucket=bucket, Key="src", Body=b"0123456789")
    return bucket


def copy_part(s3, bucket, upload_id, number, key="k", **params):  # noqa: ANN001, ANN201
    params.setdefault("CopySource", {"Bucket": bucket, "Key": "src"})
    return s3.upload_part_copy(
        Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, **params
    )


def test_ranges_make_the_recorded_parts(s3double, s3, digits):
    """facts 1.1; recorded/list_parts.json, test_upload_part_copy_range."""
    upload_id = start(s3, digits)
    copied_at = s3double.clock.now().replace(microsecond=0)
    s3double.clock.set(copied_at)

    answers = [
        copy_part(s3, digits, upload_id, number, CopySourceRange=f"bytes={window}")
        for number, window in ((1, "0-8"), (2, "1-1"), (3, "0-0"))
    ]

    expected = recorded("test_upload_part_copy_range", "list-parts")
    first = recorded("test_upload_part_copy_range", "upload-part-copy-1")
    assert answers[0]["CopyPartResult"]["ETag"] == first["CopyPartResult"]["ETag"]
    assert answers[0]["CopyPartResult"]["LastModified"] == copied_at
    assert answers[0]["ServerSideEncryption"] == first["ServerSideEncryption"]
    listing = s3.list_parts(Bucket=digits, Key="k", UploadId=upload_id)
    assert [(p["PartNumber"], p["ETag"], p["Size"]) for p in listing["Parts"]] == [
        (p["PartNumber"], p["ETag"], p["Size"]) for p in expected["Parts"]
    ]
    assert listing["NextPartNumberMarker"] == expected["NextPartNumberMarker"]


def test_without_a_range_the_whole_source_is_the_part(s3, digits):
    """facts 1.3: its ETag is the source's."""
    upload_id = start(s3, digits)
    source_etag = s3.head_object(Bucket=digits, Key="src")["ETag"]

    answer = copy_part(s3, digits, upload_id, 1)

    assert answer["CopyPartResult"]["ETag"] == source_etag
    assert "CopySourceVersionId" not in answer  # an unversioned source


def test_copied_and_uploaded_parts_complete_into_one_object(s3, bucket):
    s3.put_object(Bucket=bucket, Key="src", Body=BIG + b"0123456789")
    upload_id = start(s3, bucket, key="joined")
    first = copy_part(s3, bucket, upload_id, 1, key="joined",
                      CopySourceRange=f"bytes=0-{len(BIG) - 1}")
    second = s3.upload_part(Bucket=bucket, Key="joined", UploadId=upload_id, PartNumber=2,
                            Body=b"tail")

    s3.complete_multipart_upload(
        Bucket=bucket, Key="joined", UploadId=upload_id, MultipartUpload={"Parts": [
            {"PartNumber": 1, "ETag": first["CopyPartResult"]["ETag"]},
            {"PartNumber": 2, "ETag": second["ETag"]},
        ]},
    )

    assert s3.get_object(Bucket=bucket, Key="joined")["Body"].read() == BIG + b"tail"


def test_a_part_copied_again_replaces_the_part(s3, digits):
    upload_id = start(s3, digits)
    copy_part(s3, digits, upload_id, 1, CopySourceRange="bytes=0-4")

    copy_part(s3, digits, upload_id, 1, CopySourceRange="bytes=5-9")

    parts = s3.list_parts(Bucket=digits, Key="k", UploadId=upload_id)["Parts"]
    assert [(p["PartNumber"], p["ETag"]) for p in parts] == [
        (1, f'"{hashlib.md5(b"56789").hexdigest()}"'),
    ]


def test_an_older_version_of_a_versioned_source(s3, versioned_bucket):
    old = s3.put_object(Bucket=versioned_bucket, Key="src", Body=b"old bytes")["VersionId"]
    s3.put_object(Bucket=versioned_bucket, Key="src", Body=b"new bytes")
    upload_id = start(s3, versioned_bucket)

    answer = copy_part(
        s3, versioned_bucket, upload_id, 1, CopySourceRange="bytes=0-2",
        CopySource={"Bucket": versioned_bucket, "Key": "src", "VersionId": old},
    )

    assert answer["CopySourceVersionId"] == old
    assert answer["CopyPartResult"]["ETag"] == f'"{hashlib.md5(b"old").hexdigest()}"'


def test_an_upload_with_a_checksum_algorithm_gets_each_copied_part_checksum(s3, digits):
    upload_id = start(s3, digits, ChecksumAlgorithm="SHA256")

    answer = copy_part(s3, digits, upload_id, 1, CopySourceRange="bytes=2-5")

    expected = base64.b64encode(hashlib.sha256(b"2345").digest()).decode()
    assert answer["CopyPartResult"]["ChecksumSHA256"] == expected
    parts = s3.list_parts(Bucket=digits, Key="k", UploadId=upload_id)["Parts"]
    assert parts[0]["ChecksumSHA256"] == expected


# -- refusals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "window",
    ["0-8", "bytes=1-0", "bytes=-1-", "bytes=0--1", "bytes=0-1,3-4,7-9", "bytes=-", "bytes=-0",
     "bytes=1-", "bytes=-2", "bytes=-15"],
)
def test_a_range_not_first_and_last_is_invalid_argument(s3double, s3, digits, window):
    """facts 1.2, first row."""
    upload_id = start(s3, digits)

    answer = refused_upload(s3double.store, copy_part, s3=s3, bucket=digits,
                            upload_id=upload_id, number=1, CopySourceRange=window)

    assert (answer.status, answer.error) == (400, {
        "Code": "InvalidArgument", "Message": RANGE_FORMAT,
        "ArgumentName": "x-amz-copy-source-range", "ArgumentValue": window,
    })


def test_a_range_ending_past_the_source_is_invalid_argument(s3double, s3, digits):
    """facts 1.2: ``bytes=0-100`` on 10 bytes."""
    upload_id = start(s3, digits)

    answer = refused_upload(s3double.store, copy_part, s3=s3, bucket=digits,
                            upload_id=upload_id, number=1, CopySourceRange="bytes=0-100")

    assert (answer.status, answer.error) == (400, {
        "Code": "InvalidArgument",
        "Message": "Range specified is not valid for source object of size: 10",
        "ArgumentName": "x-amz-copy-source-range", "ArgumentValue": "bytes=0-100",
    })


@pytest.mark.parametrize("window", ["bytes=100-200", "bytes=10-10"])
def test_a_range_starting_past_the_source_is_invalid_request(s3double, s3, digits, window):
    """facts 1.2: ``bytes=100-200`` on 10 bytes (``10-10``: the first byte past it)."""
    upload_id = start(s3, digits)

    answer = refused_upload(s3double.store, copy_part, s3=s3, bucket=digits,
                            upload_id=upload_id, number=1, CopySourceRange=window)

    assert (answer.status, answer.error) == (400, {
        "Code": "InvalidRequest",
        "Message": "The specified copy range is invalid for the source object size",
    })


def test_an_upload_not_in_progress_is_no_such_upload(s3double, s3, digits):
    answer = refused_upload(s3double.store, copy_part, s3=s3, bucket=digits,
                            upload_id="not-an-upload", number=1)

    assert (answer.status, answer.error) == (404, {
        "Code": "NoSuchUpload", "Message": NO_SUCH_UPLOAD, "UploadId": "not-an-upload",
    })


@pytest.mark.parametrize("number", [0, 10001])
def test_part_numbers_outside_1_to_10000_are_invalid_argument(s3double, s3, digits, number):
    upload_id = start(s3, digits)

    answer = refused_upload(s3double.store, copy_part, s3=s3, bucket=digits,
                            upload_id=upload_id, number=number)

    assert (answer.status, answer.error["Code"], answer.error["ArgumentName"]) == (
        400, "InvalidArgument", "partNumber",
    )


def test_a_missing_source_key_is_no_such_key(s3double, s3, digits):
    upload_id = start(s3, digits)

    answer = refused_upload(s3double.store, copy_part, s3=s3, bucket=digits,
                            upload_id=upload_id, number=1,
                            CopySource={"Bucket": digits, "Key": "absent"})

    assert (answer.status, answer.error) == (404, {
        "Code": "NoSuchKey", "Message": "The specified key does not exist.", "Key": "absent",
    })


def test_a_missing_source_bucket_is_no_such_bucket(s3double, s3, digits):
    upload_id = start(s3, digits)

    answer = refused_upload(s3double.store, copy_part, s3=s3, bucket=digits,
                            upload_id=upload_id, number=1,
                            CopySource={"Bucket": "no-such-source", "Key": "src"})

    assert (answer.status, answer.error["Code"], answer.error["BucketName"]) == (
        404, "NoSuchBucket", "no-such-source",
    )


@pytest.mark.parametrize("action", ["s3:GetObject", "s3:PutObject"])
def test_a_policy_denying_the_source_read_or_the_part_write_is_access_denied(
    s3double, s3, digits, action
):
    """S3 API reference, UploadPartCopy: s3:GetObject on the source, s3:PutObject on the
    destination."""
    upload_id = start(s3, digits)
    s3.put_bucket_policy(Bucket=digits, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": "*", "Action": action,
        "Resource": f"arn:aws:s3:::{digits}/{'src' if action == 's3:GetObject' else 'k'}",
    }]}))

    answer = refused_upload(s3double.store, copy_part, s3=s3, bucket=digits,
                            upload_id=upload_id, number=1)

    assert (answer.status, answer.error["Code"]) == (403, "AccessDenied")
