"""The "empty a versioned bucket" routine under test with the s3double fixture.

Run with: pytest examples/
"""

from __future__ import annotations

import boto3

from empty_bucket import empty_bucket


def test_empties_every_version_and_marker(s3double):
    bucket = s3double.store.create_bucket("photos", versioning="Enabled")
    for index in range(1500):  # seeded straight into the model: fast
        bucket.put(f"img/{index:05}.jpg", b"v1")
        bucket.put(f"img/{index:05}.jpg", b"v2")
    for index in range(0, 1500, 3):
        bucket.add_delete_marker(f"img/{index:05}.jpg")

    s3 = boto3.client("s3", region_name="us-east-1")
    deleted, errors = empty_bucket(s3, "photos")

    assert errors == []
    assert deleted == 3000 + 500
    assert "Versions" not in s3.list_object_versions(Bucket="photos")
    s3.delete_bucket(Bucket="photos")  # S3 refuses while any version or marker remains


def test_batches_never_exceed_1000_keys(s3double):
    bucket = s3double.store.create_bucket("logs", versioning="Enabled")
    for index in range(2001):
        bucket.put(f"log-{index}", b".")
    sizes = []
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.meta.events.register(
        "before-parameter-build.s3.DeleteObjects",
        lambda params, **_: sizes.append(len(params["Delete"]["Objects"])),
    )
    empty_bucket(s3, "logs")
    assert sizes == [1000, 1000, 1]
