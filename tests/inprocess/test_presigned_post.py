"""Presigned POST forms (browser-based uploads), posted with requests and urllib.

S3's answers, recorded by LocalStack against AWS (tests/data/aws/facts-presigned.md):
204 by default; ``Invalid according to Policy: Policy expired.``; ``Policy Condition
failed: ["eq", "$key", ...]``; EntityTooSmall / EntityTooLarge with ProposedSize;
``Extra input fields: ...``; a missing signature field is 400 InvalidArgument.
"""

from __future__ import annotations

import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET

import boto3
import pytest

import s3double

requests = pytest.importorskip("requests")


@pytest.fixture
def double():
    with s3double.mock_s3() as active:
        yield active


@pytest.fixture
def client(double):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="uploads")
    return client


def error_of(body: bytes) -> dict[str, str]:
    return {child.tag: child.text or "" for child in ET.fromstring(body)}


def post(form, data=b"file contents", filename="photo.jpg", extra=None):
    return requests.post(
        form["url"], data={**form["fields"], **(extra or {})}, files={"file": (filename, data)}
    )


def test_post_writes_the_object_and_answers_204(double, client):
    form = client.generate_presigned_post("uploads", "inbox/${filename}", ExpiresIn=120)
    answer = post(form, b"jpeg bytes", filename="cat.jpg")
    assert answer.status_code == 204
    stored = double.store.bucket("uploads").current("inbox/cat.jpg")
    assert stored.body == b"jpeg bytes"
    assert answer.headers["ETag"] == stored.etag
    assert answer.headers["Location"].endswith("/inbox/cat.jpg")
    call = double.calls("PostObject")[-1]
    assert (call.method, call.bucket, call.key, call.status) == ("POST", "uploads", "inbox/cat.jpg", 200)


def test_post_with_metadata_content_type_and_status_201(double, client):
    fields = {"Content-Type": "image/png", "x-amz-meta-owner": "alice", "success_action_status": "201"}
    conditions = [
        {"Content-Type": "image/png"},
        ["starts-with", "$x-amz-meta-owner", "al"],
        {"success_action_status": "201"},
    ]
    form = client.generate_presigned_post("uploads", "avatar.png", Fields=fields, Conditions=conditions)
    answer = post(form, b"png")
    assert answer.status_code == 201
    document = {child.tag: child.text for child in ET.fromstring(answer.content)}
    assert document["Bucket"] == "uploads" and document["Key"] == "avatar.png"
    head = client.head_object(Bucket="uploads", Key="avatar.png")
    assert head["ContentType"] == "image/png"
    assert head["Metadata"] == {"owner": "alice"}


def test_post_policy_expires_by_the_double_clock(double, client):
    form = client.generate_presigned_post("uploads", "late.txt", ExpiresIn=30)
    double.clock.advance(31)
    answer = post(form)
    assert answer.status_code == 403
    assert error_of(answer.content)["Message"] == "Invalid according to Policy: Policy expired."
    assert double.store.bucket("uploads").current("late.txt") is None


def test_content_length_range(double, client):
    form = client.generate_presigned_post(
        "uploads", "sized.bin", Conditions=[["content-length-range", 5, 10]]
    )
    small = error_of(post(form, b"1234").content)
    assert (small["Code"], small["ProposedSize"], small["MinSizeAllowed"]) == ("EntityTooSmall", "4", "5")
    large = error_of(post(form, b"12345678901").content)
    assert (large["Code"], large["ProposedSize"], large["MaxSizeAllowed"]) == ("EntityTooLarge", "11", "10")
    assert double.store.bucket("uploads").current("sized.bin") is None
    assert post(form, b"12345").status_code == 204
    assert double.store.bucket("uploads").current("sized.bin").body == b"12345"


def test_eq_and_starts_with_conditions(double, client):
    form = client.generate_presigned_post(
        "uploads",
        "user/eric/${filename}",
        Fields={"x-amz-meta-team": "storage"},
        Conditions=[["eq", "$x-amz-meta-team", "storage"]],
    )
    wrong_team = post(form, extra={"x-amz-meta-team": "compute"})
    assert error_of(wrong_team.content)["Message"] == (
        'Invalid according to Policy: Policy Condition failed: ["eq", "$x-amz-meta-team", "storage"]'
    )
    elsewhere = post(form, extra={"key": "user/other/${filename}"})
    assert error_of(elsewhere.content)["Message"] == (
        'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "user/eric/"]'
    )
    assert post(form, filename="a.txt").status_code == 204
    assert double.store.bucket("uploads").current("user/eric/a.txt") is not None


def test_a_field_no_condition_names_is_refused(client):
    form = client.generate_presigned_post("uploads", "k")
    answer = post(form, extra={"x-amz-meta-sneaky": "1"})
    assert answer.status_code == 403
    assert (
        error_of(answer.content)["Message"]
        == "Invalid according to Policy: Extra input fields: x-amz-meta-sneaky"
    )


def test_an_altered_policy_or_signature_is_refused(client):
    form = client.generate_presigned_post("uploads", "k")
    tampered = {**form["fields"], "x-amz-signature": "0" * 64}
    answer = requests.post(form["url"], data=tampered, files={"file": ("f", b"x")})
    assert error_of(answer.content)["Code"] == "SignatureDoesNotMatch"
    missing = {name: value for name, value in form["fields"].items() if name != "x-amz-signature"}
    refused = requests.post(form["url"], data=missing, files={"file": ("f", b"x")})
    assert refused.status_code == 400
    error = error_of(refused.content)
    assert (error["Code"], error["ArgumentName"]) == ("InvalidArgument", "X-Amz-Signature")


def test_post_with_urllib(double, client):
    form = client.generate_presigned_post("uploads", "from-urllib.txt")
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in form["fields"].items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n".encode()
        + b"via urllib\r\n"
        + f"--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        form["url"],
        data=b"".join(parts),
        method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    with urllib.request.urlopen(request) as response:
        assert response.status == 204
    assert double.store.bucket("uploads").current("from-urllib.txt").body == b"via urllib"


def test_urllib_sees_s3_errors_as_http_errors(client):
    url = client.generate_presigned_url("get_object", Params={"Bucket": "uploads", "Key": "missing"})
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(url)
    assert raised.value.code == 404
    assert error_of(raised.value.read())["Code"] == "NoSuchKey"
