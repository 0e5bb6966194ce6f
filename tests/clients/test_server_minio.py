"""MinIO's Python SDK (the ``clients`` extra) through the HTTP server: its own SigV4
signer, checked by the server, and DeleteObjects (``remove_objects``) on a versioned
bucket (tests/data/aws/facts-deletes.md)."""

from __future__ import annotations

import io

import pytest

minio = pytest.importorskip("minio")
from minio.deleteobjects import DeleteObject  # noqa: E402


@pytest.fixture
def mc(s3double_server):  # noqa: ANN001
    return minio.Minio(
        f"127.0.0.1:{s3double_server.port}", access_key="AKIDEXAMPLE", secret_key="fake-secret",
        secure=False, region="us-east-1",
    )


@pytest.mark.s3double_server(credentials={"AKIDEXAMPLE": "fake-secret"})
def test_minio_deletes_versions_and_keys(s3double_server, mc):
    mc.make_bucket("minio-one")
    mc.set_bucket_versioning("minio-one", minio.versioningconfig.VersioningConfig("Enabled"))
    first = mc.put_object("minio-one", "a", io.BytesIO(b"1"), 1).version_id
    mc.put_object("minio-one", "a", io.BytesIO(b"2"), 1)
    mc.put_object("minio-one", "dir/b c", io.BytesIO(b"3"), 1)

    errors = list(mc.remove_objects(
        "minio-one",
        [DeleteObject("a", first), DeleteObject("dir/b c"), DeleteObject("x", "no-such-version")],
    ))

    assert errors == []  # MinIO drops NoSuchVersion from what it yields; the record has it
    (delete,) = [call for call in s3double_server.double.calls if call.operation == "DeleteObjects"]
    assert [getattr(outcome, "code", None) for outcome in delete.outcomes] == [None, None, "NoSuchVersion"]
    bucket = s3double_server.double.store.bucket("minio-one")
    assert first not in [version.version_id for version in bucket.versions("a")]
    assert len(bucket.versions("a")) == 1
    listed = list(mc.list_objects("minio-one", recursive=True, include_version=True))
    markers = [entry.object_name for entry in listed if entry.is_delete_marker]
    assert markers == ["dir/b c"]
    assert mc.get_object("minio-one", "a").read() == b"2"
    served = {call.operation: call.status for call in s3double_server.double.calls}
    assert served["DeleteObjects"] == 200 and 403 not in served.values()


@pytest.mark.s3double_server(credentials={"AKIDEXAMPLE": "fake-secret"})
def test_minio_with_the_wrong_secret_is_refused(s3double_server):
    wrong = minio.Minio(
        f"127.0.0.1:{s3double_server.port}", access_key="AKIDEXAMPLE", secret_key="not-it",
        secure=False, region="us-east-1",
    )
    with pytest.raises(minio.error.S3Error) as refused:
        wrong.make_bucket("minio-one")
    assert refused.value.code == "SignatureDoesNotMatch"
    assert s3double_server.double.store.bucket("minio-one") is None
