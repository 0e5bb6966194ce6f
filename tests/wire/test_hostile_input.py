"""Hostile and careless input gets S3's own answer, never a Python exception, never a
hang, and changes nothing (issue 13, items 2 to 4)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

import boto3
import pytest
from botocore.exceptions import ClientError

BUCKET = "hostile"
DELIMITERS = ["\U0010ffff", "a\U0010ffff", "\U0010ffff\U0010ffff"]


@pytest.fixture
def s3(s3double):  # noqa: ANN001, ANN201
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    return client


def _send_body(client, operation: str, body: bytes, **headers: str) -> None:  # noqa: ANN001
    """Replace the body botocore built for ``operation`` (and its digests) with ``body``."""

    def replace(request, **_) -> None:  # noqa: ANN001
        request.data = body
        for name in list(request.headers.keys()):
            if name.lower() == "content-md5" or name.lower().startswith(("x-amz-checksum", "x-amz-sdk")):
                del request.headers[name]
        request.headers["Content-MD5"] = base64.b64encode(hashlib.md5(body).digest()).decode()
        for name, value in headers.items():
            request.headers[name] = value

    client.meta.events.register_first(f"before-sign.s3.{operation}", replace)


@pytest.mark.parametrize("delimiter", DELIMITERS)
@pytest.mark.parametrize("operation", ["list_objects", "list_objects_v2", "list_object_versions"])
def test_a_delimiter_ending_in_the_last_code_point_lists(s3, operation, delimiter):
    for key in ("a\U0010ffffb", "a\U0010ffff\U0010ffffc", "\U0010ffffz", "z"):
        s3.put_object(Bucket=BUCKET, Key=key, Body=b"1")
    listed = getattr(s3, operation)(Bucket=BUCKET, Delimiter=delimiter)
    keys = [entry["Key"] for entry in listed.get("Contents", listed.get("Versions", []))]
    prefixes = [entry["Prefix"] for entry in listed.get("CommonPrefixes", [])]
    everything = {"a\U0010ffffb", "a\U0010ffff\U0010ffffc", "\U0010ffffz", "z"}
    assert set(keys) | {key for key in everything if any(key.startswith(p) for p in prefixes)} == everything
    assert len(keys) + len(prefixes) == len(set(keys) | set(prefixes))


def test_an_element_inside_a_key_is_malformed_and_deletes_nothing(s3):
    s3.put_object(Bucket=BUCKET, Key="k", Body=b"1")
    s3.put_object(Bucket=BUCKET, Key="k2", Body=b"1")
    _send_body(s3, "DeleteObjects", b"<Delete><Object><Key>k<x/>2</Key></Object></Delete>")
    with pytest.raises(ClientError) as caught:
        s3.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": "k"}]})
    assert caught.value.response["Error"]["Code"] == "MalformedXML"
    assert {entry["Key"] for entry in s3.list_objects_v2(Bucket=BUCKET)["Contents"]} == {"k", "k2"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_doctype_with_entities_is_refused_in_any_encoding(s3, encoding):
    s3.put_object(Bucket=BUCKET, Key="secret", Body=b"1")
    document = (
        f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
        '<!DOCTYPE Delete [<!ENTITY name "secret">]>'
        "<Delete><Object><Key>&name;</Key></Object></Delete>"
    )
    body = document.encode(encoding)
    assert b"<!DOCTYPE" not in body
    _send_body(s3, "DeleteObjects", body)
    with pytest.raises(ClientError) as caught:
        s3.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": "x"}]})
    assert caught.value.response["Error"]["Code"] == "MalformedXML"
    assert s3.head_object(Bucket=BUCKET, Key="secret")["ContentLength"] == 1


@pytest.mark.parametrize("size", ["\u0661", "--5", "-5", "\uff15", "5" * 60])
def test_a_size_that_is_not_a_whole_number_is_malformed(s3, size):
    _send_body(
        s3,
        "DeleteObjects",
        f"<Delete><Object><Key>k</Key><Size>{size}</Size></Object></Delete>".encode(),
    )
    with pytest.raises(ClientError) as caught:
        s3.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": "k"}]})
    assert caught.value.response["Error"]["Code"] == "MalformedXML"


@pytest.mark.parametrize("number", ["\u0661", "--5", "\uff11", "1" * 60])
def test_a_part_number_that_is_not_a_whole_number_is_refused(s3, number):
    upload = s3.create_multipart_upload(Bucket=BUCKET, Key="big")["UploadId"]
    _send_body(
        s3,
        "CompleteMultipartUpload",
        f"<CompleteMultipartUpload><Part><PartNumber>{number}</PartNumber><ETag>e</ETag></Part>"
        "</CompleteMultipartUpload>".encode(),
    )
    with pytest.raises(ClientError) as caught:
        s3.complete_multipart_upload(
            Bucket=BUCKET,
            Key="big",
            UploadId=upload,
            MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": "e"}]},
        )
    assert caught.value.response["Error"]["Code"] == "MalformedXML"


@pytest.mark.parametrize("number", ["\u0661", "--5", "1" * 60, "0", "10001"])
def test_a_part_number_query_parameter_out_of_form_is_invalid_argument(s3, number):
    upload = s3.create_multipart_upload(Bucket=BUCKET, Key="big")["UploadId"]

    def replace(request, **_) -> None:  # noqa: ANN001
        request.url = request.url.replace("partNumber=1", f"partNumber={number}")

    s3.meta.events.register_first("before-sign.s3.UploadPart", replace)
    with pytest.raises(ClientError) as caught:
        s3.upload_part(Bucket=BUCKET, Key="big", UploadId=upload, PartNumber=1, Body=b"x")
    assert caught.value.response["Error"]["Code"] == "InvalidArgument"
    assert caught.value.response["Error"]["ArgumentName"] == "partNumber"


def test_a_retain_until_date_past_the_calendar_is_refused_and_nothing_breaks(s3):
    s3.create_bucket(Bucket="locked-hostile", ObjectLockEnabledForBucket=True)

    def overflow(request, **_) -> None:  # noqa: ANN001  (botocore itself refuses to send it)
        request.headers["x-amz-object-lock-retain-until-date"] = "9999-12-31T23:59:59-23:59"

    s3.meta.events.register_first("before-sign.s3.PutObject", overflow)
    until = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    with pytest.raises(ClientError) as caught:
        s3.put_object(
            Bucket="locked-hostile",
            Key="k",
            Body=b"x",
            ObjectLockMode="GOVERNANCE",
            ObjectLockRetainUntilDate=until,
        )
    s3.meta.events.unregister("before-sign.s3.PutObject", overflow)
    assert caught.value.response["Error"]["Code"] == "InvalidArgument"
    assert s3.list_object_versions(Bucket="locked-hostile").get("Versions", []) == []
    s3.put_object(
        Bucket="locked-hostile",
        Key="k",
        Body=b"x",
        ObjectLockMode="GOVERNANCE",
        ObjectLockRetainUntilDate=until,
    )
    assert s3.get_object(Bucket="locked-hostile", Key="k")["ObjectLockMode"] == "GOVERNANCE"


@pytest.mark.parametrize(
    "framing",
    [
        b"-6\r\nabcdef\r\n0\r\n\r\n",  # a negative size: looped for ever once
        b"zz\r\nabcdef\r\n0\r\n\r\n",  # not hexadecimal
        b"10\r\nabc\r\n0\r\n\r\n",  # a chunk longer than what follows
        b"6\r\nabcdef",  # no closing chunk
        b"\xff\xfe\r\n",  # not text
    ],
)
def test_bad_aws_chunked_framing_is_a_prompt_400(s3double, framing):
    """Issue 13, item 3: aws-chunked framing that does not add up is 400 IncompleteBody at
    once (S3's answer for a body shorter than declared), and nothing is stored."""
    from s3double.errors import S3Error
    from s3double.wire.request import decode_aws_chunked

    with pytest.raises(S3Error) as caught:
        decode_aws_chunked(framing)
    assert (caught.value.code, caught.value.status) == ("IncompleteBody", 400)


def test_good_aws_chunked_framing_reads_with_its_trailer():
    from s3double.wire.request import decode_aws_chunked

    body, trailers = decode_aws_chunked(
        b"3;chunk-signature=x\r\nabc\r\n2\r\nde\r\n0\r\nx-amz-checksum-crc32:AAAA\r\n\r\n"
    )
    assert (body, trailers) == (b"abcde", {"x-amz-checksum-crc32": "AAAA"})
