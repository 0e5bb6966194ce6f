"""moto's mock_aws and a double at the same time: the innermost mock answers every S3
request, and the other never sees it (before, both handled each request and the client
got the answer of whichever package was imported first)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import boto3
import pytest

import s3double

moto = pytest.importorskip("moto")
requests = pytest.importorskip("requests")


def bucket_names(client):
    return sorted(bucket["Name"] for bucket in client.list_buckets()["Buckets"])


def moto_buckets():
    from moto.s3.models import s3_backends

    return sorted(name for account in s3_backends.values() for name in account["global"].buckets)


def test_double_inside_moto():
    with moto.mock_aws():
        outer = boto3.client("s3", region_name="us-east-1")
        outer.create_bucket(Bucket="moto-bucket")
        with s3double.mock_s3() as double:
            inner = boto3.client("s3", region_name="us-east-1")
            inner.create_bucket(Bucket="double-bucket")
            inner.put_object(Bucket="double-bucket", Key="k", Body=b"from the double")
            assert bucket_names(inner) == ["double-bucket"]
            assert bucket_names(outer) == ["double-bucket"]  # every client: the innermost answers
            assert moto_buckets() == ["moto-bucket"]  # moto never saw the requests
            url = inner.generate_presigned_url("get_object", Params={"Bucket": "double-bucket", "Key": "k"})
            assert requests.get(url).content == b"from the double"
            assert [call.operation for call in double.calls()][:2] == ["CreateBucket", "PutObject"]
        assert bucket_names(outer) == ["moto-bucket"]


def test_moto_inside_double():
    with s3double.mock_s3() as double:
        outer = boto3.client("s3", region_name="us-east-1")
        outer.create_bucket(Bucket="double-bucket")
        with moto.mock_aws():
            inner = boto3.client("s3", region_name="us-east-1")
            inner.create_bucket(Bucket="moto-bucket")
            inner.put_object(Bucket="moto-bucket", Key="k", Body=b"from moto")
            assert bucket_names(inner) == ["moto-bucket"]
            assert not double.active  # stepped aside
            url = inner.generate_presigned_url("get_object", Params={"Bucket": "moto-bucket", "Key": "k"})
            assert requests.get(url).content == b"from moto"
        assert double.active
        assert bucket_names(outer) == ["double-bucket"]
        assert [call.operation for call in double.calls()] == ["CreateBucket", "ListBuckets"]
        assert double.store.bucket("moto-bucket") is None


def test_moto_double_moto():
    with moto.mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="outer-moto")
        with s3double.mock_s3() as double:
            client = boto3.client("s3", region_name="us-east-1")
            client.create_bucket(Bucket="in-double")
            with moto.mock_aws():
                assert bucket_names(boto3.client("s3", region_name="us-east-1")) == ["outer-moto"]
            assert bucket_names(client) == ["in-double"]  # moto's inner mock left: the double again
            assert double.store.bucket("in-double") is not None
        assert moto_buckets() == ["outer-moto"]


def test_moto_imported_before_s3double(tmp_path):
    """In a fresh interpreter moto is imported first: the double still answers, alone."""
    script = textwrap.dedent(
        """
        import socket
        def refuse(*a, **k): raise AssertionError("network")
        socket.socket.connect = refuse; socket.getaddrinfo = refuse
        import moto, boto3
        from moto import mock_aws
        import s3double
        from botocore.handlers import BUILTIN_HANDLERS
        from s3double.wire.hook import before_send
        sends = [h for e, h, *_ in BUILTIN_HANDLERS if e == "before-send"]
        assert sends[0] is before_send, sends
        with mock_aws():
            with s3double.mock_s3() as double:
                c = boto3.client("s3", region_name="us-east-1")
                c.create_bucket(Bucket="only-in-double")
                assert double.store.bucket("only-in-double") is not None
            assert boto3.client("s3", region_name="us-east-1").list_buckets()["Buckets"] == []
        print("ok")
        """
    )
    env = {"AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.stdout.strip() == "ok", result.stderr
