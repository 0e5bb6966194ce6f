"""The decorator, on a function and on a unittest TestCase."""

from __future__ import annotations

import unittest

import boto3

import s3double


@s3double.mock_s3()
def test_unversioned_delete_reports_missing_keys_as_deleted():
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="reports")
    s3.put_object(Bucket="reports", Key="2026/q1.csv", Body=b"a,b")
    response = s3.delete_objects(
        Bucket="reports", Delete={"Objects": [{"Key": "2026/q1.csv"}, {"Key": "never-there"}]}
    )
    assert [entry["Key"] for entry in response["Deleted"]] == ["2026/q1.csv", "never-there"]


@s3double.mock_s3()
class CleanupTest(unittest.TestCase):
    def setUp(self) -> None:
        self.s3 = boto3.client("s3", region_name="us-east-1")
        self.s3.create_bucket(Bucket="scratch")
        self.s3.put_bucket_versioning(
            Bucket="scratch", VersioningConfiguration={"Status": "Suspended"}
        )

    def test_suspended_delete_keeps_older_versions(self) -> None:
        self.s3.put_object(Bucket="scratch", Key="k", Body=b"null version")
        self.s3.delete_object(Bucket="scratch", Key="k")
        markers = self.s3.list_object_versions(Bucket="scratch")["DeleteMarkers"]
        self.assertEqual([(m["Key"], m["VersionId"]) for m in markers], [("k", "null")])
