"""PutObject through boto3, read back with GetObject / HeadObject: ETag, metadata and
stored headers, Content-MD5 and x-amz-checksum-* verification, version id headers,
key length.

Expected messages: tests/data/aws/facts-objects.md sections 1 to 4 and 7.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import zlib

import boto3
import pytest
from botocore.config import Config
from s3_refusals import refused

UTC = dt.timezone.utc
VERSION_ID = re.compile(r"[A-Za-z0-9._]{32}")


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def content_md5(body: bytes) -> str:
    return b64(hashlib.md5(body).digest())


CHECKSUMS = {
    "SHA256": lambda body: b64(hashlib.sha256(body).digest()),
    "SHA1": lambda body: b64(hashlib.sha1(body).digest()),
    "CRC32": lambda body: b64(zlib.crc32(body).to_bytes(4, "big")),
}


@pytest.fixture
def once(s3double):  # noqa: ANN001, ANN201
    """A client that does not retry: botocore retries BadDigest (its _retry.json) with
    back-off, which would make these tests slow without changing what they see."""
    return boto3.client("s3", region_name="us-east-1", config=Config(retries={"total_max_attempts": 1}))


def read(s3, operation: str, **params):  # noqa: ANN001, ANN201
    """GetObject or HeadObject, with GetObject's body read (None for HEAD)."""
    response = getattr(s3, operation)(**params)
    body = response.pop("Body", None)
    return response, (body.read() if body is not None else None)


# -- ETag ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body", [b"", b"hello", bytes(range(256)) * 40], ids=["empty", "text", "binary"]
)
def test_etag_is_the_quoted_md5(s3, bucket, body):
    expected = f'"{hashlib.md5(body).hexdigest()}"'

    put = s3.put_object(Bucket=bucket, Key="k", Body=body)

    assert put["ETag"] == expected
    assert s3.head_object(Bucket=bucket, Key="k")["ETag"] == expected
    got, data = read(s3, "get_object", Bucket=bucket, Key="k")
    assert (got["ETag"], got["ContentLength"], data) == (expected, len(body), body)


# -- metadata and stored headers ----------------------------------------------------


@pytest.mark.parametrize("operation", ["get_object", "head_object"])
def test_metadata_and_headers_are_kept(s3, bucket, operation):
    expires = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    s3.put_object(
        Bucket=bucket, Key="page.html", Body=b"<html/>",
        Metadata={"colour": "blue", "Mixed-Case": "Value Kept"},
        ContentType="text/html; charset=utf-8",
        CacheControl="max-age=60",
        ContentDisposition='attachment; filename="page.html"',
        ContentLanguage="de-CH",
        Expires=expires,
        ContentEncoding="gzip",
    )

    got, data = read(s3, operation, Bucket=bucket, Key="page.html")

    assert got["Metadata"] == {"colour": "blue", "mixed-case": "Value Kept"}
    assert got["ContentType"] == "text/html; charset=utf-8"
    assert got["CacheControl"] == "max-age=60"
    assert got["ContentDisposition"] == 'attachment; filename="page.html"'
    assert got["ContentLanguage"] == "de-CH"
    assert got["ContentEncoding"] == "gzip"
    assert got["ExpiresString"] == "Wed, 02 Jan 2030 03:04:05 GMT"
    assert got["ContentLength"] == 7
    assert data == (b"<html/>" if operation == "get_object" else None)


@pytest.mark.parametrize("operation", ["get_object", "head_object"])
def test_defaults_without_metadata(s3, bucket, operation):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")

    got, _ = read(s3, operation, Bucket=bucket, Key="k")

    assert got["ContentType"] == "binary/octet-stream"
    assert got["Metadata"] == {}
    for absent in ("CacheControl", "ContentDisposition", "ContentLanguage", "ContentEncoding",
                   "ExpiresString", "VersionId"):
        assert absent not in got


def test_put_replaces_metadata_of_an_unversioned_object(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"1", Metadata={"old": "1"}, ContentType="a/b")
    s3.put_object(Bucket=bucket, Key="k", Body=b"2", Metadata={"new": "2"})

    got, data = read(s3, "get_object", Bucket=bucket, Key="k")

    assert (data, got["Metadata"], got["ContentType"]) == (b"2", {"new": "2"}, "binary/octet-stream")


