"""Checksums in multipart uploads through boto3 (default settings: botocore sends a CRC32
with every part): the upload's algorithm and type, per-part checksums, the composite
``-N`` and full-object checksums of the completed object, and S3's refusals.

Expected messages: LocalStack's AWS-recorded snapshots (test_s3.snapshot.json:
test_complete_multipart_parts_checksum, test_multipart_parts_checksum_exceptions).
"""

from __future__ import annotations

import base64
import hashlib
import zlib

import boto3
import pytest
from botocore.config import Config
from multipart_support import BIG, refused_upload, send, start


@pytest.fixture
def once(s3double):  # noqa: ANN001, ANN201
    """No retries: botocore retries BadDigest with back-off."""
    return boto3.client("s3", region_name="us-east-1", config=Config(retries={"total_max_attempts": 1}))


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def sha256(body: bytes) -> str:
    return b64(hashlib.sha256(body).digest())


def crc32(body: bytes) -> str:
    return b64(zlib.crc32(body).to_bytes(4, "big"))


def sha256_part(s3, bucket, upload_id, number, body):  # noqa: ANN001, ANN201
    part = send(s3, bucket, upload_id, number, body, ChecksumAlgorithm="SHA256")
    return {**part, "ChecksumSHA256": sha256(body)}


def test_a_composite_checksum_is_the_checksum_of_the_part_checksums(s3, bucket):
    created = s3.create_multipart_upload(Bucket=bucket, Key="k", ChecksumAlgorithm="SHA256")
    upload_id = created["UploadId"]
    answer = s3.upload_part(Bucket=bucket, Key="k", UploadId=upload_id, PartNumber=1, Body=BIG,
                            ChecksumAlgorithm="SHA256")
    parts = [{"PartNumber": 1, "ETag": answer["ETag"], "ChecksumSHA256": answer["ChecksumSHA256"]},
             sha256_part(s3, bucket, upload_id, 2, b"tail")]

    completed = s3.complete_multipart_upload(Bucket=bucket, Key="k", UploadId=upload_id,
                                             MultipartUpload={"Parts": parts})

    assert (created["ChecksumAlgorithm"], created["ChecksumType"]) == ("SHA256", "COMPOSITE")
    assert answer["ChecksumSHA256"] == sha256(BIG)
    digests = hashlib.sha256(BIG).digest() + hashlib.sha256(b"tail").digest()
    expected = f"{b64(hashlib.sha256(digests).digest())}-2"
    assert (completed["ChecksumSHA256"], completed["ChecksumType"]) == (expected, "COMPOSITE")
    head = s3.head_object(Bucket=bucket, Key="k", ChecksumMode="ENABLED")
    assert head["ChecksumSHA256"] == expected


def test_list_parts_shows_part_checksums_and_the_upload_algorithm(s3, bucket):
    upload_id = start(s3, bucket, ChecksumAlgorithm="SHA256")
    sha256_part(s3, bucket, upload_id, 1, b"x")

    listing = s3.list_parts(Bucket=bucket, Key="k", UploadId=upload_id)
    uploads = s3.list_multipart_uploads(Bucket=bucket)["Uploads"]

    assert listing["Parts"][0]["ChecksumSHA256"] == sha256(b"x")
    assert (listing["ChecksumAlgorithm"], listing["ChecksumType"]) == ("SHA256", "COMPOSITE")
    assert (uploads[0]["ChecksumAlgorithm"], uploads[0]["ChecksumType"]) == ("SHA256", "COMPOSITE")


def test_a_full_object_checksum_covers_the_whole_body_and_is_checked(s3double, once, bucket):
    s3 = once
    created = s3.create_multipart_upload(Bucket=bucket, Key="k", ChecksumAlgorithm="CRC32",
                                         ChecksumType="FULL_OBJECT")
    upload_id = created["UploadId"]
    parts = [send(s3, bucket, upload_id, 1, BIG), send(s3, bucket, upload_id, 2, b"tail")]

    wrong = refused_upload(s3double.store, s3.complete_multipart_upload, Bucket=bucket, Key="k",
                           UploadId=upload_id, MultipartUpload={"Parts": parts},
                           ChecksumCRC32=crc32(b"other"))
    completed = s3.complete_multipart_upload(Bucket=bucket, Key="k", UploadId=upload_id,
                                             MultipartUpload={"Parts": parts},
                                             ChecksumCRC32=crc32(BIG + b"tail"))

    assert created["ChecksumType"] == "FULL_OBJECT"
    assert (wrong.status, wrong.error) == (400, {
        "Code": "BadDigest", "Message": "The crc32 you specified did not match the calculated checksum.",
    })
    assert (completed["ChecksumCRC32"], completed["ChecksumType"]) == (crc32(BIG + b"tail"), "FULL_OBJECT")


