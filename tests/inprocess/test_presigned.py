"""Presigned URLs and POST forms, fetched with requests and urllib while a double is active.

S3's answers are in tests/data/aws/facts-presigned.md: an expired URL is 403 AccessDenied
"Request has expired"; an altered one 403 SignatureDoesNotMatch; POST policy failures
403 AccessDenied "Invalid according to Policy: ...", sizes 400 EntityTooSmall/Large.
"""

from __future__ import annotations

import datetime as dt
import os
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

import boto3
import pytest
from botocore.config import Config

import s3double
from s3double.model.versions import DeleteMarker
from s3double.wire.presign_signing import ACCESS_KEY_ID

requests = pytest.importorskip("requests")


@pytest.fixture
def double():
    with s3double.mock_s3() as active:
        yield active


@pytest.fixture
def client(double):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="shared")
    return client


def error_of(body: bytes) -> dict[str, str]:
    return {child.tag: child.text or "" for child in ET.fromstring(body)}


# -- GET, PUT, HEAD, DELETE ------------------------------------------------------------


def test_presigned_get_with_requests_and_urllib(double, client):
    client.put_object(Bucket="shared", Key="docs/report 1.txt", Body=b"quarterly", ContentType="text/plain")
    url = client.generate_presigned_url(
        "get_object", Params={"Bucket": "shared", "Key": "docs/report 1.txt"}, ExpiresIn=300
    )
    assert f"X-Amz-Credential={ACCESS_KEY_ID}" in url

    got = requests.get(url)
    assert got.status_code == 200
    assert got.content == b"quarterly"
    assert got.headers["Content-Type"] == "text/plain"

    with urllib.request.urlopen(url) as response:
        assert response.status == 200
        assert response.read() == b"quarterly"
    assert [call.operation for call in double.calls()][-2:] == ["GetObject", "GetObject"]


def test_presigned_put_head_delete(double, client):
    put_url = client.generate_presigned_url(
        "put_object", Params={"Bucket": "shared", "Key": "upload.bin", "ContentType": "application/x-demo"}
    )
    put = requests.put(put_url, data=b"\x00\x01payload", headers={"Content-Type": "application/x-demo"})
    assert put.status_code == 200
    stored = double.store.bucket("shared").current("upload.bin")
    assert stored.body == b"\x00\x01payload"
    assert put.headers["ETag"] == stored.etag

    head_url = client.generate_presigned_url("head_object", Params={"Bucket": "shared", "Key": "upload.bin"})
    head = requests.head(head_url)
    assert head.status_code == 200
    assert head.headers["Content-Length"] == str(len(b"\x00\x01payload"))
    assert head.content == b""

    delete_url = client.generate_presigned_url(
        "delete_object", Params={"Bucket": "shared", "Key": "upload.bin"}
    )
    request = urllib.request.Request(delete_url, method="DELETE")
    with urllib.request.urlopen(request) as response:
        assert response.status == 204
    assert double.store.bucket("shared").current("upload.bin") is None
    assert [call.operation for call in double.calls()][-3:] == ["PutObject", "HeadObject", "DeleteObject"]


def test_presigned_delete_of_a_version_in_a_versioned_bucket(double, client):
    client.put_bucket_versioning(Bucket="shared", VersioningConfiguration={"Status": "Enabled"})
    first = client.put_object(Bucket="shared", Key="k", Body=b"one")["VersionId"]
    client.put_object(Bucket="shared", Key="k", Body=b"two")
    url = client.generate_presigned_url(
        "delete_object", Params={"Bucket": "shared", "Key": "k", "VersionId": first}
    )
    answer = requests.delete(url)
    assert answer.status_code == 204
    assert answer.headers["x-amz-version-id"] == first
    assert [version.body for version in double.store.bucket("shared").versions("k")] == [b"two"]

    marker_url = client.generate_presigned_url("delete_object", Params={"Bucket": "shared", "Key": "k"})
    marked = requests.delete(marker_url)
    assert marked.headers["x-amz-delete-marker"] == "true"
    assert isinstance(double.store.bucket("shared").current("k"), DeleteMarker)


def test_sigv2_presigned_url(double, client):
    client.put_object(Bucket="shared", Key="old-style", Body=b"v2")
    legacy = boto3.client("s3", region_name="us-east-1", config=Config(signature_version="s3"))
    url = legacy.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "old-style"})
    assert "AWSAccessKeyId=" in url and "Signature=" in url
    assert requests.get(url).content == b"v2"
    altered = url.replace("old-style", "old-stylf")
    assert error_of(requests.get(altered).content)["Code"] == "SignatureDoesNotMatch"
    double.clock.advance(3601)
    expired = requests.get(url)
    assert expired.status_code == 403
    assert error_of(expired.content)["Message"] == "Request has expired"


