"""``s3double.mock_aws``: moto's name, in each of moto's forms. It serves S3 and STS
GetCallerIdentity and refuses every other service, naming the call."""

from __future__ import annotations

import asyncio
import unittest

import boto3
import pytest

import s3double
from s3double.wire import hook


def bucket_names():
    return [b["Name"] for b in boto3.client("s3", region_name="us-east-1").list_buckets()["Buckets"]]


def test_as_a_context_manager_it_serves_s3_and_sts():
    with s3double.mock_aws(account_id="111122223333") as double:
        assert isinstance(double, s3double.S3Double) and double.active
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="moto-style")
        account = boto3.client("sts", region_name="us-east-1").get_caller_identity()["Account"]
    assert [b.name for b in double.store] == ["moto-style"]
    assert account == "111122223333"


@pytest.mark.parametrize(
    "service, call, operation",
    [
        ("dynamodb", lambda c: c.list_tables(), "ListTables"),
        ("sqs", lambda c: c.list_queues(), "ListQueues"),
        ("lambda", lambda c: c.list_functions(), "ListFunctions"),
        ("iam", lambda c: c.list_users(), "ListUsers"),
        ("sts", lambda c: c.get_session_token(), "GetSessionToken"),
    ],
    ids=["dynamodb", "sqs", "lambda", "iam", "sts-GetSessionToken"],
)
def test_every_other_service_is_refused_clearly(service, call, operation):
    with s3double.mock_aws():
        client = boto3.client(service, region_name="us-east-1")
        with pytest.raises(s3double.UnservedRequestError) as raised:
            call(client)
    message = str(raised.value)
    assert f"the {service} call {operation}" in message
    assert "S3 and STS GetCallerIdentity only" in message
    assert "passthrough" not in message


def test_bare_decorator_on_a_function_gives_each_call_a_fresh_double():
    @s3double.mock_aws
    def make(name):
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=name)
        return bucket_names()

    assert make("first-call") == ["first-call"]
    assert make("second-call") == ["second-call"]
    assert make.__name__ == "make"
    assert hook.active() is None


def test_called_decorator_with_options():
    @s3double.mock_aws(account_id="222233334444")
    def account():
        return boto3.client("sts", region_name="us-east-1").get_caller_identity()["Account"]

    assert account() == "222233334444"


def test_bare_decorator_on_a_coroutine_function():
    @s3double.mock_aws
    async def make():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="async-bucket")
        return bucket_names()

    assert asyncio.run(make()) == ["async-bucket"]
    assert hook.active() is None


def test_bare_decorator_on_a_testcase_class():
    seen = []

    @s3double.mock_aws
    class Buckets(unittest.TestCase):
        def setUp(self):
            boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="from-setup")

        def test_one(self):
            seen.append(bucket_names())

        def test_two(self):
            boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="only-in-two")
            seen.append(bucket_names())

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Buckets).run(result)
    assert (result.testsRun, result.errors, result.failures) == (2, [], [])
    assert seen == [["from-setup"], ["from-setup", "only-in-two"]]  # fresh per test


def test_bare_decorator_on_a_plain_class():
    @s3double.mock_s3
    class TestPlain:
        def test_makes(self):
            boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="plain-class")
            return bucket_names()

        def helper(self):
            return hook.active()

    assert TestPlain().test_makes() == ["plain-class"]
    assert TestPlain().helper() is None  # only test* methods are decorated


def test_options_and_a_target_together_are_an_error():
    with pytest.raises(TypeError, match="not both"):
        s3double.mock_aws(lambda: None, account_id="111122223333")
