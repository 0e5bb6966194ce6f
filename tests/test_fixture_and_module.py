"""The fixture is named ``s3double``, like the module. A test module that does
``import s3double`` and takes the fixture sees the fixture under that name; the
double answers the module's public names, so the module's entry points still work."""

from __future__ import annotations

import boto3
import pytest

import s3double
from test_plugin import GUARD_CONFTEST, QUIET, outcomes

pytest_plugins = ["pytester"]

PUBLIC = sorted(set(s3double.__all__) - {"__version__"})


def test_every_public_name_of_the_module_is_on_a_double():
    double = s3double.S3Double()
    missing = [name for name in PUBLIC if not hasattr(double, name)]
    assert missing == []
    for name in ("ErrorCode", "S3Error", "UnservedRequestError", "S3Double"):
        assert getattr(double, name) is getattr(s3double, name)


def test_a_double_makes_doubles_as_the_module_does():
    outer = s3double.S3Double(account_id="111122223333")
    made = [outer.mock_s3(account_id="222233334444"), outer.mock_aws(), outer.S3Double()]
    assert [type(d) for d in made] == [s3double.S3Double] * 3
    assert made[0].account_id == "222233334444"
    assert len({id(d) for d in made} | {id(outer)}) == 4  # each a new double


COLLIDING_MODULE = """
import boto3
import pytest
import s3double


def test_the_name_is_the_fixture(s3double):
    assert isinstance(s3double, s3double.S3Double)
    assert s3double.active


def test_nested_double_from_inside_the_test(s3double):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="outer-bucket")
    with s3double.mock_s3(account_id="111122223333") as inner:
        assert inner is not s3double and inner.active and not s3double.active
        client.create_bucket(Bucket="inner-bucket")
        assert [b["Name"] for b in client.list_buckets()["Buckets"]] == ["inner-bucket"]
    assert s3double.active
    assert [b.name for b in s3double.store] == ["outer-bucket"]
    assert [b.name for b in inner.store] == ["inner-bucket"]


def test_moto_name_nests_too(s3double):
    with s3double.mock_aws() as inner:
        assert inner.active


def test_decorating_inside_the_test(s3double):
    @s3double.mock_s3
    def in_a_fresh_double():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="fresh")
        return "ran"

    assert in_a_fresh_double() == "ran"
    assert s3double.store.bucket("fresh") is None  # that was another double's


def test_errors_by_the_module_names(s3double):
    with pytest.raises(s3double.UnservedRequestError, match="dynamodb"):
        boto3.client("dynamodb", region_name="us-east-1").list_tables()
    client = boto3.client("s3", region_name="us-east-1")
    with pytest.raises(client.exceptions.NoSuchBucket):
        client.list_objects_v2(Bucket="nowhere")
    assert s3double.ErrorCode.NOT_IMPLEMENTED.status == 501
"""


def test_a_test_module_importing_s3double_and_taking_the_fixture(pytester):
    pytester.makeconftest(GUARD_CONFTEST)
    pytester.makepyfile(test_collision=COLLIDING_MODULE)
    result = pytester.runpytest("-v", *QUIET)
    assert outcomes(result) == {
        "test_the_name_is_the_fixture": "PASSED",
        "test_nested_double_from_inside_the_test": "PASSED",
        "test_moto_name_nests_too": "PASSED",
        "test_decorating_inside_the_test": "PASSED",
        "test_errors_by_the_module_names": "PASSED",
    }


def test_the_fixture_and_the_module_in_this_process(s3double):
    """The same collision, here: the fixture argument shadows the imported module."""
    with s3double.mock_s3() as inner:
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="nested-here")
        assert [b.name for b in inner.store] == ["nested-here"]
    assert [b.name for b in s3double.store] == []
    with pytest.raises(s3double.UnservedRequestError):
        boto3.client("sqs", region_name="us-east-1").list_queues()
