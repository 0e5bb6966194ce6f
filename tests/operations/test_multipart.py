"""Multipart uploads through boto3: create, upload parts, complete (the ``-N`` ETag, a
new version per the bucket's versioning), abort, and S3's refusals, which change nothing.

Expected messages: LocalStack's AWS-recorded snapshots (test_s3.snapshot.json:
test_multipart_no_such_upload, test_complete_multipart_parts_order) and S3's error
documents quoted in apache/arrow-rs-object-store#211 (EntityTooSmall) and
versity/versitygw#1008 (InvalidPart).
"""

from __future__ import annotations

import hashlib
import json
import re

import boto3
import pytest
from botocore.config import Config
from multipart_support import BIG, NO_SUCH_UPLOAD, refused_upload, send, start


def multipart_etag(*bodies: bytes) -> str:
    digests = b"".join(hashlib.md5(body).digest() for body in bodies)
    return f'"{hashlib.md5(digests).hexdigest()}-{len(bodies)}"'


def complete(s3, bucket, upload_id, parts, key="k"):  # noqa: ANN001, ANN201
    return s3.complete_multipart_upload(
        Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}
    )


@pytest.fixture
def once(s3double):  # noqa: ANN001, ANN201
    """No retries: botocore retries BadDigest with back-off."""
    return boto3.client("s3", region_name="us-east-1", config=Config(retries={"total_max_attempts": 1}))


# -- the whole flow -----------------------------------------------------------------------


def test_parts_become_one_object_with_the_multipart_etag(s3double, s3, bucket):
    upload_id = start(
        s3, bucket, ContentType="text/csv", Metadata={"team": "data"}, CacheControl="no-cache"
    )
    parts = [send(s3, bucket, upload_id, 1, BIG), send(s3, bucket, upload_id, 2, b"tail")]

    response = complete(s3, bucket, upload_id, parts)

    assert response["ETag"] == multipart_etag(BIG, b"tail")
    assert (response["Bucket"], response["Key"]) == (bucket, "k")
    assert response["Location"] == f"https://{bucket}.s3.amazonaws.com/k"
    assert response["ServerSideEncryption"] == "AES256"
    assert "VersionId" not in response
    got = s3.get_object(Bucket=bucket, Key="k")
    assert got["Body"].read() == BIG + b"tail"
    assert got["ETag"] == multipart_etag(BIG, b"tail")
    assert (got["ContentType"], got["Metadata"], got["CacheControl"]) == (
        "text/csv", {"team": "data"}, "no-cache",
    )
    assert len(s3double.store.bucket(bucket).uploads) == 0


def test_create_answers_an_upload_id_and_upload_part_the_part_md5(s3, bucket):
    created = s3.create_multipart_upload(Bucket=bucket, Key="dir/a b+c")

    assert (created["Bucket"], created["Key"]) == (bucket, "dir/a b+c")
    assert re.fullmatch(r"[A-Za-z0-9_-]{32,}", created["UploadId"])
    assert created["ServerSideEncryption"] == "AES256"
    part = s3.upload_part(
        Bucket=bucket, Key="dir/a b+c", UploadId=created["UploadId"], PartNumber=7, Body=b"xyz"
    )
    assert part["ETag"] == f'"{hashlib.md5(b"xyz").hexdigest()}"'


def test_a_part_sent_again_replaces_the_earlier_one(s3, bucket):
    upload_id = start(s3, bucket)
    send(s3, bucket, upload_id, 1, b"draft")
    final = send(s3, bucket, upload_id, 1, b"final")

    assert complete(s3, bucket, upload_id, [final])["ETag"] == multipart_etag(b"final")
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"final"


def test_part_numbers_may_skip_and_unnamed_parts_are_dropped(s3, bucket):
    upload_id = start(s3, bucket)
    first = send(s3, bucket, upload_id, 1, BIG)
    send(s3, bucket, upload_id, 2, b"left out")
    last = send(s3, bucket, upload_id, 9, b"end")

    complete(s3, bucket, upload_id, [first, last])

    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == BIG + b"end"


