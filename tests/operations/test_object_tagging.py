"""Object tagging through boto3: PutObjectTagging, GetObjectTagging, DeleteObjectTagging.

Every expected answer is S3's, from tests/data/aws/facts-tagging.md (section numbers
in the tests' comments).
"""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

BUCKET = "tagged"


@pytest.fixture
def s3(s3double):  # noqa: ANN001, ANN201
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    return client


def tag_set(*pairs: tuple[str, str]) -> dict:
    return {"TagSet": [{"Key": key, "Value": value} for key, value in pairs]}


def error_of(call, **params) -> dict:  # noqa: ANN001
    with pytest.raises(ClientError) as caught:
        call(Bucket=BUCKET, **params)
    response = caught.value.response
    return {**response["Error"], "Status": response["ResponseMetadata"]["HTTPStatusCode"]}


def test_tags_round_trip_replace_and_delete(s3):  # section 3
    s3.put_object(Bucket=BUCKET, Key="k", Body=b"test-tagging")
    assert s3.get_object_tagging(Bucket=BUCKET, Key="k")["TagSet"] == []
    assert "TagCount" not in s3.get_object(Bucket=BUCKET, Key="k")

    put = s3.put_object_tagging(Bucket=BUCKET, Key="k", Tagging=tag_set(("tag1", "tag1"), ("tag2", "")))
    assert put["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert "VersionId" not in put
    got = s3.get_object_tagging(Bucket=BUCKET, Key="k")
    assert got["TagSet"] == [{"Key": "tag1", "Value": "tag1"}, {"Key": "tag2", "Value": ""}]
    assert "VersionId" not in got

    s3.put_object_tagging(Bucket=BUCKET, Key="k", Tagging=tag_set(("tag3", "tag3")))
    assert s3.get_object_tagging(Bucket=BUCKET, Key="k")["TagSet"] == [{"Key": "tag3", "Value": "tag3"}]
    assert s3.get_object(Bucket=BUCKET, Key="k")["TagCount"] == 1

    deleted = s3.delete_object_tagging(Bucket=BUCKET, Key="k")
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert s3.get_object_tagging(Bucket=BUCKET, Key="k")["TagSet"] == []
    assert "TagCount" not in s3.get_object(Bucket=BUCKET, Key="k")


def test_an_empty_tag_set_is_accepted(s3):  # section 3
    s3.put_object(Bucket=BUCKET, Key="k", Body=b"x")
    s3.put_object_tagging(Bucket=BUCKET, Key="k", Tagging={"TagSet": []})
    assert s3.get_object_tagging(Bucket=BUCKET, Key="k")["TagSet"] == []


def test_each_version_keeps_its_own_tags(s3):  # section 4
    s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket=BUCKET, Key="k", Body=b"0")["VersionId"]
    s3.put_object_tagging(Bucket=BUCKET, Key="k", VersionId=first, Tagging=tag_set(("test_tag", "tagv1")))
    second = s3.put_object(Bucket=BUCKET, Key="k", Body=b"1")["VersionId"]

    put = s3.put_object_tagging(Bucket=BUCKET, Key="k", Tagging=tag_set(("tag3", "tag3")))
    assert put["VersionId"] == second
    current = s3.get_object_tagging(Bucket=BUCKET, Key="k")
    assert (current["VersionId"], current["TagSet"]) == (second, [{"Key": "tag3", "Value": "tag3"}])
    older = s3.get_object_tagging(Bucket=BUCKET, Key="k", VersionId=first)
    assert (older["VersionId"], older["TagSet"]) == (first, [{"Key": "test_tag", "Value": "tagv1"}])

    removed = s3.delete_object_tagging(Bucket=BUCKET, Key="k")
    assert removed["VersionId"] == second
    assert s3.get_object_tagging(Bucket=BUCKET, Key="k")["TagSet"] == []
    assert s3.get_object_tagging(Bucket=BUCKET, Key="k", VersionId=first)["TagSet"] != []


@pytest.mark.parametrize(("operation", "method"), [
    ("put_object_tagging", "PUT"), ("get_object_tagging", "GET"), ("delete_object_tagging", "DELETE"),
])
def test_a_delete_marker_is_405_named_or_current(s3, operation, method):  # section 4
    s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket=BUCKET, Key="k", Body=b"0")
    marker = s3.delete_object(Bucket=BUCKET, Key="k")["VersionId"]
    extra = {"Tagging": tag_set(("a", "b"))} if operation == "put_object_tagging" else {}
    call = getattr(s3, operation)
    for version in ({"VersionId": marker}, {}):
        error = error_of(call, Key="k", **version, **extra)
        assert error == {
            "Code": "MethodNotAllowed", "Status": 405, "Method": method, "ResourceType": "DeleteMarker",
            "Message": "The specified method is not allowed against this resource.",
        }


