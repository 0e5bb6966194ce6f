"""A partial failure inside DeleteObjects, made the way one makes it on real S3: a bucket
policy that denies deleting some keys. The rest of the batch is deleted; the denied keys
come back as AccessDenied errors, which the routine reports rather than retries."""

from __future__ import annotations

import json

import boto3

from batch_delete import delete_keys


def test_denied_keys_are_reported_and_the_rest_deleted(s3double):
    bucket = s3double.store.create_bucket("reports")
    keys = [f"{folder}/{index}.csv" for folder in ("draft", "final") for index in range(3)]
    for key in keys:
        bucket.put(key, b"a,b")
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.put_bucket_policy(Bucket="reports", Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "KeepFinalReports",
            "Effect": "Deny",
            "Principal": "*",
            "Action": ["s3:DeleteObject", "s3:DeleteObjectVersion"],
            "Resource": "arn:aws:s3:::reports/final/*",
        }],
    }))

    failed = delete_keys(s3, "reports", keys)

    assert [(error["Key"], error["Code"]) for error in failed] == [
        (f"final/{index}.csv", "AccessDenied") for index in range(3)
    ]
    remaining = s3.list_objects_v2(Bucket="reports")["Contents"]
    assert [entry["Key"] for entry in remaining] == [f"final/{index}.csv" for index in range(3)]
    assert len(s3double.calls("DeleteObjects")) == 1  # AccessDenied is not retried
