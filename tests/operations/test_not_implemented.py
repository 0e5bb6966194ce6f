"""What s3double does not model answers 501 NotImplemented naming it, and changes nothing:
a header or query parameter of a served operation, or a whole operation.
"""

from __future__ import annotations

import pytest
from s3_refusals import refused


@pytest.fixture
def stored(s3, bucket):  # noqa: ANN001, ANN201
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    return bucket


@pytest.mark.parametrize(
    ("params", "header"),
    [
        (
            {"ServerSideEncryption": "aws:kms", "SSEKMSEncryptionContext": "e30="},
            "x-amz-server-side-encryption-context",
        ),
        ({"ObjectLockEventHold": "ON"}, "x-amz-object-lock-event-hold"),
        ({"RequestPayer": "requester"}, "x-amz-request-payer"),
    ],
    ids=["sse-kms-context", "event-hold", "request-payer"],
)
def test_put_object_with_unmodelled_header(s3double, s3, bucket, params, header):
    answer = refused(s3double.store, s3.put_object, Bucket=bucket, Key="new", Body=b"x", **params)

    assert answer.status == 501
    assert answer.error["Code"] == "NotImplemented"
    assert answer.error["Header"] == header
    assert header in answer.error["Message"]
    assert s3double.store.bucket(bucket).current("new") is None


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"RequestPayer": "requester"}, "x-amz-request-payer"),
    ],
)
@pytest.mark.parametrize("operation", ["get_object", "head_object"])
def test_read_with_unmodelled_parameter(s3double, s3, stored, operation, params, parameter):
    answer = refused(s3double.store, getattr(s3, operation), Bucket=stored, Key="k", **params)

    assert answer.status == 501
    if operation == "get_object":  # HEAD answers carry no body
        assert answer.error["Code"] == "NotImplemented"
        assert parameter in answer.error["Message"]


@pytest.mark.parametrize(
    ("params", "header"),
    [
        ({"ExpectedSourceBucketOwner": "111122223333"}, "x-amz-source-expected-bucket-owner"),
        ({"RequestPayer": "requester"}, "x-amz-request-payer"),
    ],
)
def test_copy_object_with_unmodelled_header(s3double, s3, stored, params, header):
    answer = refused(
        s3double.store, s3.copy_object, Bucket=stored, Key="copy",
        CopySource={"Bucket": stored, "Key": "k"}, **params,
    )

    assert (answer.status, answer.error["Code"], answer.error["Header"]) == (
        501, "NotImplemented", header,
    )
    assert header in answer.error["Message"]


def test_listing_with_unmodelled_header(s3double, s3, stored):
    answer = refused(s3double.store, s3.list_objects_v2, Bucket=stored, RequestPayer="requester")

    assert (answer.status, answer.error["Header"]) == (501, "x-amz-request-payer")


UNMODELLED = [
    ("get_bucket_inventory_configuration", {"Id": "weekly"}, "GetBucketInventoryConfiguration"),
    ("get_object_torrent", {"Key": "k"}, "GetObjectTorrent"),
    ("get_bucket_metrics_configuration", {"Id": "all"}, "GetBucketMetricsConfiguration"),
    ("delete_bucket_analytics_configuration", {"Id": "a"}, "DeleteBucketAnalyticsConfiguration"),
    ("list_bucket_analytics_configurations", {}, "ListBucketAnalyticsConfigurations"),
]


@pytest.mark.parametrize(
    ("method", "params", "operation"),
    [pytest.param(*case, id=case[0]) for case in UNMODELLED],
)
def test_unmodelled_operation_is_named(s3double, s3, stored, method, params, operation):
    answer = refused(s3double.store, getattr(s3, method), Bucket=stored, **params)

    assert answer.status == 501
    assert answer.error["Code"] == "NotImplemented"
    assert operation in answer.error["Message"]
