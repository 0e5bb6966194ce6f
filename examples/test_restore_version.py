"""restore_version.py against the double: a version copied onto its own key becomes
current again, and the history keeps everything."""

from __future__ import annotations

import boto3
import pytest

from restore_version import restore_version, undo_last_write


@pytest.fixture
def s3(s3double):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="configs")
    client.put_bucket_versioning(Bucket="configs", VersioningConfiguration={"Status": "Enabled"})
    return client


def history(s3double, key):
    """(version id, body or "marker"), newest first, straight from the model."""
    return [
        (entry.version_id, "marker" if entry.is_delete_marker else entry.body)
        for entry in s3double.store.bucket("configs").versions(key)
    ]


@pytest.mark.s3double(record_headers=["x-amz-copy-source", "x-amz-metadata-directive"])
def test_an_older_version_becomes_current_again(s3double, s3):
    good = s3.put_object(Bucket="configs", Key="app.json", Body=b'{"workers": 4}',
                         Metadata={"author": "ana"})["VersionId"]
    bad = s3.put_object(Bucket="configs", Key="app.json", Body=b'{"workers": 0}')["VersionId"]

    restored = restore_version(s3, "configs", "app.json", good)

    current = s3.get_object(Bucket="configs", Key="app.json")
    assert (current["Body"].read(), current["Metadata"]) == (b'{"workers": 4}', {"author": "ana"})
    assert current["VersionId"] == restored
    assert history(s3double, "app.json") == [
        (restored, b'{"workers": 4}'), (bad, b'{"workers": 0}'), (good, b'{"workers": 4}'),
    ]
    copy = s3double.calls("CopyObject")[-1]
    assert copy.headers["x-amz-copy-source"].endswith(f"?versionId={good}")
    assert "x-amz-metadata-directive" not in copy.headers  # no directive needed


def test_undo_an_overwrite(s3double, s3):
    s3.put_object(Bucket="configs", Key="app.json", Body=b"v1")
    s3.put_object(Bucket="configs", Key="app.json", Body=b"v2")

    undo_last_write(s3, "configs", "app.json")

    assert s3double.store.bucket("configs").current("app.json").body == b"v1"


def test_undo_a_delete(s3double, s3):
    s3.put_object(Bucket="configs", Key="app.json", Body=b"v1")
    s3.delete_object(Bucket="configs", Key="app.json")

    restored = undo_last_write(s3, "configs", "app.json")

    assert [body for _, body in history(s3double, "app.json")] == [b"v1", "marker", b"v1"]
    assert s3.head_object(Bucket="configs", Key="app.json")["VersionId"] == restored


def test_nothing_to_undo(s3double, s3):
    s3.put_object(Bucket="configs", Key="app.json", Body=b"only")
    s3.put_object(Bucket="configs", Key="app.json.bak", Body=b"another key")

    assert undo_last_write(s3, "configs", "app.json") is None
    assert undo_last_write(s3, "configs", "missing.json") is None
    assert len(history(s3double, "app.json")) == 1