# -- Content-MD5 --------------------------------------------------------------------


def test_correct_content_md5_is_accepted(s3, bucket):
    put = s3.put_object(Bucket=bucket, Key="k", Body=b"payload", ContentMD5=content_md5(b"payload"))

    assert put["ETag"] == f'"{hashlib.md5(b"payload").hexdigest()}"'
    assert read(s3, "get_object", Bucket=bucket, Key="k")[1] == b"payload"


def test_wrong_content_md5_is_bad_digest(s3double, once, bucket):
    answer = refused(
        s3double.store, once.put_object, Bucket=bucket, Key="k", Body=b"payload",
        ContentMD5=content_md5(b"something else"),
    )

    assert answer.status == 400
    assert answer.error["Code"] == "BadDigest"
    assert answer.error["Message"] == "The Content-MD5 you specified did not match what we received."


@pytest.mark.parametrize(
    "value", ["not base64!", b64(b"fifteen bytes!!"), b64(b"seventeen bytes!!")],
    ids=["not-base64", "15-bytes", "17-bytes"],
)
def test_malformed_content_md5_is_invalid_digest(s3double, s3, bucket, value):
    answer = refused(
        s3double.store, s3.put_object, Bucket=bucket, Key="k", Body=b"payload", ContentMD5=value
    )

    assert answer.status == 400
    assert answer.error == {
        "Code": "InvalidDigest",
        "Message": "The Content-MD5 you specified was invalid.",
        "Content-MD5": value,
    }


# -- x-amz-checksum-* ---------------------------------------------------------------


@pytest.mark.parametrize("algorithm", sorted(CHECKSUMS))
def test_checksum_algorithm_is_computed_verified_and_returned(s3, bucket, algorithm):
    body = b"checksummed body"
    expected = CHECKSUMS[algorithm](body)
    field = f"Checksum{algorithm}"

    put = s3.put_object(Bucket=bucket, Key="k", Body=body, ChecksumAlgorithm=algorithm)

    assert put[field] == expected
    got, data = read(s3, "get_object", Bucket=bucket, Key="k", ChecksumMode="ENABLED")
    assert (got[field], got["ChecksumType"], data) == (expected, "FULL_OBJECT", body)
    head = s3.head_object(Bucket=bucket, Key="k", ChecksumMode="ENABLED")
    assert head[field] == expected


def test_checksum_is_returned_only_when_asked_for(s3, bucket):
    # GetObject always asks (botocore validates response checksums by default); HeadObject
    # asks only when told to.
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", ChecksumAlgorithm="SHA256")

    head = s3.head_object(Bucket=bucket, Key="k")

    assert "ChecksumSHA256" not in head
    assert "x-amz-checksum-sha256" not in head["ResponseMetadata"]["HTTPHeaders"]


@pytest.mark.parametrize("algorithm", sorted(CHECKSUMS))
def test_explicit_correct_checksum_is_accepted(s3, bucket, algorithm):
    body = b"explicit"
    value = CHECKSUMS[algorithm](body)

    s3.put_object(Bucket=bucket, Key="k", Body=body, **{f"Checksum{algorithm}": value})

    got, _ = read(s3, "get_object", Bucket=bucket, Key="k", ChecksumMode="ENABLED")
    assert got[f"Checksum{algorithm}"] == value


@pytest.mark.parametrize("algorithm", sorted(CHECKSUMS))
def test_wrong_checksum_is_bad_digest(s3double, once, bucket, algorithm):
    wrong = CHECKSUMS[algorithm](b"another body")

    answer = refused(
        s3double.store, once.put_object, Bucket=bucket, Key="k", Body=b"the body",
        **{f"Checksum{algorithm}": wrong},
    )

    assert answer.status == 400
    assert answer.error == {
        "Code": "BadDigest",
        "Message": f"The {algorithm} you specified did not match the calculated checksum.",
    }


