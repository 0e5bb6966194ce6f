"""Fault injection: per-key errors in DeleteObjects, request-level errors that botocore
retries, seeded reproducibility, and an untouched model."""

from __future__ import annotations

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

KEYS = [f"logs/{index}" for index in range(6)] + ["keep/a", "keep/b"]


@pytest.fixture
def seeded(s3double, s3):
    bucket = s3double.store.create_bucket("faulty")
    for key in KEYS:
        bucket.put(key, b"x")
    return bucket


def delete_all(s3, keys=KEYS, **kwargs):
    return s3.delete_objects(Bucket="faulty", Delete={"Objects": [{"Key": k} for k in keys], **kwargs})


@pytest.mark.parametrize(
    ("code", "message"),
    [("InternalError", "We encountered an internal error. Please try again."),
     ("SlowDown", "Please reduce your request rate."),
     ("AccessDenied", "Access Denied")],
)
def test_a_per_key_fault_fails_that_key_and_the_rest_proceed(s3double, s3, seeded, code, message):
    s3double.faults.fail_keys(code, keys=["logs/2"])
    response = delete_all(s3)
    assert response["Errors"] == [{"Key": "logs/2", "Code": code, "Message": message}]
    assert sorted(d["Key"] for d in response["Deleted"]) == sorted(set(KEYS) - {"logs/2"})
    assert seeded.current("logs/2") is not None  # the model kept it


def test_faults_match_by_prefix_and_predicate(s3double, s3, seeded):
    s3double.faults.fail_keys("SlowDown", prefix="keep/")
    s3double.faults.fail_keys("Custom", "made up", predicate=lambda key, version: key.endswith("5"))
    errors = {e["Key"]: (e["Code"], e["Message"]) for e in delete_all(s3)["Errors"]}
    assert errors == {
        "keep/a": ("SlowDown", "Please reduce your request rate."),
        "keep/b": ("SlowDown", "Please reduce your request rate."),
        "logs/5": ("Custom", "made up"),
    }


def test_times_limits_a_fault_to_the_first_tries(s3double, s3, seeded):
    s3double.faults.fail_keys("SlowDown", keys=["logs/1"], times=2)
    assert [e["Key"] for e in delete_all(s3, ["logs/1"])["Errors"]] == ["logs/1"]
    assert [e["Key"] for e in delete_all(s3, ["logs/1"])["Errors"]] == ["logs/1"]
    assert delete_all(s3, ["logs/1"])["Deleted"] == [{"Key": "logs/1"}]
    assert seeded.current("logs/1") is None


def _failing_keys(seed):
    import s3double as package

    with package.mock_s3(fault_seed=seed) as double:
        bucket = double.store.create_bucket("faulty")
        for key in KEYS:
            bucket.put(key, b"x")
        double.faults.fail_keys("SlowDown", probability=0.5)
        client = boto3.client("s3", region_name="us-east-1")
        return [e["Key"] for e in delete_all(client).get("Errors", [])]


def test_a_seed_reproduces_probabilistic_faults():
    runs = {seed: _failing_keys(seed) for seed in range(6)}
    assert all(_failing_keys(seed) == failing for seed, failing in runs.items())
    assert any(0 < len(failing) < len(KEYS) for failing in runs.values())  # really by chance
    assert len({tuple(failing) for failing in runs.values()}) > 1  # and the seed matters


def test_request_faults_are_retried_by_botocore(s3double, s3, seeded):
    s3double.faults.fail_requests("SlowDown", operation="DeleteObjects", times=2)
    response = delete_all(s3)
    assert response["ResponseMetadata"]["RetryAttempts"] == 2
    assert len(response["Deleted"]) == len(KEYS)
    attempts = s3double.calls("DeleteObjects")
    assert [(c.status, c.error_code, c.injected) for c in attempts] == [
        (503, "SlowDown", True), (503, "SlowDown", True), (200, None, False)
    ]
    assert all(len(c.identifiers) == len(KEYS) for c in attempts)


def test_an_exhausting_request_fault_surfaces_and_changes_nothing(s3double, seeded):
    s3double.faults.fail_requests("InternalError")
    client = boto3.client("s3", region_name="us-east-1",
                          config=Config(retries={"total_max_attempts": 2, "mode": "standard"}))
    with pytest.raises(ClientError) as caught:
        delete_all(client)
    assert caught.value.response["Error"]["Code"] == "InternalError"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert all(seeded.current(key) is not None for key in KEYS)


def test_a_request_fault_can_use_any_code_and_status(s3double, s3, seeded):
    s3double.faults.fail_requests("ThrottlingException", "Rate exceeded",
                                  operation="GetBucketVersioning", status=400, times=1)
    s3.get_bucket_versioning(Bucket="faulty")  # botocore retries the throttling error
    calls = s3double.calls("GetBucketVersioning")
    assert [(c.status, c.error_code) for c in calls] == [(400, "ThrottlingException"), (200, None)]


def test_clear_removes_every_fault(s3double, s3, seeded):
    s3double.faults.fail_keys("SlowDown")
    s3double.faults.fail_requests("InternalError", operation="ListObjectsV2")
    s3double.faults.clear()
    assert "Errors" not in delete_all(s3)
    assert s3.list_objects_v2(Bucket="faulty")["KeyCount"] == 0