@pytest.mark.parametrize(("tags", "expected"), [
    ((("Key1", "a"), ("Key1", "b")),
     {"Code": "InvalidTag", "Message": "Cannot provide multiple Tags with the same key", "TagKey": "Key1"}),
    ((("Key1,Key2", "a"),),
     {"Code": "InvalidTag", "Message": "The TagKey you have provided is invalid", "TagKey": "Key1,Key2"}),
    ((("Key1", "Val1,Val2"),),
     {"Code": "InvalidTag", "Message": "The TagValue you have provided is invalid", "TagKey": "Key1",
      "TagValue": "Val1,Val2"}),
    ((("aws:prefixed", "a"),),
     {"Code": "InvalidTag", "Message": "Your TagKey cannot be prefixed with aws:", "TagKey": "aws:prefixed"}),
    ((("k" * 129, "a"),),
     {"Code": "InvalidTag", "Message": "The TagKey you have provided is invalid", "TagKey": "k" * 129}),
    ((("k", "v" * 257),),
     {"Code": "InvalidTag", "Message": "The TagValue you have provided is invalid", "TagKey": "k",
      "TagValue": "v" * 257}),
    (tuple((f"k{index}", "v") for index in range(11)),
     {"Code": "BadRequest", "Message": "Object tags cannot be greater than 10"}),
], ids=["duplicate", "bad-key", "bad-value", "aws-prefix", "key-129", "value-257", "eleven"])
def test_a_tag_set_s3_refuses_changes_nothing(s3, tags, expected):  # sections 1 and 2
    s3.put_object(Bucket=BUCKET, Key="k", Body=b"x")
    s3.put_object_tagging(Bucket=BUCKET, Key="k", Tagging=tag_set(("kept", "yes")))

    error = error_of(s3.put_object_tagging, Key="k", Tagging=tag_set(*tags))

    assert error == {**expected, "Status": 400}
    assert s3.get_object_tagging(Bucket=BUCKET, Key="k")["TagSet"] == [{"Key": "kept", "Value": "yes"}]


def test_limits_themselves_are_accepted(s3):  # section 1
    s3.put_object(Bucket=BUCKET, Key="k", Body=b"x")
    tags = tuple((f"{index}" + "k" * 127, "v" * 256) for index in range(10))
    s3.put_object_tagging(Bucket=BUCKET, Key="k", Tagging=tag_set(*tags))
    assert len(s3.get_object_tagging(Bucket=BUCKET, Key="k")["TagSet"]) == 10


@pytest.mark.parametrize("body", [
    b"<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>",
    b"<Tagging><TagSet><Tag><Value>a</Value></Tag></TagSet></Tagging>",
    b"<Tagging><TagSet><Tag><Key>a<x/>b</Key><Value>v</Value></Tag></TagSet></Tagging>",
    b"<Tagging><Other/></Tagging>",
    b"<NotTagging/>",
    b"not xml",
], ids=["no-value", "no-key", "element-in-key", "unknown-element", "wrong-root", "not-xml"])
def test_a_malformed_body_is_malformed_xml(s3, s3double, body):  # noqa: ANN001  section 2
    s3.put_object(Bucket=BUCKET, Key="k", Body=b"x")

    def replace_body(request, **_) -> None:  # noqa: ANN001
        request.data = body
        for name in list(request.headers.keys()):
            if name.lower() == "content-md5" or name.lower().startswith(("x-amz-checksum", "x-amz-sdk")):
                del request.headers[name]

    s3.meta.events.register("before-sign.s3.PutObjectTagging", replace_body)
    error = error_of(s3.put_object_tagging, Key="k", Tagging=tag_set(("a", "b")))
    assert (error["Code"], error["Status"]) == ("MalformedXML", 400)
    assert s3.get_object_tagging(Bucket=BUCKET, Key="k")["TagSet"] == []


def test_missing_bucket_and_key(s3):  # section 5
    for operation in ("put_object_tagging", "get_object_tagging", "delete_object_tagging"):
        extra = {"Tagging": tag_set()} if operation == "put_object_tagging" else {}
        call = getattr(s3, operation)
        with pytest.raises(ClientError) as caught:
            call(Bucket="no-such-bucket", Key="k", **extra)
        assert caught.value.response["Error"]["Code"] == "NoSuchBucket"
        assert caught.value.response["Error"]["BucketName"] == "no-such-bucket"
        error = error_of(call, Key="fake-key", **extra)
        expected_key = f"{BUCKET}/fake-key" if operation == "get_object_tagging" else "fake-key"
        assert (error["Code"], error["Status"], error["Key"]) == ("NoSuchKey", 404, expected_key)