@pytest.mark.parametrize("algorithm", sorted(CHECKSUMS))
def test_malformed_checksum_is_invalid_request(s3double, s3, bucket, algorithm):
    answer = refused(
        s3double.store, s3.put_object, Bucket=bucket, Key="k", Body=b"the body",
        **{f"Checksum{algorithm}": "abcd1234"},
    )

    assert answer.status == 400
    assert answer.error == {
        "Code": "InvalidRequest",
        "Message": f"Value for x-amz-checksum-{algorithm.lower()} header is invalid.",
    }


# -- version id headers -------------------------------------------------------------


def _bucket_with_versioning(s3, status):  # noqa: ANN001, ANN202
    s3.create_bucket(Bucket="vbucket")
    if status is not None:
        s3.put_bucket_versioning(Bucket="vbucket", VersioningConfiguration={"Status": status})
    return "vbucket"


def test_put_in_enabled_bucket_returns_a_new_version_id(s3):
    name = _bucket_with_versioning(s3, "Enabled")

    first = s3.put_object(Bucket=name, Key="k", Body=b"1")["VersionId"]
    second = s3.put_object(Bucket=name, Key="k", Body=b"2")["VersionId"]

    assert VERSION_ID.fullmatch(first) and VERSION_ID.fullmatch(second)
    assert first != second
    assert s3.head_object(Bucket=name, Key="k")["VersionId"] == second


@pytest.mark.parametrize(
    ("status", "read_version_id"), [(None, None), ("Suspended", "null")],
    ids=["unversioned", "suspended"],
)
def test_put_sends_no_version_id_unless_enabled(s3, status, read_version_id):
    name = _bucket_with_versioning(s3, status)

    put = s3.put_object(Bucket=name, Key="k", Body=b"1")

    assert "VersionId" not in put
    assert "x-amz-version-id" not in put["ResponseMetadata"]["HTTPHeaders"]
    for operation in ("get_object", "head_object"):
        got, _ = read(s3, operation, Bucket=name, Key="k")
        assert got.get("VersionId") == read_version_id


def test_object_written_before_versioning_reads_as_null_version(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"old")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})

    assert s3.head_object(Bucket=bucket, Key="k")["VersionId"] == "null"
    got, data = read(s3, "get_object", Bucket=bucket, Key="k", VersionId="null")
    assert (got["VersionId"], data) == ("null", b"old")


def test_suspended_put_replaces_only_the_null_version(s3, versioned_bucket):
    kept = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"enabled")["VersionId"]
    s3.put_bucket_versioning(
        Bucket=versioned_bucket, VersioningConfiguration={"Status": "Suspended"}
    )
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"null-1")
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"null-2")

    versions = s3.list_object_versions(Bucket=versioned_bucket)["Versions"]

    assert [(entry["VersionId"], entry["IsLatest"]) for entry in versions] == [
        ("null", True), (kept, False),
    ]
    assert read(s3, "get_object", Bucket=versioned_bucket, Key="k", VersionId="null")[1] == b"null-2"


# -- key length ---------------------------------------------------------------------


@pytest.mark.parametrize("key", ["k" * 1024, "é" * 512], ids=["ascii", "two-byte"])
def test_key_of_1024_bytes_is_accepted(s3, bucket, key):
    s3.put_object(Bucket=bucket, Key=key, Body=b"x")

    assert read(s3, "get_object", Bucket=bucket, Key=key)[1] == b"x"


@pytest.mark.parametrize("key", ["k" * 1025, "é" * 512 + "k"], ids=["ascii", "two-byte"])
def test_key_over_1024_bytes_is_too_long(s3double, s3, bucket, key):
    answer = refused(s3double.store, s3.put_object, Bucket=bucket, Key=key, Body=b"x")

    assert answer.status == 400
    assert answer.error["Code"] == "KeyTooLongError"
    assert answer.error["Message"] == "Your key is too long"


def test_put_into_missing_bucket(s3double, s3):
    answer = refused(s3double.store, s3.put_object, Bucket="no-such-bucket", Key="k", Body=b"x")

    assert answer.status == 404
    assert answer.error == {
        "Code": "NoSuchBucket",
        "Message": "The specified bucket does not exist",
        "BucketName": "no-such-bucket",
    }
