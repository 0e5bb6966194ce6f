"""How the HTTP server reads bucket, key, region and query from a request (wire/addressing.py)."""

from __future__ import annotations

import pytest

from s3double.wire.addressing import locate, signing_region, strip_presign


@pytest.mark.parametrize(
    ("target", "host", "bucket", "key"),
    [
        ("/", "127.0.0.1:9000", None, None),
        ("/photos", "127.0.0.1:9000", "photos", None),
        ("/photos/", "localhost:9000", "photos", None),
        ("/photos/a%20b/c%2Bd", "localhost", "photos", "a b/c+d"),
        ("/a%20b", "photos.localhost:9000", "photos", "a b"),
        ("/", "photos.localhost:9000", "photos", None),
        ("/k", "my.dotted.bucket.s3.localhost", "my.dotted.bucket", "k"),
        ("/k", "photos.127.0.0.1.nip.io:80", "photos", "k"),
        ("/k", "photos.s3.us-west-2.amazonaws.com", "photos", "k"),
        ("/photos/k", "[::1]:9000", "photos", "k"),
        ("/photos/k", "example.test", "photos", "k"),  # an unknown host: path style
    ],
)
def test_bucket_and_key(target, host, bucket, key):
    found = locate(target, host)
    assert (found.bucket, found.key) == (bucket, key)


def test_a_base_host_given_to_the_server_is_virtual_hosted():
    assert locate("/k", "photos.storage.test", ["storage.test"]).bucket == "photos"


def test_presign_parameters_are_taken_out_of_the_query():
    v4 = ("versionId=v1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20250101%2Feu-west-1"
          "%2Fs3%2Faws4_request&X-Amz-Date=20250101T000000Z&X-Amz-Expires=60"
          "&X-Amz-SignedHeaders=host&X-Amz-Signature=abc")
    assert strip_presign(v4) == "versionId=v1"
    assert strip_presign("AWSAccessKeyId=AK&Signature=x%3D&Expires=1&tagging=") == "tagging="
    assert strip_presign("delete=") == "delete="


def test_the_region_is_the_signing_scope():
    header = ("AWS4-HMAC-SHA256 Credential=AK/20250101/eu-west-1/s3/aws4_request, "
              "SignedHeaders=host, Signature=abc")
    assert signing_region(header, {}) == "eu-west-1"
    presigned = {"X-Amz-Credential": "AK/20250101/ap-south-1/s3/aws4_request"}
    assert signing_region(None, presigned) == "ap-south-1"
    assert signing_region(None, {}) == "us-east-1"
    assert signing_region("AWS AK:sig", {}) == "us-east-1"
