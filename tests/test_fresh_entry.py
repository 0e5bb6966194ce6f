"""Every entry of a double starts from its constructor's options (README, "The double")."""

from __future__ import annotations

import datetime as dt

import boto3

import s3double
from s3double import S3Double


def _state(double: S3Double) -> dict:
    return {
        "buckets": [bucket.name for bucket in double.store.buckets.values()],
        "calls": len(double.calls()),
        "mfa": double.store.mfa.is_valid("serial 123456"),
        "drift": abs((double.clock.now() - dt.datetime.now(dt.timezone.utc)).total_seconds()) > 60,
    }


def _dirty(double: S3Double) -> None:
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="left-over")
    double.faults.fail_requests("SlowDown", operation="HeadBucket")
    double.clock.advance(dt.timedelta(days=400))
    double.add_mfa_device("serial", "123456")


def test_re_entering_a_double_keeps_nothing_from_the_last_entry():
    double = S3Double()
    with double:
        _dirty(double)
        assert _state(double) == {"buckets": ["left-over"], "calls": 1, "mfa": True, "drift": True}

    with double:
        assert _state(double) == {"buckets": [], "calls": 0, "mfa": False, "drift": False}
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="fresh")
        client.head_bucket(Bucket="fresh")  # no SlowDown rule survived


def test_what_is_set_before_the_first_entry_is_kept_for_it():
    double = S3Double()
    double.add_mfa_device("serial", "123456")
    double.faults.fail_requests("SlowDown", operation="HeadBucket", times=1)
    with double:
        assert double.store.mfa.is_valid("serial 123456")
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="configured")
        client.head_bucket(Bucket="configured")  # botocore retries the SlowDown
        first, retried = double.calls("HeadBucket")
        assert (first.status, first.injected) == (503, True)
        assert (retried.status, retried.injected) == (200, False)


def test_a_seeded_double_repeats_its_version_ids_and_faults_on_every_entry():
    double = s3double.mock_s3(version_id_seed=7, fault_seed=3)
    seen = []
    for _ in range(2):
        with double:
            client = boto3.client("s3", region_name="us-east-1")
            client.create_bucket(Bucket="seeded")
            client.put_bucket_versioning(Bucket="seeded", VersioningConfiguration={"Status": "Enabled"})
            double.faults.fail_keys("SlowDown", prefix="k", probability=0.5)
            ids = [client.put_object(Bucket="seeded", Key=f"k{i}", Body=b"x")["VersionId"] for i in range(3)]
            result = client.delete_objects(
                Bucket="seeded", Delete={"Objects": [{"Key": f"k{i}"} for i in range(20)]}
            )
            seen.append((ids, sorted(error["Key"] for error in result.get("Errors", []))))
    assert seen[0] == seen[1]
    assert seen[0][1]  # the seeded draws did fail some keys


class _Decorated:
    double = S3Double()


@_Decorated.double
class TestEachTestOfADecoratedClassStartsFresh:
    def test_first(self):
        _dirty(_Decorated.double)

    def test_second(self):
        assert _state(_Decorated.double)["mfa"] is False
        assert _state(_Decorated.double)["drift"] is False
        assert _state(_Decorated.double)["buckets"] == []
