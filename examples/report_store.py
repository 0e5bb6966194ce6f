"""Nightly reports, kept in a versioned bucket named after the AWS account: the code
under test in ``test_migrated_from_moto.py`` (docs/migrating-from-moto.md)."""

from __future__ import annotations

from typing import Any

import boto3

BATCH = 1000  # DeleteObjects takes at most 1,000 keys


def report_bucket(region: str = "us-east-1") -> str:
    account = boto3.client("sts", region_name=region).get_caller_identity()["Account"]
    return f"reports-{account}"


def create_report_bucket(s3: Any, name: str) -> None:
    s3.create_bucket(Bucket=name)
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})


def publish(s3: Any, bucket: str, day: str, body: bytes) -> str:
    return str(s3.put_object(Bucket=bucket, Key=f"daily/{day}.csv", Body=body)["VersionId"])


def purge_day(s3: Any, bucket: str, day: str) -> int:
    """Delete every version and delete marker of one day's report; return how many."""
    key = f"daily/{day}.csv"
    doomed = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=key):
        for entry in page.get("Versions", []) + page.get("DeleteMarkers", []):
            if entry["Key"] == key:
                doomed.append({"Key": key, "VersionId": entry["VersionId"]})
    for start in range(0, len(doomed), BATCH):
        batch = {"Objects": doomed[start : start + BATCH], "Quiet": True}
        errors = s3.delete_objects(Bucket=bucket, Delete=batch).get("Errors", [])
        if errors:
            raise RuntimeError(f"{len(errors)} versions were not deleted: {errors[0]['Code']}")
    return len(doomed)
