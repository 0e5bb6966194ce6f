"""What the client tests share: a versioned bucket seeded in the model, and checks on
what the server recorded."""

from __future__ import annotations

FAKE_ENV = {  # credentials for subprocess clients: fake, and in their environment only
    "AWS_ACCESS_KEY_ID": "AKIDCLIENTTEST",
    "AWS_SECRET_ACCESS_KEY": "client-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def seed_versioned(server, name="versioned", keys=("a", "b", "c")):
    """A versioned bucket holding two versions of each key: {key: [newest id, oldest id]}."""
    bucket = server.store.create_bucket(name, versioning="Enabled")
    ids = {}
    for key in keys:
        old = bucket.put(key, b"old " + key.encode()).version_id
        new = bucket.put(key, b"new " + key.encode()).version_id
        ids[key] = [new, old]
    return bucket, ids


def kinds(bucket, key):
    """The key's history, newest first, as kinds: ["DeleteMarker", "ObjectVersion", ...]."""
    return [type(entry).__name__ for entry in bucket.versions(key)]


def batches(server):
    """How many keys each DeleteObjects request named."""
    return [len(call.identifiers) for call in server.calls("DeleteObjects")]