def test_completing_in_a_versioned_bucket_adds_a_version(s3double, s3, versioned_bucket):
    old = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"old")["VersionId"]
    upload_id = start(s3, versioned_bucket)

    response = complete(s3, versioned_bucket, upload_id, [send(s3, versioned_bucket, upload_id, 1, b"new")])

    versions = s3double.store.bucket(versioned_bucket).versions("k")
    assert [v.version_id for v in versions] == [response["VersionId"], old]
    assert versions[0].body == b"new" and versions[0].etag == multipart_etag(b"new")


def test_completing_in_a_suspended_bucket_replaces_the_null_version(s3double, s3, versioned_bucket):
    kept = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"kept")["VersionId"]
    s3.put_bucket_versioning(Bucket=versioned_bucket, VersioningConfiguration={"Status": "Suspended"})
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"null one")
    upload_id = start(s3, versioned_bucket)

    response = complete(s3, versioned_bucket, upload_id, [send(s3, versioned_bucket, upload_id, 1, b"new")])

    assert "VersionId" not in response
    versions = s3double.store.bucket(versioned_bucket).versions("k")
    assert [(v.version_id, v.body) for v in versions] == [("null", b"new"), (kept, b"kept")]


def test_abort_removes_the_upload_and_its_parts(s3double, s3, bucket):
    upload_id = start(s3, bucket)
    send(s3, bucket, upload_id, 1, b"x")

    response = s3.abort_multipart_upload(Bucket=bucket, Key="k", UploadId=upload_id)

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads") is None
    assert s3double.store.bucket(bucket).current("k") is None


# -- refusals -----------------------------------------------------------------------------


def test_unordered_parts_are_invalid_part_order(s3double, s3, bucket):
    upload_id = start(s3, bucket)
    parts = [send(s3, bucket, upload_id, n, BIG) for n in (1, 2)]

    answer = refused_upload(s3double.store, complete, s3=s3, bucket=bucket, upload_id=upload_id,
                            parts=parts[::-1])

    assert answer.status == 400
    assert answer.error == {
        "Code": "InvalidPartOrder",
        "Message": "The list of parts was not in ascending order. Parts must be ordered by part number.",
        "UploadId": upload_id,
    }


def test_a_part_not_uploaded_or_with_another_etag_is_invalid_part(s3double, s3, bucket):
    upload_id = start(s3, bucket)
    first = send(s3, bucket, upload_id, 1, BIG)
    unknown = {"PartNumber": 2, "ETag": '"0123456789abcdef0123456789abcdef"'}

    for parts in ([first, unknown], [{"PartNumber": 1, "ETag": unknown["ETag"]}]):
        answer = refused_upload(s3double.store, complete, s3=s3, bucket=bucket,
                                upload_id=upload_id, parts=parts)

        assert answer.status == 400
        assert answer.error == {
            "Code": "InvalidPart",
            "Message": "One or more of the specified parts could not be found.  The part may not "
            "have been uploaded, or the specified entity tag may not match the part's entity tag.",
            "UploadId": upload_id,
            "PartNumber": str(parts[-1]["PartNumber"]),
            "ETag": "0123456789abcdef0123456789abcdef",
        }


def test_a_small_part_before_the_last_is_entity_too_small(s3double, s3, bucket):
    upload_id = start(s3, bucket)
    parts = [send(s3, bucket, upload_id, 1, b"small"), send(s3, bucket, upload_id, 2, b"end")]

    answer = refused_upload(s3double.store, complete, s3=s3, bucket=bucket, upload_id=upload_id,
                            parts=parts)

    assert answer.status == 400
    assert answer.error == {
        "Code": "EntityTooSmall",
        "Message": "Your proposed upload is smaller than the minimum allowed size",
        "ProposedSize": "5",
        "MinSizeAllowed": "5242880",
        "PartNumber": "1",
        "ETag": hashlib.md5(b"small").hexdigest(),
    }


