"""The pytest fixture: a fresh, active double per test; seed through the model."""

from __future__ import annotations

import boto3
import pytest


def test_versioned_delete_adds_a_marker(s3double):
    s3double.store.create_bucket("invoices", versioning="Enabled")
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.put_object(Bucket="invoices", Key="inv-1.pdf", Body=b"%PDF")

    response = s3.delete_objects(Bucket="invoices", Delete={"Objects": [{"Key": "inv-1.pdf"}]})

    (entry,) = response["Deleted"]
    assert entry["DeleteMarker"] is True
    versions = s3double.store.bucket("invoices").versions("inv-1.pdf")
    assert [v.is_delete_marker for v in versions] == [True, False]  # the data is still there


@pytest.mark.s3double(version_id_seed=42)
def test_reproducible_version_ids(s3double):
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="seeded")
    s3.put_bucket_versioning(Bucket="seeded", VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket="seeded", Key="k", Body=b"1")["VersionId"]
    from s3double.model.versions import seeded_version_ids

    assert first == seeded_version_ids(42)()
