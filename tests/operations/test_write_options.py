"""The other write options through boto3: x-amz-tagging, the website redirect, the user
metadata cap, response-* overrides, CopyObject's checksum algorithm and in-place rules,
object lock on CreateMultipartUpload; and GetObjectAttributes.

Expected answers: tests/data/aws/facts-bucket-configuration.md §1.8 (tagging header),
facts-copy-multipart.md §3, §5, §7, facts-misc-answers.md §4, §5 and
recorded/get_object_attributes.json.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import zlib

import pytest
from multipart_support import MB, refused_upload, send, start
from s3_refusals import refused

TAGGING_MESSAGE = (
    "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters "
    "without tag name duplicates."
)
REDIRECT_MESSAGE = "The website redirect location must have a prefix of 'http://' or 'https://' or '/'."
ILLEGAL_COPY = (
    "This copy request is illegal because it is trying to copy an object to itself without "
    "changing the object's metadata, storage class, website redirect location or encryption "
    "attributes."
)


def tags_of(s3, bucket, key="k") -> dict[str, str]:  # noqa: ANN001
    return {t["Key"]: t["Value"] for t in s3.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]}


# -- x-amz-tagging -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "tags"),
    [
        ("tag1=tag1&tag2=tag2&tag=", {"tag1": "tag1", "tag2": "tag2", "tag": ""}),
        ("wrongquery&wrongagain", {"wrongquery": "", "wrongagain": ""}),
        ("key1&&&key2", {"key1": "", "key2": ""}),
        ("team=data%20science&env=prod", {"team": "data science", "env": "prod"}),
    ],
)
def test_tagging_header_on_put_object(s3, bucket, header, tags):  # §1.8
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", Tagging=header)
    assert tags_of(s3, bucket) == tags
    assert s3.get_object(Bucket=bucket, Key="k")["TagCount"] == len(tags)


@pytest.mark.parametrize(
    ("header", "code", "message"),
    [
        ("key1=val1&key1=val2", "InvalidArgument", TAGGING_MESSAGE),
        ("key1=val1,key2=val2", "InvalidArgument", TAGGING_MESSAGE),
        ("key,1=v", "InvalidTag", "The TagKey you have provided is invalid"),
        ("&".join(f"k{n}=v" for n in range(11)), "BadRequest", "Object tags cannot be greater than 10"),
    ],
    ids=["duplicate", "second-equals", "bad-key", "eleven"],
)
@pytest.mark.parametrize("operation", ["put_object", "create_multipart_upload"])
def test_tagging_header_refused(s3double, s3, bucket, operation, header, code, message):
    extra = {"Body": b"x"} if operation == "put_object" else {}
    answer = refused_upload(s3double.store, getattr(s3, operation), Bucket=bucket, Key="k",
                            Tagging=header, **extra)
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (400, code, message)
    if code == "InvalidArgument":
        assert (answer.error["ArgumentName"], answer.error["ArgumentValue"]) == ("x-amz-tagging", header)


def test_a_multipart_upload_keeps_its_tags_and_lock(s3, s3double):
    """facts-copy-multipart.md §7: the lock settings of the upload apply to the object
    CompleteMultipartUpload makes; so do the tags."""
    s3.create_bucket(Bucket="locked", ObjectLockEnabledForBucket=True)
    until = (_dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(days=1)).replace(microsecond=0)
    upload = start(s3, "locked", Tagging="team=data", ObjectLockMode="GOVERNANCE",
                   ObjectLockRetainUntilDate=until, ObjectLockLegalHoldStatus="ON")
    part = send(s3, "locked", upload, 1, b"x")
    done = s3.complete_multipart_upload(Bucket="locked", Key="k", UploadId=upload,
                                        MultipartUpload={"Parts": [part]})
    head = s3.head_object(Bucket="locked", Key="k")
    assert (head["ObjectLockMode"], head["ObjectLockRetainUntilDate"], head["ObjectLockLegalHoldStatus"]) == (
        "GOVERNANCE", until, "ON",
    )
    assert tags_of(s3, "locked") == {"team": "data"}
    assert done["VersionId"] == head["VersionId"]


@pytest.mark.parametrize(
    ("params", "message", "name"),
    [
        ({"ObjectLockMode": "BAD-VALUE",
          "ObjectLockRetainUntilDate": _dt.datetime(2099, 1, 1, tzinfo=_dt.timezone.utc)},
         "Unknown wormMode directive.", "x-amz-object-lock-mode"),
        ({"ObjectLockRetainUntilDate": _dt.datetime(2099, 1, 1, tzinfo=_dt.timezone.utc)},
         "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied",
         None),
    ],
    ids=["mode", "date-without-mode"],
)
def test_lock_headers_on_create_multipart_upload_are_checked(s3double, s3, params, message, name):
    s3.create_bucket(Bucket="locked", ObjectLockEnabledForBucket=True)  # §7.1
    answer = refused_upload(s3double.store, s3.create_multipart_upload, Bucket="locked", Key="k",
                            **params)
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (
        400, "InvalidArgument", message,
    )
    assert answer.error.get("ArgumentName") == name


def test_lock_headers_need_a_lock_bucket(s3double, s3, bucket):
    answer = refused_upload(s3double.store, s3.create_multipart_upload, Bucket=bucket, Key="k",
                            ObjectLockLegalHoldStatus="ON")
    assert (answer.status, answer.error["Code"]) == (400, "InvalidRequest")


# -- website redirect, stored headers, response overrides ------------------------------------------


def test_the_website_redirect_is_kept_and_echoed_but_not_copied(s3, bucket):  # §3.9, §3.5
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", WebsiteRedirectLocation="/elsewhere")
    assert s3.head_object(Bucket=bucket, Key="k")["WebsiteRedirectLocation"] == "/elsewhere"
    assert s3.get_object(Bucket=bucket, Key="k")["WebsiteRedirectLocation"] == "/elsewhere"
    s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": bucket, "Key": "k"})
    assert "WebsiteRedirectLocation" not in s3.head_object(Bucket=bucket, Key="copy")
    s3.copy_object(Bucket=bucket, Key="k", CopySource={"Bucket": bucket, "Key": "k"},
                   WebsiteRedirectLocation="/elsewhere")  # in place: legal, even unchanged
    upload = start(s3, bucket, "mpu", WebsiteRedirectLocation="https://example.com/")
    s3.complete_multipart_upload(Bucket=bucket, Key="mpu", UploadId=upload, MultipartUpload={
        "Parts": [send(s3, bucket, upload, 1, b"x", key="mpu")]})
    assert s3.head_object(Bucket=bucket, Key="mpu")["WebsiteRedirectLocation"] == "https://example.com/"


@pytest.mark.parametrize("operation", ["put_object", "create_multipart_upload", "copy_object"])
def test_a_redirect_without_its_prefix_is_refused(s3double, s3, bucket, operation):
    s3.put_object(Bucket=bucket, Key="source", Body=b"x")
    extra = {"put_object": {"Body": b"x"}, "create_multipart_upload": {},
             "copy_object": {"CopySource": {"Bucket": bucket, "Key": "source"}}}[operation]
    answer = refused_upload(s3double.store, getattr(s3, operation), Bucket=bucket, Key="k",
                            WebsiteRedirectLocation="example.com/page", **extra)
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (
        400, "InvalidRedirectLocation", REDIRECT_MESSAGE,
    )


def test_response_overrides_replace_headers_of_a_successful_read(s3double, s3, bucket):
    """facts-misc-answers.md §5.1: the six parameters as recorded, Expires passed through;
    only on success (a 304 keeps S3's own headers)."""
    s3.put_object(Bucket=bucket, Key="k", Body=b"something", ContentLanguage="en")
    overrides = {
        "ResponseCacheControl": "max-age=74",
        "ResponseContentDisposition": 'attachment; filename="foo.jpg"',
        "ResponseContentEncoding": "identity",
        "ResponseContentLanguage": "de-DE",
        "ResponseContentType": "image/jpeg",
        "ResponseExpires": "Wed, 21 Oct 2015 07:28:00 GMT",
    }
    for read in (s3.get_object, s3.head_object):
        got = read(Bucket=bucket, Key="k", **overrides)
        assert (got["CacheControl"], got["ContentDisposition"], got["ContentEncoding"],
                got["ContentLanguage"], got["ContentType"], got["ExpiresString"]) == (
            "max-age=74", 'attachment; filename="foo.jpg"', "identity", "de-DE", "image/jpeg",
            "Wed, 21 Oct 2015 07:28:00 GMT",
        )
    ranged = s3.get_object(Bucket=bucket, Key="k", Range="bytes=0-3", ResponseContentType="text/x")
    assert (ranged["ContentType"], ranged["Body"].read()) == ("text/x", b"some")
    plain = s3.get_object(Bucket=bucket, Key="k")
    assert (plain["ContentType"], plain["ContentLanguage"]) == ("binary/octet-stream", "en")


# -- user metadata cap -------------------------------------------------------------------------


def test_user_metadata_up_to_2_kb_is_stored(s3, bucket):  # §4.1: keys without x-amz-meta-
    metadata = {"k": "v" * 2047}
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", Metadata=metadata)
    assert s3.head_object(Bucket=bucket, Key="k")["Metadata"] == metadata


@pytest.mark.parametrize("operation", ["put_object", "create_multipart_upload", "copy_object"])
def test_user_metadata_over_2_kb_is_refused_and_nothing_stored(s3double, s3, bucket, operation):
    """§4.2: 400 MetadataTooLarge with Size and MaxSizeAllowed (one byte over here)."""
    s3.put_object(Bucket=bucket, Key="source", Body=b"x")
    extra = {"put_object": {"Body": b"x"}, "create_multipart_upload": {},
             "copy_object": {"CopySource": {"Bucket": bucket, "Key": "source"},
                             "MetadataDirective": "REPLACE"}}[operation]
    metadata = {"a": "v" * 1000, "b": "w" * 1047}  # 1 + 1000 + 1 + 1047 bytes
    answer = refused_upload(s3double.store, getattr(s3, operation), Bucket=bucket, Key="k",
                            Metadata=metadata, **extra)
    assert (answer.status, answer.error["Code"], answer.error["Message"], answer.error["Size"],
            answer.error["MaxSizeAllowed"]) == (
        400, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size",
        "2049", "2048",
    )


# -- CopyObject ----------------------------------------------------------------------------------


def test_copy_with_a_checksum_algorithm_computes_that_checksum(s3, bucket):  # §3.8
    body = b"copy me"
    s3.put_object(Bucket=bucket, Key="k", Body=body, ChecksumAlgorithm="CRC32")
    copied = s3.copy_object(Bucket=bucket, Key="k", CopySource={"Bucket": bucket, "Key": "k"},
                            MetadataDirective="REPLACE", ChecksumAlgorithm="SHA256")
    sha256 = base64.b64encode(hashlib.sha256(body).digest()).decode()
    assert copied["CopyObjectResult"]["ChecksumSHA256"] == sha256
    assert copied["CopyObjectResult"]["ETag"] == f'"{hashlib.md5(body).hexdigest()}"'
    attributes = s3.get_object_attributes(Bucket=bucket, Key="k", ObjectAttributes=["Checksum"])
    assert attributes["Checksum"] == {"ChecksumSHA256": sha256, "ChecksumType": "FULL_OBJECT"}
    plain = s3.copy_object(Bucket=bucket, Key="other", CopySource={"Bucket": bucket, "Key": "k"})
    assert plain["CopyObjectResult"]["ChecksumSHA256"] == sha256


def test_copy_with_an_unsupported_checksum_algorithm(s3double, s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")

    def rewrite(request, **_):  # noqa: ANN001, ANN202  (botocore validates the enum)
        request.headers["x-amz-checksum-algorithm"] = "MD4"

    s3.meta.events.register("before-sign.s3.CopyObject", rewrite)
    answer = refused(s3double.store, s3.copy_object, Bucket=bucket, Key="c",
                     CopySource={"Bucket": bucket, "Key": "k"}, ChecksumAlgorithm="CRC32")
    assert (answer.status, answer.error["Code"]) == (400, "InvalidRequest")
    assert answer.error["Message"].startswith("Checksum algorithm provided is unsupported.")


@pytest.mark.parametrize(
    "params",
    [{"ACL": "bucket-owner-full-control"}, {"ChecksumAlgorithm": "SHA1"}, {}],
    ids=["acl-only", "checksum-only", "nothing"],
)
def test_copy_onto_itself_needs_a_change(s3double, s3, bucket, params):  # §3.1
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    answer = refused(s3double.store, s3.copy_object, Bucket=bucket, Key="k",
                     CopySource={"Bucket": bucket, "Key": "k"}, **params)
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (
        400, "InvalidRequest", ILLEGAL_COPY,
    )


# -- GetObjectAttributes -------------------------------------------------------------------------


def test_attributes_of_a_single_part_object(s3, bucket):
    """§5.2: only what was asked; the ETag unquoted; ObjectParts left out for a
    non-multipart object; the time as a header."""
    body = b"1234567"
    put = s3.put_object(Bucket=bucket, Key="k", Body=body, ChecksumAlgorithm="CRC32")
    everything = s3.get_object_attributes(
        Bucket=bucket, Key="k",
        ObjectAttributes=["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"],
    )
    crc32 = base64.b64encode(zlib.crc32(body).to_bytes(4, "big")).decode()
    assert {name: everything[name] for name in everything if name != "ResponseMetadata"} == {
        "ETag": put["ETag"].strip('"'),
        "Checksum": {"ChecksumCRC32": crc32, "ChecksumType": "FULL_OBJECT"},
        "StorageClass": "STANDARD",
        "ObjectSize": len(body),
        "LastModified": s3.head_object(Bucket=bucket, Key="k")["LastModified"],
    }
    size_only = s3.get_object_attributes(Bucket=bucket, Key="k", ObjectAttributes=["ObjectSize"])
    assert set(size_only) == {"ObjectSize", "LastModified", "ResponseMetadata"}


def test_attributes_of_a_multipart_object(s3, bucket):  # recorded object-attrs-multiparts-2-parts
    upload = start(s3, bucket)
    parts = [send(s3, bucket, upload, 1, b"a" * (5 * MB)), send(s3, bucket, upload, 2, b"b")]
    done = s3.complete_multipart_upload(Bucket=bucket, Key="k", UploadId=upload,
                                        MultipartUpload={"Parts": parts})
    attributes = s3.get_object_attributes(
        Bucket=bucket, Key="k", ObjectAttributes=["ETag", "ObjectParts", "ObjectSize"],
    )
    assert attributes["ETag"] == done["ETag"].strip('"') and attributes["ETag"].endswith("-2")
    assert attributes["ObjectParts"] == {"TotalPartsCount": 2}
    assert attributes["ObjectSize"] == 5 * MB + 1


def test_attributes_by_version_and_of_a_delete_marker(s3double, s3, versioned_bucket):  # §5.4
    first = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"one")["VersionId"]
    s3.delete_object(Bucket=versioned_bucket, Key="k")
    answer = refused(s3double.store, s3.get_object_attributes, Bucket=versioned_bucket, Key="k",
                     ObjectAttributes=["ETag"])
    assert (answer.status, answer.error["Code"]) == (404, "NoSuchKey")
    old = s3.get_object_attributes(Bucket=versioned_bucket, Key="k", VersionId=first,
                                   ObjectAttributes=["ObjectSize"])
    assert (old["VersionId"], old["ObjectSize"]) == (first, 3)


@pytest.mark.parametrize(
    ("header", "code", "message", "value"),
    [
        ("ETags", "InvalidArgument", "Invalid attribute name specified.", "ETags"),
        ("ETag,Dummy", "InvalidArgument", "Invalid attribute name specified.", "Dummy"),
        ("", "InvalidRequest",
         "The x-amz-object-attributes header specifying the attributes to be retrieved is either "
         "missing or empty", None),
    ],
)
def test_attribute_names_s3_refuses(s3double, s3, bucket, header, code, message, value):  # §5.4
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")

    def rewrite(request, **_):  # noqa: ANN001, ANN202
        request.headers["x-amz-object-attributes"] = header

    s3.meta.events.register("before-sign.s3.GetObjectAttributes", rewrite)
    answer = refused(s3double.store, s3.get_object_attributes, Bucket=bucket, Key="k",
                     ObjectAttributes=["ETag"])
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (400, code, message)
    assert answer.error.get("ArgumentValue") == value


def test_attributes_with_spaces_after_the_commas(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", StorageClass="DEEP_ARCHIVE")

    def rewrite(request, **_):  # noqa: ANN001, ANN202
        request.headers["x-amz-object-attributes"] = "ETag, StorageClass"

    s3.meta.events.register("before-sign.s3.GetObjectAttributes", rewrite)
    got = s3.get_object_attributes(Bucket=bucket, Key="k", ObjectAttributes=["ETag"])
    assert got["StorageClass"] == "DEEP_ARCHIVE" and "ETag" in got
