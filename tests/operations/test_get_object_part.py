"""``partNumber`` on GetObject and HeadObject: one part of a multipart upload's object,
the part count, and S3's refusals.

Facts: tests/data/aws/facts-copy-multipart.md section 4, from LocalStack's
test_s3.py::TestS3::test_get_object_part (recorded against AWS 2026-02-21), whose upload
this module repeats byte for byte: ``test content 123`` repeated to 5 MiB + 16 bytes,
then once more, so the recorded ETag and Content-Range apply unchanged.
"""

from __future__ import annotations

import pytest
from s3_refusals import refused

CONTENT = b"test content 123"
FIRST = CONTENT * (5_242_880 // len(CONTENT) + 1)  # 5,242,896 bytes
RECORDED_ETAG = '"2848839dc84e13fa00a0944e760e233b-2"'
NOT_SATISFIABLE = "The requested partnumber is not satisfiable"


@pytest.fixture
def two_parts(s3, bucket):  # noqa: ANN001, ANN201
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="test.file")["UploadId"]
    parts = [
        {
            "PartNumber": number,
            "ETag": s3.upload_part(
                Bucket=bucket,
                Key="test.file",
                UploadId=upload_id,
                PartNumber=number,
                Body=body,
            )["ETag"],
        }
        for number, body in ((1, FIRST), (2, CONTENT))
    ]
    s3.complete_multipart_upload(
        Bucket=bucket, Key="test.file", UploadId=upload_id, MultipartUpload={"Parts": parts}
    )
    return bucket


@pytest.mark.parametrize("operation", ["get_object", "head_object"])
def test_a_part_of_a_multipart_object(s3, two_parts, operation):
    """facts 4.1, keys ``get-object-part`` and ``head-object-part``."""
    response = getattr(s3, operation)(Bucket=two_parts, Key="test.file", PartNumber=2)

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert (response["ContentLength"], response["ContentRange"]) == (
        16,
        "bytes 5242896-5242911/5242912",
    )
    assert (response["ETag"], response["PartsCount"]) == (RECORDED_ETAG, 2)
    if operation == "get_object":
        assert response["Body"].read() == CONTENT


def test_the_first_part(s3, two_parts):
    response = s3.get_object(Bucket=two_parts, Key="test.file", PartNumber=1)

    assert response["ContentRange"] == f"bytes 0-{len(FIRST) - 1}/{len(FIRST) + 16}"
    assert response["Body"].read() == FIRST


def test_a_full_object_checksum_is_not_sent_for_a_part(s3, bucket):
    """facts 4.1, ``get-object-part-with-checksum``: FULL_OBJECT, no checksum on a part."""
    upload_id = s3.create_multipart_upload(
        Bucket=bucket,
        Key="summed",
        ChecksumAlgorithm="CRC32",
        ChecksumType="FULL_OBJECT",
    )["UploadId"]
    parts = [
        {
            "PartNumber": number,
            "ETag": s3.upload_part(
                Bucket=bucket,
                Key="summed",
                UploadId=upload_id,
                PartNumber=number,
                Body=body,
                ChecksumAlgorithm="CRC32",
            )["ETag"],
        }
        for number, body in ((1, FIRST), (2, CONTENT))
    ]
    s3.complete_multipart_upload(
        Bucket=bucket, Key="summed", UploadId=upload_id, MultipartUpload={"Parts": parts}
    )

    response = s3.get_object(Bucket=bucket, Key="summed", PartNumber=2, ChecksumMode="ENABLED")

    assert "ChecksumCRC32" not in response and "ChecksumType" not in response
    assert response["Body"].read() == CONTENT


