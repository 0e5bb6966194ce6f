"""obstore (Python bindings of Rust's object_store crate: its own HTTP client, SigV4 and
XML) deleting through the server.

``obstore.delete`` sends every delete as DeleteObjects, in batches of at most 1,000
keys, not quiet, with Content-MD5 and an x-amz-checksum-sha256; a per-key error fails
the call naming the key. It deletes by key only (no version ids), so in a versioned
bucket each delete adds a marker."""

from __future__ import annotations

import datetime as dt

import pytest
from clients_support import batches, kinds, seed_versioned

# The tests read the headers each client sent: the full call record keeps them.
pytestmark = pytest.mark.s3double(record="full")

obstore = pytest.importorskip("obstore", reason="the clients extra installs obstore")
from obstore.store import S3Store  # noqa: E402

KEY, SECRET = "AKIDOBSTORE", "obstore-secret"


def store_for(server, bucket, secret=SECRET):
    return S3Store(
        bucket,
        endpoint=server.endpoint_url,
        region="us-east-1",
        access_key_id=KEY,
        secret_access_key=secret,
        virtual_hosted_style_request=False,
        client_options={"allow_http": True, "timeout": "20s", "connect_timeout": "5s"},
        retry_config={"max_retries": 0, "retry_timeout": dt.timedelta(seconds=5)},
    )


def test_put_list_get_and_bulk_delete(s3double_server):
    s3double_server.store.create_bucket("plain")
    store = store_for(s3double_server, "plain")
    for name in ("logs/a b.txt", "logs/ü+x=1", "keep"):
        obstore.put(store, name, name.encode())
    listed = [meta["path"] for page in obstore.list(store, prefix="logs") for meta in page]
    assert sorted(listed) == ["logs/a b.txt", "logs/ü+x=1"]
    assert bytes(obstore.get(store, "logs/ü+x=1").bytes()) == "logs/ü+x=1".encode()

    obstore.delete(store, [*listed, "never-there"])
    bucket = s3double_server.store.bucket("plain")
    assert bucket.current("logs/a b.txt") is None and bucket.current("keep").body == b"keep"
    (call,) = s3double_server.calls("DeleteObjects")
    assert not call.document.quiet and "content-md5" in call.headers
    assert sorted(key for key, _ in call.identifiers) == ["logs/a b.txt", "logs/ü+x=1", "never-there"]
    assert len(call.deleted) == 3  # a missing key is deleted too, as on S3


def test_batches_of_1000(s3double_server):
    bucket = s3double_server.store.create_bucket("many")
    names = [f"part-{index:05}" for index in range(2100)]
    for name in names:
        bucket.put(name, b"x")
    obstore.delete(store_for(s3double_server, "many"), names)
    assert sorted(batches(s3double_server)) == [100, 1000, 1000]
    assert all(bucket.current(name) is None for name in names)


def test_deletes_in_a_versioned_bucket_add_delete_markers(s3double_server):
    bucket, ids = seed_versioned(s3double_server)
    obstore.delete(store_for(s3double_server, "versioned"), ["a", "b"])
    assert kinds(bucket, "a") == ["DeleteMarker", "ObjectVersion", "ObjectVersion"]
    assert kinds(bucket, "b") == ["DeleteMarker", "ObjectVersion", "ObjectVersion"]
    assert [v.version_id for v in bucket.versions("c")] == ids["c"]
    with pytest.raises(FileNotFoundError):
        obstore.get(store_for(s3double_server, "versioned"), "a")


def test_a_per_key_error_fails_the_call_naming_the_key(s3double_server):
    bucket = s3double_server.store.create_bucket("plain")
    for name in ("ok", "refused"):
        bucket.put(name, b"x")
    s3double_server.faults.fail_keys("AccessDenied", keys=["refused"])
    with pytest.raises(Exception, match=r"refused.*AccessDenied"):
        obstore.delete(store_for(s3double_server, "plain"), ["ok", "refused"])
    assert bucket.current("ok") is None and bucket.current("refused").body == b"x"


@pytest.mark.s3double_server(credentials={KEY: SECRET})
def test_signatures_verified(s3double_server):
    """object_store's SigV4 passes the server's verification; a wrong secret fails."""
    s3double_server.store.create_bucket("signed")
    store = store_for(s3double_server, "signed")
    obstore.put(store, "odd key (1).txt", b"v")
    obstore.delete(store, ["odd key (1).txt"])
    assert s3double_server.store.bucket("signed").current("odd key (1).txt") is None
    with pytest.raises(Exception, match="SignatureDoesNotMatch"):
        obstore.put(store_for(s3double_server, "signed", secret="wrong"), "k", b"v")
