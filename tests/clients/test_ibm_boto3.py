"""``ibm_boto3`` (the ``ibm-cos-sdk`` package, which bundles its own botocore fork,
``ibm_botocore``) deleting through the server with HMAC credentials (SigV4)."""

from __future__ import annotations

import pytest
from clients_support import batches, kinds, seed_versioned

ibm_boto3 = pytest.importorskip("ibm_boto3", reason="the clients extra installs ibm-cos-sdk")
from ibm_botocore.client import Config  # noqa: E402
from ibm_botocore.exceptions import ClientError  # noqa: E402

KEY, SECRET = "AKIDIBMCOS", "ibm-hmac-secret"


def session_args(server, secret=SECRET):
    return {
        "endpoint_url": server.endpoint_url,
        "aws_access_key_id": KEY,
        "aws_secret_access_key": secret,
        "region_name": "us-east-1",
        "config": Config(
            signature_version="s3v4", retries={"max_attempts": 1}, connect_timeout=5, read_timeout=20
        ),
    }


@pytest.fixture
def client(s3double_server):
    return ibm_boto3.client("s3", **session_args(s3double_server))


def test_delete_objects_with_versions_markers_and_quiet(client, s3double_server):
    bucket, ids = seed_versioned(s3double_server)
    response = client.delete_objects(
        Bucket="versioned",
        Delete={
            "Objects": [
                {"Key": "a", "VersionId": ids["a"][0]},
                {"Key": "b"},
            ]
        },
    )
    deleted = {entry["Key"]: entry for entry in response["Deleted"]}
    assert deleted["a"]["VersionId"] == ids["a"][0] and deleted["b"]["DeleteMarker"] is True
    assert bucket.current("a").version_id == ids["a"][1]
    assert kinds(bucket, "b") == ["DeleteMarker", "ObjectVersion", "ObjectVersion"]

    s3double_server.faults.fail_keys("InternalError", keys=["c"], times=1)
    quiet = client.delete_objects(
        Bucket="versioned",
        Delete={
            "Quiet": True,
            "Objects": [
                {"Key": "b", "VersionId": deleted["b"]["DeleteMarkerVersionId"]},
                {"Key": "c"},
            ],
        },
    )
    assert "Deleted" not in quiet and [(e["Key"], e["Code"]) for e in quiet["Errors"]] == [
        ("c", "InternalError")
    ]
    assert bucket.current("b").body == b"new b"
    assert kinds(bucket, "c") == ["ObjectVersion", "ObjectVersion"]


def test_the_1000_key_limit(client, s3double_server):
    s3double_server.store.create_bucket("many").put("k0", b"x")
    with pytest.raises(ClientError) as raised:
        client.delete_objects(Bucket="many", Delete={"Objects": [{"Key": f"k{i}"} for i in range(1001)]})
    assert raised.value.response["Error"]["Code"] == "MalformedXML"
    assert s3double_server.store.bucket("many").current("k0").body == b"x"


def test_resource_batch_delete_of_every_version(s3double_server):
    """Emptying a versioned bucket with the resource API: pages of versions, each page
    one DeleteObjects call."""
    bucket, _ = seed_versioned(s3double_server, keys=[f"k{index:04}" for index in range(600)])
    resource = ibm_boto3.resource("s3", **session_args(s3double_server))
    resource.Bucket("versioned").object_versions.delete()
    assert all(bucket.versions(f"k{index:04}") == [] for index in range(600))
    assert batches(s3double_server) == [1000, 200]
    assert bucket.is_empty()


@pytest.mark.s3double_server(credentials={KEY: SECRET})
def test_signatures_verified(s3double_server):
    s3double_server.store.create_bucket("signed").put("k", b"v")
    ibm_boto3.client("s3", **session_args(s3double_server)).delete_object(Bucket="signed", Key="k")
    assert s3double_server.store.bucket("signed").current("k") is None
    wrong = ibm_boto3.client("s3", **session_args(s3double_server, secret="wrong"))
    with pytest.raises(ClientError) as raised:
        wrong.list_buckets()
    assert raised.value.response["Error"]["Code"] == "SignatureDoesNotMatch"


def test_a_call_of_a_double_that_ended_answers_no_later_request(s3double_server):
    """A fork whose prepared requests carry no context (ibm_botocore) is matched to its
    call by thread; a call made under a double that has ended must not answer it."""
    import boto3

    import s3double

    with s3double.mock_s3():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="in-process")
    s3double_server.store.create_bucket("served")
    client = ibm_boto3.client("s3", **session_args(s3double_server))
    assert client.list_objects_v2(Bucket="served")["KeyCount"] == 0
    assert [call.operation for call in s3double_server.calls()] == ["ListObjectsV2"]