def test_crc64nvme_defaults_to_full_object(s3, bucket):
    created = s3.create_multipart_upload(Bucket=bucket, Key="k", ChecksumAlgorithm="CRC64NVME")

    assert (created["ChecksumAlgorithm"], created["ChecksumType"]) == ("CRC64NVME", "FULL_OBJECT")


@pytest.mark.parametrize(
    ("algorithm", "kind", "message"),
    [
        ("SHA256", "FULL_OBJECT",
         "The FULL_OBJECT checksum type cannot be used with the sha256 checksum algorithm."),
        ("CRC64NVME", "COMPOSITE",
         "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm."),
        ("BOGUS", None, "Checksum algorithm provided is unsupported. Please try again with any "
         "of the valid types: [CRC32, CRC32C, SHA1, SHA256]"),
    ],
)
def test_impossible_checksum_settings_are_refused(s3double, s3, bucket, algorithm, kind, message):
    params = {"ChecksumAlgorithm": algorithm, **({"ChecksumType": kind} if kind else {})}

    answer = refused_upload(s3double.store, s3.create_multipart_upload, Bucket=bucket, Key="k",
                            **params)

    assert (answer.status, answer.error) == (400, {"Code": "InvalidRequest", "Message": message})
    assert len(s3double.store.bucket(bucket).uploads) == 0


def test_an_algorithm_s3double_does_not_compute_is_not_implemented(s3double, s3, bucket):
    answer = refused_upload(s3double.store, s3.create_multipart_upload, Bucket=bucket, Key="k",
                            ChecksumAlgorithm="SHA512")

    assert (answer.status, answer.error["Header"]) == (501, "x-amz-checksum-algorithm")


def test_a_part_must_carry_the_uploads_algorithm(s3double, s3, bucket):
    upload_id = start(s3, bucket, ChecksumAlgorithm="SHA256")

    answer = refused_upload(s3double.store, s3.upload_part, Bucket=bucket, Key="k",
                            UploadId=upload_id, PartNumber=1, Body=b"x")  # botocore sends CRC32

    assert (answer.status, answer.error) == (400, {
        "Code": "InvalidRequest",
        "Message": "Checksum Type mismatch occurred, expected checksum Type: sha256, "
        "actual checksum Type: crc32",
    })


def test_parts_of_an_upload_without_an_algorithm_are_still_verified(s3double, s3, bucket):
    upload_id = start(s3, bucket)

    answer = s3.upload_part(Bucket=bucket, Key="k", UploadId=upload_id, PartNumber=1, Body=b"x")

    assert answer["ChecksumCRC32"] == crc32(b"x")  # botocore's default checksum, echoed
    assert s3double.store.bucket(bucket).uploads.get(upload_id, "k").parts[1].body == b"x"


def test_a_composite_upload_needs_every_part_checksum_at_completion(s3double, s3, bucket):
    upload_id = start(s3, bucket, ChecksumAlgorithm="SHA256")
    part = sha256_part(s3, bucket, upload_id, 1, b"x")
    bare = {"PartNumber": 1, "ETag": part["ETag"]}

    answer = refused_upload(s3double.store, s3.complete_multipart_upload, Bucket=bucket, Key="k",
                            UploadId=upload_id, MultipartUpload={"Parts": [bare]})

    assert (answer.status, answer.error) == (400, {
        "Code": "InvalidRequest",
        "Message": "The upload was created using a sha256 checksum. The complete request must "
        "include the checksum for each part. It was missing for part 1 in the request.",
    })


@pytest.mark.parametrize("algorithm", ["SHA256", None], ids=["wrong-value", "no-upload-algorithm"])
def test_a_part_checksum_that_does_not_match_is_invalid_part(s3double, s3, bucket, algorithm):
    upload_id = start(s3, bucket, **({"ChecksumAlgorithm": algorithm} if algorithm else {}))
    part = send(s3, bucket, upload_id, 1, b"x", **({"ChecksumAlgorithm": algorithm} if algorithm else {}))
    claimed = {**part, "ChecksumSHA256": sha256(b"not x")}

    answer = refused_upload(s3double.store, s3.complete_multipart_upload, Bucket=bucket, Key="k",
                            UploadId=upload_id, MultipartUpload={"Parts": [claimed]})

    assert (answer.status, answer.error["Code"], answer.error["PartNumber"]) == (400, "InvalidPart", "1")
