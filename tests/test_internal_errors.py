"""A failure of s3double's own (issue 13, item 7): S3's 500 InternalError, recorded with
its traceback, the request undone, and the test failed at the double's exit."""

from __future__ import annotations

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

import s3double
from s3double import InternalDoubleError
from s3double.model import deletion

NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"})


def _fail_after(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    """Make the model's delete_key fail on its ``count + 1``-th call."""
    original = deletion.delete_key
    calls = {"n": 0}

    def failing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls["n"] += 1
        if calls["n"] > count:
            raise RuntimeError("a bug in the model")
        return original(*args, **kwargs)

    import s3double.operations.objects.delete_objects as delete_objects

    monkeypatch.setattr(delete_objects, "delete_key", failing)


@pytest.mark.parametrize("versioning", [None, "Enabled"])
def test_a_model_bug_mid_delete_objects_is_a_500_and_undoes_the_request(monkeypatch, versioning):
    double = s3double.mock_s3(raise_internal_errors=False)
    with double:
        client = boto3.client("s3", region_name="us-east-1", config=NO_RETRIES)
        bucket = double.store.create_bucket("fragile", versioning=versioning)
        for index in range(1000):
            bucket.put(f"k{index:04d}", b"x")
        before = {key: [entry.version_id for entry in bucket.versions(key)] for key in ("k0000", "k0998")}
        _fail_after(monkeypatch, 499)

        with pytest.raises(ClientError) as caught:
            client.delete_objects(
                Bucket="fragile", Delete={"Objects": [{"Key": f"k{i:04d}"} for i in range(1000)]}
            )

        response = caught.value.response
        assert (response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]) == (
            "InternalError", 500,
        )
        assert response["Error"]["Message"] == "We encountered an internal error. Please try again."
        listed = client.list_objects_v2(Bucket="fragile")
        assert listed["KeyCount"] == 1000  # nothing deleted: the request is undone whole
        after = {key: [entry.version_id for entry in bucket.versions(key)] for key in before}
        assert after == before
        calls = double.calls("DeleteObjects")  # botocore retries a 500
        assert calls and all((call.status, call.error_code) == (500, "InternalError") for call in calls)
        assert all("RuntimeError: a bug in the model" in call.traceback for call in calls)
        assert [str(error) for error in double.internal_errors] == ["a bug in the model"] * len(calls)


def test_the_double_fails_the_test_at_its_exit_with_the_cause_chained(monkeypatch):
    with pytest.raises(InternalDoubleError) as caught, s3double.mock_s3() as double:
        client = boto3.client("s3", region_name="us-east-1", config=NO_RETRIES)
        double.store.create_bucket("fragile").put("k", b"x")
        _fail_after(monkeypatch, 0)
        with pytest.raises(ClientError):
            client.delete_objects(Bucket="fragile", Delete={"Objects": [{"Key": "k"}]})
    assert isinstance(caught.value.__cause__, RuntimeError)
    assert "a bug in the model" in str(caught.value)


def test_an_exception_of_the_test_itself_is_not_hidden(monkeypatch):
    with pytest.raises(KeyError), s3double.mock_s3() as double:
        client = boto3.client("s3", region_name="us-east-1", config=NO_RETRIES)
        double.store.create_bucket("fragile").put("k", b"x")
        _fail_after(monkeypatch, 0)
        with pytest.raises(ClientError):
            client.delete_objects(Bucket="fragile", Delete={"Objects": [{"Key": "k"}]})
        raise KeyError("the test's own failure")


def test_a_bucket_created_by_a_failing_request_is_undone(monkeypatch):
    import s3double.operations.buckets.buckets as buckets

    original = buckets.Empty

    def failing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if kwargs.get("headers", {}).get("Location") == "/doomed":
            raise RuntimeError("a bug after the bucket was made")
        return original(*args, **kwargs)

    monkeypatch.setattr(buckets, "Empty", failing)
    double = s3double.mock_s3(raise_internal_errors=False)
    with double:
        client = boto3.client("s3", region_name="us-east-1", config=NO_RETRIES)
        with pytest.raises(ClientError) as caught:
            client.create_bucket(Bucket="doomed")
        assert caught.value.response["Error"]["Code"] == "InternalError"
        assert double.store.bucket("doomed") is None
        client.create_bucket(Bucket="fine")
        assert double.store.bucket("fine") is not None
