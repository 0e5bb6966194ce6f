"""Shared fixtures: a boto3 client made the ordinary way, served by the active double."""

from __future__ import annotations

import os
import socket

import pytest

# No test may depend on the machine's AWS configuration.
for _name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
              "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
    os.environ.pop(_name, None)
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--s3double-profile", choices=("normal", "long"), default="normal",
        help="hypothesis profile for tests/properties: long runs 20x the examples",
    )


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Every test: any attempt to open a socket (or resolve a name) fails it."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"a test tried to reach the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def s3(s3double):  # noqa: ANN001 - the plugin's fixture
    """A plain boto3 S3 client (default settings) while ``s3double`` is active."""
    boto3 = pytest.importorskip("boto3")
    return boto3.client("s3", region_name="us-east-1")


@pytest.fixture
def bucket(s3):  # noqa: ANN001
    """An unversioned bucket named ``bucket-one``, made through the API."""
    s3.create_bucket(Bucket="bucket-one")
    return "bucket-one"


@pytest.fixture
def versioned_bucket(s3):  # noqa: ANN001
    s3.create_bucket(Bucket="versioned-one")
    s3.put_bucket_versioning(Bucket="versioned-one", VersioningConfiguration={"Status": "Enabled"})
    return "versioned-one"
