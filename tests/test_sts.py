"""STS GetCallerIdentity, answered by the double for its account_id; every other STS
operation, and every other service, refused with an error that names the call and
points to account_id and the guide, never to passthrough.

Through the HTTP server (the other front door): tests/clients/test_server_sts.py."""

from __future__ import annotations

import json
import pathlib
import re

import boto3
import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import HTTPClientError
from botocore.parsers import QueryParser

import s3double
from s3double.wire import sts

DATA = pathlib.Path(__file__).parent / "data" / "aws"
USER_ID = re.compile(r"AIDA[A-Z2-7]{17}")


def identity(**client_options):
    client_options.setdefault("region_name", "us-east-1")
    return boto3.client("sts", **client_options).get_caller_identity()


def test_answers_the_default_account_as_an_iam_user():
    with s3double.mock_s3() as double:
        answer = identity()
    assert answer["Account"] == double.account_id == "123456789012"
    assert answer["Arn"] == "arn:aws:iam::123456789012:user/s3double"
    assert USER_ID.fullmatch(answer["UserId"])
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_answers_the_account_the_double_was_given_and_follows_a_change():
    with s3double.mock_s3(account_id="111122223333") as double:
        first = identity()
        double.account_id = "444455556666"
        second = identity()
    assert (first["Account"], first["Arn"]) == (
        "111122223333", "arn:aws:iam::111122223333:user/s3double")
    assert (second["Account"], second["Arn"]) == (
        "444455556666", "arn:aws:iam::444455556666:user/s3double")
    assert first["UserId"] != second["UserId"]


def test_the_user_id_is_stable_for_an_account():
    with s3double.mock_s3(account_id="111122223333"):
        first = identity()["UserId"]
    with s3double.mock_aws(account_id="111122223333"):
        again = identity()["UserId"]
    assert first == again


def test_the_innermost_double_answers():
    with s3double.mock_s3(account_id="111122223333"):
        with s3double.mock_s3(account_id="222233334444"):
            inner = identity()["Account"]
        outer = identity()["Account"]
    assert (inner, outer) == ("222233334444", "111122223333")


def test_the_request_id_is_in_the_body_and_the_header():
    with s3double.mock_s3():
        first, second = identity(), identity()
    for answer in (first, second):
        metadata = answer["ResponseMetadata"]
        assert metadata["RequestId"] == metadata["HTTPHeaders"]["x-amzn-requestid"]
        assert metadata["HTTPHeaders"]["content-type"] == "text/xml"
    assert first["ResponseMetadata"]["RequestId"] != second["ResponseMetadata"]["RequestId"]


def test_unsigned_and_answered_before_the_network():
    """No credentials are looked up or used; the autouse guard fails any socket."""
    with s3double.mock_s3():
        client = boto3.client("sts", region_name="us-east-1")
        seen = []
        client.meta.events.register_first(
            "before-send.sts", lambda request, **_: seen.append(dict(request.headers))
        )
        client.get_caller_identity()
    assert len(seen) == 1 and "Authorization" not in seen[0]


@pytest.mark.parametrize(
    "region, partition",
    [("us-east-1", "aws"), ("eu-west-1", "aws"), ("cn-north-1", "aws-cn"),
     ("us-gov-west-1", "aws-us-gov")],
)
def test_the_arn_is_in_the_partition_of_the_endpoint(region, partition):
    with s3double.mock_s3():
        answer = identity(region_name=region)
    assert answer["Arn"] == f"arn:{partition}:iam::123456789012:user/s3double"


def test_a_custom_endpoint_is_answered_too():
    with s3double.mock_s3():
        answer = identity(endpoint_url="http://localhost:5000")
    assert answer["Account"] == "123456789012"


def _parse(body):
    model = botocore.session.get_session().get_service_model("sts")
    shape = model.operation_model("GetCallerIdentity").output_shape
    return QueryParser().parse({"body": body, "headers": {}, "status_code": 200}, shape)


def test_the_document_parses_as_the_aws_sample_does():
    sample = _parse((DATA / "sts_get_caller_identity.xml").read_bytes())
    ours = _parse(sts.render_caller_identity(sts.caller_identity("123456789012"), "req-1"))
    assert set(ours) == set(sample) == {"Arn", "UserId", "Account", "ResponseMetadata"}
    assert sample["ResponseMetadata"]["RequestId"] == "01234567-89ab-cdef-0123-456789abcdef"
    assert ours["ResponseMetadata"]["RequestId"] == "req-1"
    assert ours["Account"] == sample["Account"]
    # Same account, same shape of ARN; the user is s3double rather than Alice.
    assert ours["Arn"] == sample["Arn"].replace("user/Alice", "user/s3double")


def test_the_response_needs_no_http_library():
    status, headers, body = sts.identity_response("111122223333", "https://sts.amazonaws.com/")
    assert status == 200
    assert headers["Content-Type"] == "text/xml"
    assert headers["Content-Length"] == str(len(body))
    parsed = _parse(body)
    assert parsed["Account"] == "111122223333"
    assert parsed["ResponseMetadata"]["RequestId"] == headers["x-amzn-RequestId"]


@pytest.mark.parametrize(
    "call, operation",
    [
        (lambda c: c.assume_role(RoleArn="arn:aws:iam::123456789012:role/r",
                                 RoleSessionName="ci"), "AssumeRole"),
        (lambda c: c.get_session_token(), "GetSessionToken"),
        (lambda c: c.get_access_key_info(AccessKeyId="AKIAIOSFODNN7EXAMPLE"),
         "GetAccessKeyInfo"),
    ],
    ids=["AssumeRole", "GetSessionToken", "GetAccessKeyInfo"],
)
def test_other_sts_operations_are_refused_naming_the_call(call, operation):
    with s3double.mock_s3():
        client = boto3.client("sts", region_name="us-east-1")
        with pytest.raises(s3double.UnservedRequestError) as raised:
            call(client)
    message = str(raised.value)
    assert f"the sts call {operation}" in message
    assert "account_id" in message and "docs/migrating-from-moto.md" in message
    assert "passthrough" not in message


def test_outside_a_double_nothing_is_answered():
    client = boto3.client("sts", region_name="us-east-1",
                          aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="x",
                          config=Config(retries={"max_attempts": 1}))
    with pytest.raises(HTTPClientError, match="reach the network"):  # the socket guard
        client.get_caller_identity()


def test_the_aws_cli_gets_the_identity(capsys):
    clidriver = pytest.importorskip("awscli.clidriver")
    with s3double.mock_s3(account_id="777788889999"):
        capsys.readouterr()
        code = clidriver.create_clidriver().main(["sts", "get-caller-identity", "--output", "json"])
        out = capsys.readouterr().out
    assert code == 0
    assert json.loads(out)["Account"] == "777788889999"