def test_an_empty_or_absent_part_list_is_malformed_xml(s3double, s3, bucket):
    """ceph/s3-tests test_multipart_upload_empty: no MultipartUpload at all is 400
    MalformedXML (S3's answer; some S3-compatible stores say InvalidRequest)."""
    upload_id = start(s3, bucket)
    send(s3, bucket, upload_id, 1, b"x")

    empty = refused_upload(s3double.store, complete, s3=s3, bucket=bucket, upload_id=upload_id,
                           parts=[])
    absent = refused_upload(s3double.store, s3.complete_multipart_upload, Bucket=bucket, Key="k",
                            UploadId=upload_id)

    for answer in (empty, absent):
        assert (answer.status, answer.error) == (400, {
            "Code": "MalformedXML",
            "Message": "The XML you provided was not well-formed or did not validate against our "
            "published schema",
        })


@pytest.mark.parametrize("number", [0, 10_001, -1])
def test_part_numbers_outside_1_to_10000_are_invalid_argument(s3double, s3, bucket, number):
    upload_id = start(s3, bucket)

    answer = refused_upload(s3double.store, s3.upload_part, Bucket=bucket, Key="k",
                            UploadId=upload_id, PartNumber=number, Body=b"x")

    assert answer.status == 400
    assert answer.error == {
        "Code": "InvalidArgument",
        "Message": "Part number must be an integer between 1 and 10000, inclusive",
        "ArgumentName": "partNumber",
        "ArgumentValue": str(number),
    }


def test_a_part_whose_content_md5_does_not_match_is_not_stored(s3double, once, bucket):
    upload_id = start(once, bucket)

    answer = refused_upload(s3double.store, once.upload_part, Bucket=bucket, Key="k",
                            UploadId=upload_id, PartNumber=1, Body=b"x",
                            ContentMD5="1B2M2Y8AsgTpgAmY7PhCfg==")

    assert (answer.status, answer.error["Code"]) == (400, "BadDigest")


UPLOAD_CALLS = {
    "upload_part": ("upload_part", {"PartNumber": 1, "Body": b"x"}),
    "complete": ("complete_multipart_upload",
                 {"MultipartUpload": {"Parts": [{"PartNumber": 1, "ETag": '"e"'}]}}),
    "abort": ("abort_multipart_upload", {}),
    "list_parts": ("list_parts", {}),
}


@pytest.mark.parametrize("call", ["upload_part", "complete", "abort", "list_parts"])
@pytest.mark.parametrize("how", ["made-up", "other-key", "completed", "aborted"])
def test_an_upload_that_is_not_in_progress_is_no_such_upload(s3double, s3, bucket, call, how):
    upload_id = start(s3, bucket)
    part = send(s3, bucket, upload_id, 1, b"x")
    key = "other" if how == "other-key" else "k"
    if how == "made-up":
        upload_id = "fakeid"
    elif how == "completed":
        complete(s3, bucket, upload_id, [part])
    elif how == "aborted":
        s3.abort_multipart_upload(Bucket=bucket, Key="k", UploadId=upload_id)
    method, params = UPLOAD_CALLS[call]

    answer = refused_upload(s3double.store, getattr(s3, method), Bucket=bucket, Key=key,
                            UploadId=upload_id, **params)

    assert answer.status == 404
    assert answer.error == {"Code": "NoSuchUpload", "Message": NO_SUCH_UPLOAD, "UploadId": upload_id}


def test_creating_in_a_missing_bucket_is_no_such_bucket(s3double, s3):
    answer = refused_upload(s3double.store, s3.create_multipart_upload, Bucket="missing", Key="k")

    assert (answer.status, answer.error["Code"], answer.error["BucketName"]) == (
        404, "NoSuchBucket", "missing",
    )


