"""aws-chunked framing, declared lengths and lock periods that once hung, slipped through
or broke later requests (issue 13, items 2 and 3): each gets S3's answer at once, and the
stored state stays readable."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import time

import boto3
import pytest
from botocore.exceptions import ClientError

BUCKET = "framing"


@pytest.fixture
def s3(s3double):  # noqa: ANN001, ANN201
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    return client


def _chunked(client, body: bytes, decoded_length: str) -> None:  # noqa: ANN001
    """Send PutObject's next body as this aws-chunked ``body``, with no checksum."""

    def replace(request, **_) -> None:  # noqa: ANN001
        request.data = body
        for name in list(request.headers.keys()):
            if name.lower().startswith(("x-amz-checksum", "x-amz-sdk", "content-md5", "x-amz-trailer")):
                del request.headers[name]
        request.headers["Content-Encoding"] = "aws-chunked"
        request.headers["x-amz-decoded-content-length"] = decoded_length

    client.meta.events.register_first("before-sign.s3.PutObject", replace, unique_id="chunked")


def _put_error(client) -> tuple[str, str, float]:  # noqa: ANN001
    started = time.monotonic()
    with pytest.raises(ClientError) as caught:
        client.put_object(Bucket=BUCKET, Key="k", Body=b"abc")
    client.meta.events.unregister("before-sign.s3.PutObject", unique_id="chunked")
    error = caught.value.response["Error"]
    return error["Code"], error["Message"], time.monotonic() - started


@pytest.mark.parametrize("body", [
    b"-6\r\nabc\r\n0\r\n\r\n",          # once looped for ever, memory growing
    b"-0\r\n\r\n",
    b"+3\r\nabc\r\n0\r\n\r\n",
    "\u0663\r\nabc\r\n0\r\n\r\n".encode(),  # an Arabic-Indic three
    b"3\r\nabcXX0\r\n\r\n",              # data not followed by CRLF
    b"3\r\nabc",                         # ends early
    b"3\r\nabc\r\n0\r\n",                # trailers never closed
    b"3\r\nabc\r\n0\r\nno-colon\r\n\r\n",
    b"ffffffffffffffffff\r\nabc\r\n0\r\n\r\n",
    b"",
], ids=["minus-six", "minus-zero", "plus", "arabic-digit", "no-crlf-after-data", "short",
        "unclosed-trailers", "trailer-without-colon", "huge", "empty"])
def test_broken_chunk_framing_is_a_prompt_incomplete_body(s3, body):
    """S3 answers any malformed encoding with IncompleteBody, "The request body
    terminated unexpectedly" (tests/data/aws/facts-hostile-input.md, 1)."""
    _chunked(s3, body, "3")
    code, message, took = _put_error(s3)
    assert (code, message) == ("IncompleteBody", "The request body terminated unexpectedly")
    assert took < 2
    assert "Contents" not in s3.list_objects_v2(Bucket=BUCKET)


@pytest.mark.parametrize("length", ["\u0663", "--3", "+3", "3 ", "\uff13", "9" * 60, "-3"])
def test_a_decoded_length_that_is_not_a_whole_number_is_incomplete_body(s3, length):
    _chunked(s3, b"3\r\nabc\r\n0\r\n\r\n", length)
    code, _, _ = _put_error(s3)
    assert code == "IncompleteBody"
    assert "Contents" not in s3.list_objects_v2(Bucket=BUCKET)


def test_well_framed_chunks_with_extensions_and_trailers_are_stored(s3):
    crc = "x-amz-checksum-crc32:NSRBwg=="
    _chunked(s3, f"2;chunk-signature=a\r\nab\r\n1\r\nc\r\n0\r\n{crc}\r\n\r\n".encode(), "3")
    s3.put_object(Bucket=BUCKET, Key="k", Body=b"abc")
    assert s3.get_object(Bucket=BUCKET, Key="k")["Body"].read() == b"abc"


