"""ListBuckets and GetBucketLocation through boto3 (tests/data/aws/facts-buckets.md
section 6)."""

from __future__ import annotations

import datetime as dt
import re

import boto3
import pytest
from s3_refusals import refused

UTC = dt.timezone.utc
OTHER_ACCOUNT = "999988887777"
NO_SUCH_BUCKET = "The specified bucket does not exist"


# -- ListBuckets ---------------------------------------------------------------------


def _seed(store, *names: str, region: str = "us-east-1") -> None:  # noqa: ANN001
    for name in names:
        store.create_bucket(name, region=region)


def test_list_buckets_shape(s3double, s3):
    created = dt.datetime(2025, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
    s3double.clock.set(created)
    s3.create_bucket(Bucket="beta")
    boto3.client("s3", region_name="eu-west-1").create_bucket(
        Bucket="alpha", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    s3double.store.create_bucket("foreign", owner=OTHER_ACCOUNT)

    response = s3.list_buckets()

    assert response["Buckets"] == [
        {"Name": "alpha", "CreationDate": created, "BucketRegion": "eu-west-1"},
        {"Name": "beta", "CreationDate": created, "BucketRegion": "us-east-1"},
    ]
    assert re.fullmatch(r"[0-9a-f]{64}", response["Owner"]["ID"])
    assert "ContinuationToken" not in response and "Prefix" not in response


def test_list_buckets_owner_matches_object_owner(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")

    owner = s3.list_buckets()["Owner"]

    assert s3.list_objects(Bucket=bucket)["Contents"][0]["Owner"]["ID"] == owner["ID"]


def test_list_buckets_prefix(s3double, s3):
    _seed(s3double.store, "logs-a", "logs-b", "data-a")

    response = s3.list_buckets(Prefix="logs-")

    assert [entry["Name"] for entry in response["Buckets"]] == ["logs-a", "logs-b"]
    assert response["Prefix"] == "logs-"


def test_list_buckets_pages_with_max_buckets(s3double, s3):
    names = [f"bucket-{index}" for index in range(5)]
    _seed(s3double.store, *names)

    pages, token = [], None
    while True:
        params = {"ContinuationToken": token} if token else {}
        response = s3.list_buckets(MaxBuckets=2, **params)
        pages.append([entry["Name"] for entry in response["Buckets"]])
        token = response.get("ContinuationToken")
        if token is None:
            break

    assert pages == [names[0:2], names[2:4], names[4:5]]


def test_list_buckets_paginator(s3double, s3):
    names = sorted(f"bucket-{index:02d}" for index in range(7))
    _seed(s3double.store, *names)

    pages = list(s3.get_paginator("list_buckets").paginate(PaginationConfig={"PageSize": 3}))

    assert [len(page["Buckets"]) for page in pages] == [3, 3, 1]
    assert [entry["Name"] for page in pages for entry in page["Buckets"]] == names


def test_list_buckets_region_filter(s3double, s3):
    created = dt.datetime(2025, 6, 7, 8, 9, 10, tzinfo=UTC)
    s3double.clock.set(created)
    _seed(s3double.store, "east-1", "east-2")
    _seed(s3double.store, "west-1", region="eu-west-1")

    response = s3.list_buckets(BucketRegion="eu-west-1")

    assert response["Buckets"] == [
        {"Name": "west-1", "CreationDate": created, "BucketRegion": "eu-west-1"},
    ]


# -- GetBucketLocation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "constraint"),
    [("us-east-1", None), ("eu-west-1", "eu-west-1"), ("ap-south-1", "ap-south-1")],
)
def test_get_bucket_location(s3double, s3, region, constraint):
    s3double.store.create_bucket("located", region=region)

    assert s3.get_bucket_location(Bucket="located")["LocationConstraint"] == constraint


def test_get_bucket_location_of_missing_bucket(s3double, s3):
    answer = refused(s3double.store, s3.get_bucket_location, Bucket="no-such-bucket")

    assert answer.status == 404
    assert answer.error == {
        "Code": "NoSuchBucket", "Message": NO_SUCH_BUCKET, "BucketName": "no-such-bucket",
    }