@pytest.mark.parametrize(
    ("params", "header"),
    [
        ({"RequestPayer": "requester"}, "x-amz-request-payer"),
        (
            {"ServerSideEncryption": "aws:kms", "SSEKMSEncryptionContext": "e30="},
            "x-amz-server-side-encryption-context",
        ),
    ],
)
def test_create_with_an_unmodelled_header_is_not_implemented(s3double, s3, bucket, params, header):
    answer = refused_upload(s3double.store, s3.create_multipart_upload, Bucket=bucket, Key="k",
                            **params)

    assert (answer.status, answer.error["Code"], answer.error["Header"]) == (
        501, "NotImplemented", header,
    )
    assert s3double.store.bucket(bucket).uploads.page().uploads == []


def test_conditional_abort_is_not_implemented_on_general_purpose_buckets(s3double, s3, bucket):
    upload_id = start(s3, bucket)

    abort_answer = refused_upload(
        s3double.store, s3.abort_multipart_upload, Bucket=bucket, Key="k", UploadId=upload_id,
        IfMatchInitiatedTime="2025-01-02T03:04:05Z",
    )

    assert (abort_answer.status, abort_answer.error["Header"]) == (
        501, "x-amz-if-match-initiated-time",
    )


def test_a_declared_object_size_must_match(s3double, s3, bucket):
    upload_id = start(s3, bucket)
    part = send(s3, bucket, upload_id, 1, b"four")

    answer = refused_upload(s3double.store, s3.complete_multipart_upload, Bucket=bucket, Key="k",
                            UploadId=upload_id, MultipartUpload={"Parts": [part]}, MpuObjectSize=5)

    assert (answer.status, answer.error) == (400, {
        "Code": "InvalidRequest",
        "Message": "The provided 'x-amz-mp-object-size' header value 5 does not match what was "
        "computed: 4",
    })
    s3.complete_multipart_upload(Bucket=bucket, Key="k", UploadId=upload_id,
                                 MultipartUpload={"Parts": [part]}, MpuObjectSize=4)
    assert s3double.store.bucket(bucket).current("k").body == b"four"


# -- bucket policy ------------------------------------------------------------------------


def deny_policy(action: str, resource: str) -> str:
    statement = {"Effect": "Deny", "Principal": "*", "Action": action, "Resource": resource}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


@pytest.mark.parametrize(
    ("action", "call"),
    [
        ("s3:PutObject", "create"),
        ("s3:PutObject", "upload_part"),
        ("s3:PutObject", "complete"),
        ("s3:AbortMultipartUpload", "abort"),
        ("s3:ListMultipartUploadParts", "list_parts"),
        ("s3:ListBucketMultipartUploads", "list_uploads"),
    ],
)
def test_an_explicit_deny_is_access_denied(s3double, s3, bucket, action, call):
    """Multipart upload API and permissions (S3 user guide): the parts and completion need
    s3:PutObject, abort s3:AbortMultipartUpload, ListParts s3:ListMultipartUploadParts,
    ListMultipartUploads s3:ListBucketMultipartUploads."""
    upload_id = start(s3, bucket)
    part = send(s3, bucket, upload_id, 1, b"x")
    resource = f"arn:aws:s3:::{bucket}" + ("" if call == "list_uploads" else "/*")
    s3.put_bucket_policy(Bucket=bucket, Policy=deny_policy(action, resource))
    at_upload = {"Bucket": bucket, "Key": "k", "UploadId": upload_id}
    method, params = {
        "create": ("create_multipart_upload", {"Bucket": bucket, "Key": "k"}),
        "upload_part": ("upload_part", {**at_upload, "PartNumber": 2, "Body": b"y"}),
        "complete": ("complete_multipart_upload", {**at_upload, "MultipartUpload": {"Parts": [part]}}),
        "abort": ("abort_multipart_upload", at_upload),
        "list_parts": ("list_parts", at_upload),
        "list_uploads": ("list_multipart_uploads", {"Bucket": bucket}),
    }[call]

    answer = refused_upload(s3double.store, getattr(s3, method), **params)

    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (
        403, "AccessDenied", "Access Denied",
    )