def test_part_1_of_an_object_not_made_by_multipart_upload_is_all_of_it(s3, bucket):
    """facts 4.2, ``get-obj-no-multipart``: 206, the whole body, no parts count, and the
    object's checksum when asked."""
    s3.put_object(Bucket=bucket, Key="key-no-part", Body=b"test-123", ChecksumAlgorithm="CRC32")

    response = s3.get_object(Bucket=bucket, Key="key-no-part", PartNumber=1, ChecksumMode="ENABLED")

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert (response["ContentRange"], response["Body"].read()) == ("bytes 0-7/8", b"test-123")
    assert "PartsCount" not in response
    assert (response["ChecksumCRC32"], response["ChecksumType"]) == ("MAPXAg==", "FULL_OBJECT")


def test_a_part_past_the_last_is_invalid_part_number(s3double, s3, two_parts):
    """facts 4.2, ``part-doesnt-exist``."""
    answer = refused(s3double.store, s3.get_object, Bucket=two_parts, Key="test.file", PartNumber=10)

    assert (answer.status, answer.error) == (
        416,
        {
            "Code": "InvalidPartNumber",
            "Message": NOT_SATISFIABLE,
            "PartNumberRequested": "10",
            "ActualPartCount": "2",
        },
    )


def test_part_2_of_a_one_part_object_is_invalid_part_number(s3double, s3, bucket):
    """facts 4.2, ``part-no-multipart``."""
    s3.put_object(Bucket=bucket, Key="key-no-part", Body=b"test-123")

    answer = refused(s3double.store, s3.get_object, Bucket=bucket, Key="key-no-part", PartNumber=2)

    assert (answer.status, answer.error) == (
        416,
        {
            "Code": "InvalidPartNumber",
            "Message": NOT_SATISFIABLE,
            "PartNumberRequested": "2",
            "ActualPartCount": "1",
        },
    )


def test_head_object_of_a_missing_part_is_416_without_a_body(s3double, s3, two_parts):
    answer = refused(s3double.store, s3.head_object, Bucket=two_parts, Key="test.file", PartNumber=3)

    assert (answer.status, answer.error["Code"]) == (416, "416")


def test_a_part_number_with_a_range_is_invalid_request(s3double, s3, two_parts):
    """facts 4.2, ``part-with-range``."""
    answer = refused(
        s3double.store, s3.get_object, Bucket=two_parts, Key="test.file", PartNumber=2, Range="bytes=0-8"
    )

    assert (answer.status, answer.error) == (
        400,
        {
            "Code": "InvalidRequest",
            "Message": "Cannot specify both Range header and partNumber query parameter",
        },
    )


@pytest.mark.parametrize("number", [0, 10001, -1])
def test_part_numbers_outside_1_to_10000_are_invalid_argument(s3double, s3, two_parts, number):
    """facts 4.2: recorded for UploadPart; assumed the same on GetObject."""
    answer = refused(s3double.store, s3.get_object, Bucket=two_parts, Key="test.file", PartNumber=number)

    assert (answer.status, answer.error) == (
        400,
        {
            "Code": "InvalidArgument",
            "Message": "Part number must be an integer between 1 and 10000, inclusive",
            "ArgumentName": "partNumber",
            "ArgumentValue": str(number),
        },
    )


def test_the_parts_of_an_older_version(s3, versioned_bucket):
    upload_id = s3.create_multipart_upload(Bucket=versioned_bucket, Key="k")["UploadId"]
    etags = [
        s3.upload_part(Bucket=versioned_bucket, Key="k", UploadId=upload_id, PartNumber=number, Body=body)[
            "ETag"
        ]
        for number, body in ((1, FIRST), (2, b"end"))
    ]
    old = s3.complete_multipart_upload(
        Bucket=versioned_bucket,
        Key="k",
        UploadId=upload_id,
        MultipartUpload={
            "Parts": [{"PartNumber": n, "ETag": e} for n, e in zip((1, 2), etags, strict=False)]
        },
    )["VersionId"]
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"single")

    older = s3.get_object(Bucket=versioned_bucket, Key="k", VersionId=old, PartNumber=2)
    current = s3.head_object(Bucket=versioned_bucket, Key="k", PartNumber=1)

    assert (older["Body"].read(), older["PartsCount"]) == (b"end", 2)
    assert (current["ContentLength"], "PartsCount" in current) == (6, False)