# -- expiry and tampering ------------------------------------------------------------------


def test_expiry_follows_the_double_clock(double, client):
    client.put_object(Bucket="shared", Key="k", Body=b"x")
    url = client.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "k"}, ExpiresIn=60)
    double.clock.advance(59)
    assert requests.get(url).status_code == 200
    double.clock.advance(2)
    expired = requests.get(url)
    assert expired.status_code == 403
    error = error_of(expired.content)
    assert error["Code"] == "AccessDenied"
    assert error["Message"] == "Request has expired"
    assert error["X-Amz-Expires"] == "60"
    assert dt.datetime.fromisoformat(error["ServerTime"].replace("Z", "+00:00")) > dt.datetime.fromisoformat(
        error["Expires"].replace("Z", "+00:00")
    )
    assert double.calls()[-1].error_code == "AccessDenied"


@pytest.mark.parametrize(
    "alter",
    [
        lambda url: url.replace("/k?", "/other?"),  # another key
        lambda url: url.replace("X-Amz-Expires=60", "X-Amz-Expires=600"),  # a longer life
        lambda url: url.replace("shared.s3", "elsewhere.s3"),  # another bucket
    ],
    ids=["key", "expires", "bucket"],
)
def test_an_altered_url_does_not_match_its_signature(double, client, alter):
    double.store.create_bucket("elsewhere").put("k", b"secret")
    client.put_object(Bucket="shared", Key="other", Body=b"x")
    url = client.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "k"}, ExpiresIn=60)
    answer = requests.get(alter(url))
    assert answer.status_code == 403
    error = error_of(answer.content)
    assert error["Code"] == "SignatureDoesNotMatch"
    assert error["AWSAccessKeyId"] == ACCESS_KEY_ID
    assert error["StringToSign"].startswith("AWS4-HMAC-SHA256\n")


def test_method_is_part_of_the_signature(client):
    url = client.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "k"})
    assert error_of(requests.put(url, data=b"x").content)["Code"] == "SignatureDoesNotMatch"


def test_a_week_is_the_longest_life(client):
    url = client.generate_presigned_url(
        "get_object", Params={"Bucket": "shared", "Key": "k"}, ExpiresIn=604801
    )
    error = error_of(requests.get(url).content)
    assert error["Code"] == "AuthorizationQueryParametersError"


def test_a_key_the_double_did_not_sign_with_is_unknown(client):
    """A URL signed with another key pair (made outside any double) names a key S3 does
    not know."""
    url = client.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "k"})
    forged = url.replace(ACCESS_KEY_ID, "AKIAOUTSIDE000000000")
    error = error_of(requests.get(forged).content)
    assert error["Code"] == "InvalidAccessKeyId"
    assert error["AWSAccessKeyId"] == "AKIAOUTSIDE000000000"


def test_an_unsigned_request_is_anonymous_and_refused(client):
    client.put_object(Bucket="shared", Key="k", Body=b"x")
    answer = requests.get("https://shared.s3.amazonaws.com/k")
    assert answer.status_code == 403
    assert error_of(answer.content)["Code"] == "AccessDenied"


# -- credentials -------------------------------------------------------------------------------


def test_presigning_needs_no_credentials_and_leaks_none(double):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        assert name not in os.environ
    session = boto3.session.Session(region_name="us-east-1")
    client = session.client("s3")
    client.create_bucket(Bucket="nocreds")
    url = client.generate_presigned_url("get_object", Params={"Bucket": "nocreds", "Key": "k"})
    assert ACCESS_KEY_ID in url
    # The presigning key pair was never stored on the session: what the session reports
    # inside a double is the double's stand-in (profile isolation), good only inside it.
    credentials = session.get_credentials()
    assert credentials is None or type(credentials).__name__ == "DoubleCredentials"
    assert credentials is None or credentials.access_key != ACCESS_KEY_ID
    assert "AWS_ACCESS_KEY_ID" not in os.environ


def test_a_client_keeps_its_own_credentials_outside_the_double():
    client = boto3.client(
        "s3",
        region_name="us-east-1",
        aws_access_key_id="AKIAREALKEY000000000",
        aws_secret_access_key="real",
    )
    with s3double.mock_s3():
        inside = client.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "k"})
    outside = client.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "k"})
    assert ACCESS_KEY_ID in inside
    assert "AKIAREALKEY000000000" in outside and ACCESS_KEY_ID not in outside


def test_other_traffic_passes_untouched(double):
    """Not an S3 endpoint: requests goes to the network (which the test guard refuses)."""
    with pytest.raises(AssertionError, match="reach the network"):
        requests.get("http://example.invalid/")
    with pytest.raises(AssertionError, match="reach the network"):
        urllib.request.urlopen("http://example.invalid/")
