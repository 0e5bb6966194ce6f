"""One double shared by many threads and many clients loses nothing."""

from __future__ import annotations

import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest

import s3double

THREADS = 16
ROUNDS = 8  # each round: one PutObject and one DeleteObject on the same key


@pytest.fixture(autouse=True)
def frequent_thread_switches():
    """Switch threads often, so requests interleave inside the double."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(previous)


@pytest.fixture
def double():
    with s3double.mock_s3() as active:
        yield active


def run_in_threads(work, clients):
    """``work(index, client)`` in THREADS threads started together; results in order."""
    barrier = threading.Barrier(len(clients))

    def start(index):
        barrier.wait(timeout=30)
        return work(index, clients[index])

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        futures = [pool.submit(start, index) for index in range(len(clients))]
        return [future.result(timeout=120) for future in futures]


def own_clients():
    # Made in this thread: creating clients from boto3's default session is not thread safe.
    return [boto3.client("s3", region_name="us-east-1") for _ in range(THREADS)]


def shared_client():
    return [boto3.client("s3", region_name="us-east-1")] * THREADS


def all_versions(client, bucket):
    versions, markers = [], []
    for page in client.get_paginator("list_object_versions").paginate(Bucket=bucket):
        versions += page.get("Versions", [])
        markers += page.get("DeleteMarkers", [])
    return versions, markers


@pytest.mark.parametrize("make_clients", [own_clients, shared_client], ids=["own", "shared"])
def test_threads_writing_and_deleting_one_versioned_key_keep_every_version(double, make_clients):
    bucket = double.store.create_bucket("busy", versioning="Enabled")
    clients = make_clients()

    def work(index, client):
        puts, markers = {}, []
        for round_ in range(ROUNDS):
            body = f"thread {index} round {round_}".encode()
            put = client.put_object(Bucket="busy", Key="hot-key", Body=body)
            puts[put["VersionId"]] = body
            deleted = client.delete_object(Bucket="busy", Key="hot-key")
            assert deleted["DeleteMarker"] is True
            markers.append(deleted["VersionId"])
        return puts, markers

    results = run_in_threads(work, clients)
    written = {version_id: body for puts, _ in results for version_id, body in puts.items()}
    marker_ids = [marker for _, markers in results for marker in markers]
    assert len(written) == THREADS * ROUNDS
    assert len(marker_ids) == len(set(marker_ids)) == THREADS * ROUNDS
    assert set(written).isdisjoint(marker_ids)

    versions, markers = all_versions(clients[0], "busy")
    assert len(versions) + len(markers) == 2 * THREADS * ROUNDS
    assert {v["VersionId"] for v in versions} == set(written)
    assert {m["VersionId"] for m in markers} == set(marker_ids)
    listed_ids = [v["VersionId"] for v in versions] + [m["VersionId"] for m in markers]
    assert len(set(listed_ids)) == len(listed_ids)
    assert sum(entry["IsLatest"] for entry in versions + markers) == 1

    # The model holds each body under the id the put answered with.
    entries = bucket.versions("hot-key")
    assert len(entries) == 2 * THREADS * ROUNDS
    stored = {e.version_id: e.body for e in entries if not e.is_delete_marker}
    assert stored == written
    # Every thread's last action was a delete, so the newest entry is a marker.
    assert entries[0].is_delete_marker
    assert entries[0].version_id in marker_ids


def test_threads_putting_distinct_keys_lose_none(double):
    double.store.create_bucket("many-keys")
    clients = own_clients()

    def work(index, client):
        keys = [f"t{index:02d}/k{n:03d}" for n in range(ROUNDS * 2)]
        for key in keys:
            client.put_object(Bucket="many-keys", Key=key, Body=key.encode())
        return keys

    expected = sorted(key for keys in run_in_threads(work, clients) for key in keys)
    listed = []
    for page in clients[0].get_paginator("list_objects_v2").paginate(Bucket="many-keys"):
        listed += [entry["Key"] for entry in page.get("Contents", [])]
    assert listed == expected
    bucket = double.store.bucket("many-keys")
    assert all(bucket.current(key).body == key.encode() for key in expected)


BATCHES = 3
BATCH_SIZE = 40


def seed_disjoint_keys(bucket):
    keys = {}
    for index in range(THREADS):
        keys[index] = [
            [f"t{index:02d}/b{batch}/k{n:03d}" for n in range(BATCH_SIZE)]
            for batch in range(BATCHES)
        ]
        for batch in keys[index]:
            for key in batch:
                bucket.put(key, key.encode())
    bucket.put("untouched/keep-me", b"keep")
    return keys


def delete_batches(bucket_name, keys):
    def work(index, client):
        deleted = []
        for batch in keys[index]:
            response = client.delete_objects(
                Bucket=bucket_name, Delete={"Objects": [{"Key": key} for key in batch]}
            )
            assert response.get("Errors", []) == []
            deleted += response["Deleted"]
        return deleted

    return work


@pytest.mark.parametrize("make_clients", [own_clients, shared_client], ids=["own", "shared"])
def test_threads_deleting_disjoint_keys_in_an_unversioned_bucket_lose_nothing(double, make_clients):
    bucket = double.store.create_bucket("purge")
    keys = seed_disjoint_keys(bucket)
    clients = make_clients()

    results = run_in_threads(delete_batches("purge", keys), clients)

    everything = sorted(key for batches in keys.values() for batch in batches for key in batch)
    reported = sorted(entry["Key"] for deleted in results for entry in deleted)
    assert reported == everything
    assert len(everything) == THREADS * BATCHES * BATCH_SIZE
    listed = clients[0].list_objects_v2(Bucket="purge")
    assert [entry["Key"] for entry in listed["Contents"]] == ["untouched/keep-me"]
    assert all(bucket.current(key) is None for key in everything)


def test_threads_deleting_disjoint_keys_in_a_versioned_bucket_leave_one_marker_each(double):
    bucket = double.store.create_bucket("purge-versioned", versioning="Enabled")
    keys = seed_disjoint_keys(bucket)
    clients = own_clients()

    results = run_in_threads(delete_batches("purge-versioned", keys), clients)

    everything = sorted(key for batches in keys.values() for batch in batches for key in batch)
    entries = [entry for deleted in results for entry in deleted]
    assert sorted(entry["Key"] for entry in entries) == everything
    assert all(entry["DeleteMarker"] is True for entry in entries)
    marker_ids = [entry["DeleteMarkerVersionId"] for entry in entries]
    assert len(set(marker_ids)) == len(marker_ids)

    versions, markers = all_versions(clients[0], "purge-versioned")
    assert len(versions) == len(everything) + 1
    assert Counter(m["Key"] for m in markers) == Counter(everything)
    assert {m["VersionId"] for m in markers} == set(marker_ids)
    for key in everything:
        stack = bucket.versions(key)
        assert [entry.is_delete_marker for entry in stack] == [True, False]
        assert stack[1].body == key.encode()
