"""Objects in directory buckets through boto3 with default settings: appends
(WriteOffsetBytes), conditional deletes by size and time, DeleteObjects' key rules,
ListObjectsV2's directory rules, ETags, and multipart uploads."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import zlib

import boto3
import pytest
from botocore.exceptions import ClientError
from delete_support import rewrite_delete_request
from directory_support import NAME, REGION, create_directory_bucket
from s3_refusals import refused

from s3double.model.appends import MAX_PARTS

PRECONDITION = "At least one of the pre-conditions you specified did not hold"
INVALID_WRITE_OFFSET = (
    "The write offset value that you specified does not match the current object size."
)


@pytest.fixture
def zonal(s3double):  # noqa: ANN001, ANN201
    client = boto3.client("s3", region_name=REGION)
    create_directory_bucket(client)
    return client


def body(client, key: str) -> bytes:  # noqa: ANN001
    return client.get_object(Bucket=NAME, Key=key)["Body"].read()  # type: ignore[no-any-return]  # boto3 clients are untyped


# -- appends ---------------------------------------------------------------------------


def test_append_creates_then_grows_and_answers_the_size(s3double, zonal):
    created = zonal.put_object(Bucket=NAME, Key="log", Body=b"one\n", WriteOffsetBytes=0)
    grown = zonal.put_object(Bucket=NAME, Key="log", Body=b"two\n", WriteOffsetBytes=4)

    assert (created["Size"], grown["Size"]) == (4, 8)
    assert created["ETag"] != grown["ETag"]
    assert body(zonal, "log") == b"one\ntwo\n"
    head = zonal.head_object(Bucket=NAME, Key="log")
    assert (head["ContentLength"], head["ETag"], head["StorageClass"]) == (
        8, grown["ETag"], "EXPRESS_ONEZONE")
    assert s3double.store.bucket(NAME).current("log").parts == 2


@pytest.mark.parametrize("offset", [0, 3, 5])
def test_an_offset_that_is_not_the_size_is_invalid(s3double, zonal, offset):
    zonal.put_object(Bucket=NAME, Key="log", Body=b"four")
    answer = refused(s3double.store, zonal.put_object, Bucket=NAME, Key="log", Body=b"x",
                     WriteOffsetBytes=offset)
    assert (answer.status, answer.error) == (400, {
        "Code": "InvalidWriteOffset", "Message": INVALID_WRITE_OFFSET})


def test_appending_to_a_missing_object_needs_offset_zero(s3double, zonal):
    answer = refused(s3double.store, zonal.put_object, Bucket=NAME, Key="new", Body=b"x",
                     WriteOffsetBytes=1)
    assert answer.error["Code"] == "InvalidWriteOffset"


def test_an_append_needs_a_body(s3double, zonal):
    zonal.put_object(Bucket=NAME, Key="log", Body=b"x")
    answer = refused(s3double.store, zonal.put_object, Bucket=NAME, Key="log", Body=b"",
                     WriteOffsetBytes=1)
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (
        400, "InvalidRequest", "Request body cannot be empty when 'write offset' is specified.")


def test_no_metadata_on_an_append_to_an_existing_object(s3double, zonal):
    zonal.put_object(Bucket=NAME, Key="log", Body=b"x", WriteOffsetBytes=0, Metadata={"a": "1"})
    answer = refused(s3double.store, zonal.put_object, Bucket=NAME, Key="log", Body=b"y",
                     WriteOffsetBytes=1, Metadata={"a": "2"})
    assert answer.error["Message"] == (
        "Cannot specify both a write offset value and user-defined object metadata for "
        "existing objects.")
    assert zonal.head_object(Bucket=NAME, Key="log")["Metadata"] == {"a": "1"}


def test_appends_stop_at_10000_parts(s3double, zonal):
    s3double.store.bucket(NAME).put("log", b"x", parts=MAX_PARTS - 1)
    zonal.put_object(Bucket=NAME, Key="log", Body=b"y", WriteOffsetBytes=1)

    answer = refused(s3double.store, zonal.put_object, Bucket=NAME, Key="log", Body=b"z",
                     WriteOffsetBytes=2)

    assert (answer.status, answer.error["Code"]) == (400, "TooManyParts")
    assert "maximum of 10000" in answer.error["Message"]


def test_multipart_parts_count_toward_the_limit(s3double, zonal):
    upload = zonal.create_multipart_upload(Bucket=NAME, Key="big")["UploadId"]
    part = zonal.upload_part(Bucket=NAME, Key="big", UploadId=upload, PartNumber=1, Body=b"a")
    zonal.complete_multipart_upload(Bucket=NAME, Key="big", UploadId=upload, MultipartUpload={
        "Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
    assert s3double.store.bucket(NAME).current("big").parts == 1
    zonal.put_object(Bucket=NAME, Key="big", Body=b"b", WriteOffsetBytes=1)
    assert body(zonal, "big") == b"ab"


def test_append_checksums(s3double, zonal):
    zonal.put_object(Bucket=NAME, Key="log", Body=b"one", WriteOffsetBytes=0)
    zonal.put_object(Bucket=NAME, Key="log", Body=b"two", WriteOffsetBytes=3)
    head = zonal.head_object(Bucket=NAME, Key="log", ChecksumMode="ENABLED")
    whole = base64.b64encode(zlib.crc32(b"onetwo").to_bytes(4, "big")).decode()
    assert (head["ChecksumCRC32"], head["ChecksumType"]) == (whole, "FULL_OBJECT")

    answer = refused(s3double.store, zonal.put_object, Bucket=NAME, Key="log", Body=b"x",
                     WriteOffsetBytes=6, ChecksumAlgorithm="SHA256")
    assert answer.error["Message"] == (
        "Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum "
        "Type: sha256.")


def test_write_offset_is_for_directory_buckets_only(s3double, s3, bucket):
    answer = refused(s3double.store, s3.put_object, Bucket=bucket, Key="k", Body=b"x",
                     WriteOffsetBytes=0)
    assert (answer.status, answer.error["Code"], answer.error["Header"]) == (
        501, "NotImplemented", "x-amz-write-offset-bytes")


# -- ETags -----------------------------------------------------------------------------


def test_etags_are_not_the_md5(zonal):
    first = zonal.put_object(Bucket=NAME, Key="a", Body=b"same")["ETag"]
    second = zonal.put_object(Bucket=NAME, Key="b", Body=b"same")["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', first)
    assert first != f'"{hashlib.md5(b"same").hexdigest()}"' and first != second
    copied = zonal.copy_object(Bucket=NAME, Key="c", CopySource={"Bucket": NAME, "Key": "a"})
    assert copied["CopyObjectResult"]["ETag"] not in (first, second)


# -- conditional deletes ---------------------------------------------------------------


@pytest.fixture
def seeded(zonal):  # noqa: ANN001, ANN201
    zonal.put_object(Bucket=NAME, Key="k", Body=b"four")
    return zonal.head_object(Bucket=NAME, Key="k")


@pytest.mark.parametrize(("params", "condition"), [
    ({"IfMatchSize": 5}, "x-amz-if-match-size"),
    ({"IfMatchLastModifiedTime": dt.datetime(2001, 1, 1)}, "x-amz-if-match-last-modified-time"),
    ({"IfMatch": '"0000"', "IfMatchSize": 4}, "If-Match"),
])
def test_delete_object_mismatch_is_412(s3double, zonal, seeded, params, condition):
    answer = refused(s3double.store, zonal.delete_object, Bucket=NAME, Key="k", **params)
    assert (answer.status, answer.error["Code"], answer.error["Message"],
            answer.error["Condition"]) == (412, "PreconditionFailed", PRECONDITION, condition)


def test_delete_object_match_deletes(s3double, zonal, seeded):
    response = zonal.delete_object(Bucket=NAME, Key="k", IfMatchSize=4, IfMatch=seeded["ETag"],
                                   IfMatchLastModifiedTime=seeded["LastModified"])
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert s3double.store.bucket(NAME).current("k") is None


def test_delete_object_size_or_time_on_a_missing_object_succeeds(zonal):
    response = zonal.delete_object(Bucket=NAME, Key="gone", IfMatchSize=1,
                                   IfMatchLastModifiedTime=dt.datetime(2001, 1, 1))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_delete_objects_conditions_per_key(s3double, zonal, seeded):
    zonal.put_object(Bucket=NAME, Key="other", Body=b"x")
    response = zonal.delete_objects(Bucket=NAME, Delete={"Objects": [
        {"Key": "k", "Size": 3},
        {"Key": "other", "Size": 1, "LastModifiedTime": seeded["LastModified"] - dt.timedelta(1)},
        {"Key": "gone", "Size": 9},
    ]})
    assert response["Deleted"] == [{"Key": "gone"}]
    assert sorted(error["Key"] for error in response["Errors"]) == ["k", "other"]
    assert {error["Code"] for error in response["Errors"]} == {"PreconditionFailed"}
    assert s3double.store.bucket(NAME).current("k").body == b"four"

    matched = zonal.delete_objects(Bucket=NAME, Delete={"Objects": [
        {"Key": "k", "Size": 4, "LastModifiedTime": seeded["LastModified"],
         "ETag": seeded["ETag"]},
    ]})
    assert matched["Deleted"] == [{"Key": "k"}]


@pytest.mark.parametrize("key", [" ", "\t", "  \n "])
def test_a_whitespace_key_fails_the_whole_delete(s3double, zonal, seeded, key):
    answer = refused(s3double.store, zonal.delete_objects, Bucket=NAME,
                     Delete={"Objects": [{"Key": "k"}, {"Key": key}]})
    assert (answer.status, answer.error["Code"]) == (400, "InvalidRequest")
    assert s3double.store.bucket(NAME).current("k").body == b"four"


def test_a_control_character_fails_the_whole_delete(s3double, zonal, seeded):
    """U+0085 (NEL) is a Unicode control character that XML 1.0 allows."""
    answer = refused(s3double.store, zonal.delete_objects, Bucket=NAME,
                     Delete={"Objects": [{"Key": "k"}, {"Key": "next\x85line"}]})
    assert (answer.status, answer.error["Code"]) == (400, "InvalidRequest")


def test_keys_with_newline_tab_and_white_space_around_text_are_fine(zonal):
    for key in ("a\tb", " padded "):
        zonal.put_object(Bucket=NAME, Key=key, Body=b"x")
    response = zonal.delete_objects(Bucket=NAME, Delete={"Objects": [
        {"Key": "a\tb"}, {"Key": " padded "}]})
    assert sorted(item["Key"] for item in response["Deleted"]) == [" padded ", "a\tb"]


def test_delete_objects_needs_content_md5_or_a_checksum(s3double, zonal, seeded):
    rewrite_delete_request(zonal, headers=lambda sent: {})
    answer = refused(s3double.store, zonal.delete_objects, Bucket=NAME,
                     Delete={"Objects": [{"Key": "k"}]})
    assert (answer.status, answer.error["Code"]) == (400, "InvalidRequest")
    assert "Content-MD5 OR x-amz-checksum-*" in answer.error["Message"]


# -- ListObjectsV2 ---------------------------------------------------------------------


KEYS = [f"dir/{number:02d}" for number in range(12)]


def test_listing_is_complete_but_not_alphabetical(zonal):
    for key in KEYS:
        zonal.put_object(Bucket=NAME, Key=key, Body=b"x")
    pages = zonal.get_paginator("list_objects_v2").paginate(
        Bucket=NAME, Prefix="dir/", PaginationConfig={"PageSize": 5})
    listed = [item["Key"] for page in pages for item in page.get("Contents", [])]
    assert sorted(listed) == KEYS and listed != KEYS
    assert {item["StorageClass"] for item in zonal.list_objects_v2(Bucket=NAME)["Contents"]} == {
        "EXPRESS_ONEZONE"}


def test_common_prefixes_include_uploads_in_progress(zonal):
    zonal.put_object(Bucket=NAME, Key="a/1", Body=b"x")
    zonal.create_multipart_upload(Bucket=NAME, Key="b/big")
    listing = zonal.list_objects_v2(Bucket=NAME, Delimiter="/")
    assert sorted(item["Prefix"] for item in listing["CommonPrefixes"]) == ["a/", "b/"]


@pytest.mark.parametrize(("params", "status", "code"), [
    ({"Prefix": "dir"}, 400, "InvalidArgument"),
    ({"Delimiter": "-"}, 400, "InvalidArgument"),
    ({"StartAfter": "dir/03"}, 501, "NotImplemented"),
])
def test_listing_rules(s3double, zonal, params, status, code):
    answer = refused(s3double.store, zonal.list_objects_v2, Bucket=NAME, **params)
    assert (answer.status, answer.error["Code"]) == (status, code)


# -- multipart uploads -----------------------------------------------------------------


def test_multipart_part_numbers_must_be_consecutive(s3double, zonal):
    upload = zonal.create_multipart_upload(Bucket=NAME, Key="big")["UploadId"]
    parts = []
    for number in (1, 3):
        sent = zonal.upload_part(Bucket=NAME, Key="big", UploadId=upload, PartNumber=number,
                                 Body=b"x" * (5 * 1024 * 1024))
        parts.append({"PartNumber": number, "ETag": sent["ETag"]})
    with pytest.raises(ClientError) as caught:
        zonal.complete_multipart_upload(Bucket=NAME, Key="big", UploadId=upload,
                                        MultipartUpload={"Parts": parts})
    assert caught.value.response["Error"]["Code"] == "InvalidPartOrder"
    assert s3double.store.bucket(NAME).current("big") is None
    assert len(s3double.store.bucket(NAME).uploads) == 1


def test_abort_if_match_initiated_time(s3double, zonal):
    upload = zonal.create_multipart_upload(Bucket=NAME, Key="big")["UploadId"]
    initiated = zonal.list_multipart_uploads(Bucket=NAME)["Uploads"][0]["Initiated"]

    stale = refused(s3double.store, zonal.abort_multipart_upload, Bucket=NAME, Key="big",
                    UploadId=upload, IfMatchInitiatedTime=initiated - dt.timedelta(seconds=1))
    assert (stale.status, stale.error["Code"], stale.error["Condition"]) == (
        412, "PreconditionFailed", "x-amz-if-match-initiated-time")
    assert len(s3double.store.bucket(NAME).uploads) == 1

    zonal.abort_multipart_upload(Bucket=NAME, Key="big", UploadId=upload,
                                 IfMatchInitiatedTime=initiated)
    assert len(s3double.store.bucket(NAME).uploads) == 0
    again = zonal.abort_multipart_upload(Bucket=NAME, Key="big", UploadId=upload,
                                         IfMatchInitiatedTime=initiated)
    assert again["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_abort_without_the_condition_still_needs_the_upload(s3double, zonal):
    answer = refused(s3double.store, zonal.abort_multipart_upload, Bucket=NAME, Key="big",
                     UploadId="nope")
    assert (answer.status, answer.error["Code"]) == (404, "NoSuchUpload")
