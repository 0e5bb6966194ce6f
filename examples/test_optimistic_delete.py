"""The optimistic-concurrency delete of optimistic_delete.py, against the double: a
write that lands between the read and the delete is never lost."""

from __future__ import annotations

import boto3
import pytest

from optimistic_delete import delete_if_unchanged, expire_if_stale


@pytest.fixture
def s3(s3double):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="jobs")
    return client


def test_an_unchanged_object_is_deleted(s3double, s3):
    etag = s3.put_object(Bucket="jobs", Key="lock", Body=b"held")["ETag"]

    assert delete_if_unchanged(s3, "jobs", "lock", etag)
    assert s3double.store.bucket("jobs").current("lock") is None


def test_a_changed_object_stays(s3double, s3):
    etag = s3.put_object(Bucket="jobs", Key="lock", Body=b"held by A")["ETag"]
    s3.put_object(Bucket="jobs", Key="lock", Body=b"held by B")  # another writer

    assert not delete_if_unchanged(s3, "jobs", "lock", etag)
    assert s3double.store.bucket("jobs").current("lock").body == b"held by B"
    assert s3double.calls("DeleteObject")[-1].status == 412


def test_a_write_between_read_and_delete_is_kept_and_rechecked(s3double, s3):
    s3.put_object(Bucket="jobs", Key="task", Body=b"done")
    decisions = []

    def is_stale(body):
        decisions.append(body)
        if len(decisions) == 1:  # a worker picks the task up again while we decide
            s3.put_object(Bucket="jobs", Key="task", Body=b"running")
        return body == b"done"

    assert not expire_if_stale(s3, "jobs", "task", is_stale)
    assert decisions == [b"done", b"running"]  # the 412 sent us back to read again
    assert s3double.store.bucket("jobs").current("task").body == b"running"


def test_a_stale_object_is_expired(s3double, s3):
    s3.put_object(Bucket="jobs", Key="task", Body=b"done")

    assert expire_if_stale(s3, "jobs", "task", lambda body: body == b"done")
    assert not expire_if_stale(s3, "jobs", "task", lambda body: True)  # already gone
