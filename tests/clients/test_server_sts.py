"""STS GetCallerIdentity through the HTTP server (issue 15): a client pointed at the
server learns the double's account, as in-process."""

from __future__ import annotations

import boto3
import pytest


def _sts(server):  # noqa: ANN001, ANN202
    return boto3.client(
        "sts", endpoint_url=server.endpoint_url, region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
    )


@pytest.mark.s3double(account_id="111122223333")
def test_get_caller_identity_answers_the_double_account(s3double_server):  # noqa: ANN001
    identity = _sts(s3double_server).get_caller_identity()
    assert identity["Account"] == "111122223333"
    assert identity["Arn"] == "arn:aws:iam::111122223333:user/s3double"
    assert identity["UserId"].startswith("AIDA") and len(identity["UserId"]) == 21


def test_the_account_is_the_one_that_owns_buckets(s3double_server):  # noqa: ANN001
    account = _sts(s3double_server).get_caller_identity()["Account"]
    s3 = boto3.client(
        "s3", endpoint_url=s3double_server.endpoint_url, region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
    )
    s3.create_bucket(Bucket="owned")
    s3.head_bucket(Bucket="owned", ExpectedBucketOwner=account)
    assert s3double_server.double.store.bucket("owned").owner == account
