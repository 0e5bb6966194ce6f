"""boto3's CRT transfer manager while a double is active: the classic manager serves the
transfer through the client, so the double answers it and nothing reaches the network."""

from __future__ import annotations

import hashlib
import io

import boto3
import pytest
from boto3.s3 import transfer

import s3double

pytest.importorskip("awscrt")
from boto3 import crt as boto3_crt

MB = 1024 * 1024


@pytest.fixture
def crt_config():
    config = transfer.TransferConfig(
        preferred_transfer_client="crt", multipart_threshold=5 * MB, multipart_chunksize=5 * MB
    )
    assert transfer._should_use_crt(config)  # boto3 would hand this transfer to the CRT
    return config


def test_crt_upload_and_download_are_served_by_the_double(crt_config):
    body = hashlib.sha256(b"crt").digest() * (6 * MB // 32)
    with s3double.mock_s3() as double:
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="crt-bucket")
        client.upload_fileobj(io.BytesIO(body), "crt-bucket", "big.bin", Config=crt_config)
        out = io.BytesIO()
        client.download_fileobj("crt-bucket", "big.bin", out, Config=crt_config)

        assert out.getvalue() == body
        assert double.store.bucket("crt-bucket").current("big.bin").body == body
        operations = [call.operation for call in double.calls()]
        assert operations[:4] == ["CreateBucket", "CreateMultipartUpload", "UploadPart", "UploadPart"]
        assert "CompleteMultipartUpload" in operations and "GetObject" in operations
    assert boto3_crt.CRT_S3_CLIENT is None  # the CRT's own client was never made


def test_crt_upload_file_and_delete(tmp_path, crt_config):
    source = tmp_path / "small.txt"
    source.write_bytes(b"a small file")
    with s3double.mock_s3() as double:
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="crt-small")
        client.put_bucket_versioning(Bucket="crt-small", VersioningConfiguration={"Status": "Enabled"})
        client.upload_file(str(source), "crt-small", "small.txt", Config=crt_config)
        client.delete_objects(Bucket="crt-small", Delete={"Objects": [{"Key": "small.txt"}]})
        versions = double.store.bucket("crt-small").versions("small.txt")
        assert [type(version).__name__ for version in versions] == ["DeleteMarker", "ObjectVersion"]
        assert versions[1].body == b"a small file"


def test_outside_a_double_boto3_still_chooses_the_crt(crt_config):
    """The wrapper changes nothing while no double is active."""
    assert getattr(transfer.create_crt_transfer_manager, "s3double", False)
    with s3double.mock_s3():
        client = boto3.client("s3", region_name="us-east-1")
        assert transfer.create_crt_transfer_manager(client, crt_config) is None
    assert transfer._should_use_crt(crt_config)
