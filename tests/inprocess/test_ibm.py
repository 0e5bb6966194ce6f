"""ibm_boto3 (ibm-cos-sdk) in-process, through its own botocore fork: deletes as S3 does
them (versions, delete markers, Quiet, the 1,000-key limit), the same double and record."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import s3double
from s3double.model.versions import DeleteMarker, ObjectVersion

ibm_boto3 = pytest.importorskip("ibm_boto3")
from ibm_botocore.client import Config  # noqa: E402
from ibm_botocore.exceptions import ClientError  # noqa: E402

IBM_ENDPOINT = "https://s3.us-south.cloud-object-storage.appdomain.cloud"


@pytest.fixture
def double():
    with s3double.mock_s3() as active:
        yield active


@pytest.fixture
def cos(double):
    """A client as IBM's documentation makes one: an API key and a service instance."""
    return ibm_boto3.client(
        "s3",
        region_name="us-east-1",
        endpoint_url=IBM_ENDPOINT,
        ibm_api_key_id="not-a-real-key",
        ibm_service_instance_id="crn:v1:bluemix:public:cloud-object-storage:global:a/0::",
        config=Config(signature_version="oauth"),
    )


@pytest.fixture
def versioned(cos):
    cos.create_bucket(Bucket="cos-versioned")
    cos.put_bucket_versioning(Bucket="cos-versioned", VersioningConfiguration={"Status": "Enabled"})
    return "cos-versioned"


def test_delete_objects_with_versions_and_markers(double, cos, versioned):
    first = cos.put_object(Bucket=versioned, Key="report", Body=b"v1")["VersionId"]
    second = cos.put_object(Bucket=versioned, Key="report", Body=b"v2")["VersionId"]
    cos.put_object(Bucket=versioned, Key="notes", Body=b"n")

    response = cos.delete_objects(
        Bucket=versioned,
        Delete={"Objects": [{"Key": "report", "VersionId": first}, {"Key": "notes"}]},
    )
    deleted = {entry["Key"]: entry for entry in response["Deleted"]}
    assert deleted["report"] == {"Key": "report", "VersionId": first}
    assert deleted["notes"]["DeleteMarker"] is True
    marker = deleted["notes"]["DeleteMarkerVersionId"]

    bucket = double.store.bucket(versioned)
    assert [version.version_id for version in bucket.versions("report")] == [second]
    assert isinstance(bucket.current("notes"), DeleteMarker)

    # Deleting the marker by its version id brings the object back.
    undone = cos.delete_objects(Bucket=versioned, Delete={"Objects": [{"Key": "notes", "VersionId": marker}]})
    assert undone["Deleted"] == [
        {"Key": "notes", "VersionId": marker, "DeleteMarker": True, "DeleteMarkerVersionId": marker}
    ]
    assert isinstance(bucket.current("notes"), ObjectVersion)
    assert [call.operation for call in double.calls("DeleteObjects")] == ["DeleteObjects", "DeleteObjects"]


def test_quiet_mode_reports_only_errors(double, cos, versioned):
    cos.put_object(Bucket=versioned, Key="keep", Body=b"k")
    cos.put_object(Bucket=versioned, Key="drop", Body=b"d")
    double.faults.fail_keys("AccessDenied", keys=["keep"])
    response = cos.delete_objects(
        Bucket=versioned, Delete={"Objects": [{"Key": "keep"}, {"Key": "drop"}], "Quiet": True}
    )
    assert "Deleted" not in response
    assert [(error["Key"], error["Code"]) for error in response["Errors"]] == [("keep", "AccessDenied")]
    assert isinstance(double.store.bucket(versioned).current("drop"), DeleteMarker)
    call = double.calls("DeleteObjects")[-1]
    assert {outcome.key for outcome in call.deleted} == {"drop"}


def test_the_1000_key_limit(double, cos):
    cos.create_bucket(Bucket="cos-many")
    keys = [{"Key": f"k{index:04d}"} for index in range(1001)]
    with pytest.raises(ClientError) as raised:
        cos.delete_objects(Bucket="cos-many", Delete={"Objects": keys})
    assert raised.value.response["Error"]["Code"] == "MalformedXML"
    response = cos.delete_objects(Bucket="cos-many", Delete={"Objects": keys[:1000]})
    assert len(response["Deleted"]) == 1000
    assert [len(call.identifiers) for call in double.calls("DeleteObjects") if call.status == 200] == [1000]


def test_the_service_instance_header_is_not_refused_but_other_ibm_headers_are(cos):
    cos.create_bucket(Bucket="cos-plain")  # sends ibm-service-instance-id
    with pytest.raises(ClientError) as raised:
        cos.create_bucket(
            Bucket="cos-key-protect",
            IBMSSEKPEncryptionAlgorithm="AES256",
            IBMSSEKPCustomerRootKeyCrn="crn:v1:bluemix:public:kms:us-south:a/0:0:key:0",
        )
    assert raised.value.response["Error"]["Code"] == "NotImplemented"


def test_default_client_needs_no_credentials(double):
    client = ibm_boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="cos-default")
    assert [bucket["Name"] for bucket in client.list_buckets()["Buckets"]] == ["cos-default"]


def test_ibm_imported_before_s3double():
    script = textwrap.dedent(
        """
        import socket
        def refuse(*a, **k): raise AssertionError("network")
        socket.socket.connect = refuse; socket.getaddrinfo = refuse
        import ibm_boto3
        early = ibm_boto3.session.Session(region_name="us-east-1").client("s3")
        import s3double
        from s3double import UnservedRequestError
        with s3double.mock_s3() as double:
            ibm_boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="made-after")
            assert double.store.bucket("made-after") is not None
            try:
                early.list_buckets()
            except UnservedRequestError as refused:
                assert "before s3double was imported" in str(refused)
            else:
                raise AssertionError("a client made before import s3double reached no guard")
        print("ok")
        """
    )
    env = {
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        "PATH": "",
        "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "example",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.stdout.strip() == "ok", result.stderr
