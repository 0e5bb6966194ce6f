"""Put/GetBucketVersioning through boto3."""

from __future__ import annotations

import pytest
from s3_refusals import refused

NO_SUCH_BUCKET = "The specified bucket does not exist"
MALFORMED_XML = (
    "The XML you provided was not well-formed or did not validate against our published schema"
)


# -- Put/GetBucketVersioning ---------------------------------------------------------


def test_versioning_never_configured_has_no_status(s3, bucket):
    response = s3.get_bucket_versioning(Bucket=bucket)

    assert set(response) == {"ResponseMetadata"}


@pytest.mark.parametrize(
    "sequence", [["Enabled"], ["Suspended"], ["Enabled", "Suspended"], ["Suspended", "Enabled"]]
)
def test_versioning_status_is_the_last_one_set(s3, bucket, sequence):
    for status in sequence:
        response = s3.put_bucket_versioning(
            Bucket=bucket, VersioningConfiguration={"Status": status}
        )
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 200

    got = s3.get_bucket_versioning(Bucket=bucket)

    assert {key: value for key, value in got.items() if key != "ResponseMetadata"} == {
        "Status": sequence[-1]
    }


@pytest.mark.parametrize("status", ["Bogus", "enabled", "Disabled"])
def test_versioning_refuses_unknown_status(s3double, s3, bucket, status):
    answer = refused(
        s3double.store, s3.put_bucket_versioning, Bucket=bucket,
        VersioningConfiguration={"Status": status},
    )

    assert answer.status == 400
    assert answer.error == {"Code": "MalformedXML", "Message": MALFORMED_XML}
    assert set(s3.get_bucket_versioning(Bucket=bucket)) == {"ResponseMetadata"}


@pytest.mark.parametrize("operation", ["get_bucket_versioning", "put_bucket_versioning"])
def test_versioning_of_missing_bucket(s3double, s3, operation):
    params = {"VersioningConfiguration": {"Status": "Enabled"}} if operation.startswith("put") else {}

    answer = refused(s3double.store, getattr(s3, operation), Bucket="no-such-bucket", **params)

    assert answer.status == 404
    assert answer.error == {
        "Code": "NoSuchBucket", "Message": NO_SUCH_BUCKET, "BucketName": "no-such-bucket",
    }
