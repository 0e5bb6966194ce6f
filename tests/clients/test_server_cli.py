"""The server from outside the test's process: the AWS CLI in a subprocess (fake keys
in its environment only), and ``python -m s3double serve`` as a process of its own."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys

import pytest

FAKE_KEYS = {
    "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "fake-secret",
    "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_EC2_METADATA_DISABLED": "true",
}


def aws(endpoint_url: str, *arguments: str) -> dict:
    """``aws s3api ...`` against the server; its JSON answer."""
    pytest.importorskip("awscli")
    done = subprocess.run(
        [sys.executable, "-m", "awscli", "s3api", *arguments, "--endpoint-url", endpoint_url,
         "--output", "json"],
        env={**os.environ, **FAKE_KEYS}, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip() else {}


def test_the_aws_cli_deletes_versions_through_the_server(s3double_server):
    """facts-deletes.md: a bare key gets a delete marker, a version id removes that version."""
    bucket = s3double_server.double.store.create_bucket("cli-one", versioning="Enabled")
    url = s3double_server.endpoint_url
    first = aws(url, "put-object", "--bucket", "cli-one", "--key", "a")["VersionId"]
    aws(url, "put-object", "--bucket", "cli-one", "--key", "b")
    delete = {"Objects": [{"Key": "a", "VersionId": first}, {"Key": "b"}]}

    answer = aws(url, "delete-objects", "--bucket", "cli-one", "--delete", json.dumps(delete))

    assert answer["Deleted"][0] == {"Key": "a", "VersionId": first}
    assert answer["Deleted"][1]["Key"] == "b" and answer["Deleted"][1]["DeleteMarker"] is True
    assert bucket.current("a") is None
    assert [c.operation for c in s3double_server.double.calls] == ["PutObject", "PutObject", "DeleteObjects"]


def test_python_m_s3double_serve_runs_until_interrupted():
    boto3 = pytest.importorskip("boto3")
    process = subprocess.Popen(
        [sys.executable, "-m", "s3double", "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("s3double serving S3 at http://127.0.0.1:"), line
        url = line.split(" at ", 1)[1].strip()
        s3 = boto3.client(
            "s3", endpoint_url=url, region_name="us-east-1",
            aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="fake-secret",
        )
        s3.create_bucket(Bucket="served-one")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["served-one"]
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()
    port = int(url.rsplit(":", 1)[1])
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