def _send_body(client, operation: str, body: bytes) -> None:  # noqa: ANN001
    def replace(request, **_) -> None:  # noqa: ANN001
        request.data = body
        for name in list(request.headers.keys()):
            if name.lower() == "content-md5" or name.lower().startswith(("x-amz-checksum", "x-amz-sdk")):
                del request.headers[name]
        request.headers["Content-MD5"] = base64.b64encode(hashlib.md5(body).digest()).decode()

    client.meta.events.register_first(f"before-sign.s3.{operation}", replace, unique_id="body")


LOCK = {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}}


@pytest.mark.parametrize(("element", "period"), [
    ("Days", "36501"), ("Days", "2147483647"), ("Days", "99999999"), ("Years", "101"), ("Years", "5000000"),
])
def test_a_default_retention_past_100_years_is_refused_and_later_puts_work(s3, element, period):
    """A huge period was stored, then every later PutObject raised OverflowError.
    S3 allows at most 36,500 days or 100 years (facts-hostile-input.md, 3)."""
    s3.create_bucket(Bucket="locked-periods", ObjectLockEnabledForBucket=True)
    _send_body(s3, "PutObjectLockConfiguration", (
        "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention>"
        f"<Mode>GOVERNANCE</Mode><{element}>{period}</{element}></DefaultRetention></Rule>"
        "</ObjectLockConfiguration>").encode())
    with pytest.raises(ClientError) as caught:
        s3.put_object_lock_configuration(Bucket="locked-periods", ObjectLockConfiguration=LOCK)
    s3.meta.events.unregister("before-sign.s3.PutObjectLockConfiguration", unique_id="body")
    error = caught.value.response["Error"]
    assert (error["Code"], error["Message"]) == ("InvalidArgument", "Default retention period too large.")
    assert error["ArgumentName"] == element
    md5 = base64.b64encode(hashlib.md5(b"x").digest()).decode()
    s3.put_object(Bucket="locked-periods", Key="after", Body=b"x", ContentMD5=md5)
    assert s3.get_object(Bucket="locked-periods", Key="after")["Body"].read() == b"x"


@pytest.mark.parametrize(("element", "period"), [("Days", "36500"), ("Years", "100")])
def test_a_default_retention_of_exactly_100_years_applies(s3, element, period):
    s3.create_bucket(Bucket="locked-periods", ObjectLockEnabledForBucket=True)
    retention = {"Mode": "GOVERNANCE", element: int(period)}
    s3.put_object_lock_configuration(
        Bucket="locked-periods",
        ObjectLockConfiguration={"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": retention}},
    )
    md5 = base64.b64encode(hashlib.md5(b"x").digest()).decode()
    s3.put_object(Bucket="locked-periods", Key="k", Body=b"x", ContentMD5=md5)
    until = s3.get_object_retention(Bucket="locked-periods", Key="k")["Retention"]["RetainUntilDate"]
    assert until.year >= dt.datetime.now(dt.timezone.utc).year + 99


@pytest.mark.parametrize(
    "date", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "99999-01-01T00:00:00Z"]
)
def test_a_retention_body_whose_date_overflows_is_refused_and_reads_still_work(s3, date):
    """The XML door of the overflow fixed for the PutObject header on main."""
    s3.create_bucket(Bucket="locked-dates", ObjectLockEnabledForBucket=True)
    s3.put_object(Bucket="locked-dates", Key="k", Body=b"x")
    _send_body(s3, "PutObjectRetention",
               f"<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>{date}</RetainUntilDate></Retention>".encode())
    with pytest.raises(ClientError) as caught:
        s3.put_object_retention(Bucket="locked-dates", Key="k",
                                Retention={"Mode": "GOVERNANCE", "RetainUntilDate": dt.datetime(2100, 1, 1)})
    s3.meta.events.unregister("before-sign.s3.PutObjectRetention", unique_id="body")
    assert caught.value.response["Error"]["Code"] in ("InvalidArgument", "MalformedXML")
    assert s3.head_object(Bucket="locked-dates", Key="k")["ContentLength"] == 1
    assert s3.list_object_versions(Bucket="locked-dates")["Versions"][0]["Key"] == "k"
    with pytest.raises(ClientError) as none:
        s3.get_object_retention(Bucket="locked-dates", Key="k")
    assert none.value.response["Error"]["Code"] == "NoSuchObjectLockConfiguration"
