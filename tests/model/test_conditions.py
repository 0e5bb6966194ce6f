"""Conditional deletes in the model: refused deletes change nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from s3double.model import Store
from s3double.model.conditions import DeleteCondition, condition_refusal
from s3double.model.deletion import delete_key
from s3double.model.outcomes import Deleted, Refusal, Refused


@pytest.fixture
def bucket():
    bucket = Store(version_id_seed=1).create_bucket("cond", versioning="Enabled")
    bucket.put("k", b"body")
    return bucket


def etag(bucket, key="k"):
    return bucket.current(key).etag


@pytest.mark.parametrize("quoted", [True, False])
def test_a_matching_etag_deletes(bucket, quoted):
    value = etag(bucket) if quoted else etag(bucket).strip('"')
    outcome = delete_key(
        bucket, "k", condition=DeleteCondition.for_etag(value), now=bucket.current("k").last_modified
    )
    assert isinstance(outcome, Deleted) and outcome.delete_marker


def test_a_wrong_etag_is_refused_and_changes_nothing(bucket):
    before = bucket.versions("k")
    outcome = delete_key(
        bucket, "k", condition=DeleteCondition.for_etag('"abc"'), now=before[0].last_modified
    )
    assert outcome == Refused("k", None, Refusal.PRECONDITION_FAILED)
    assert bucket.versions("k") == before


def test_star_matches_any_existing_object_only(bucket):
    assert condition_refusal(bucket, "k", DeleteCondition(etag="*")) is None
    assert condition_refusal(bucket, "missing", DeleteCondition(etag="*")) is Refusal.NO_SUCH_KEY


def test_a_current_delete_marker_counts_as_missing(bucket):
    bucket.add_delete_marker("k")
    assert condition_refusal(bucket, "k", DeleteCondition(etag="*")) is Refusal.NO_SUCH_KEY


def test_size_and_time_conditions(bucket):
    current = bucket.current("k")
    assert condition_refusal(bucket, "k", DeleteCondition(size=4)) is None
    assert condition_refusal(bucket, "k", DeleteCondition(size=5)) is Refusal.PRECONDITION_FAILED
    same_second = current.last_modified.replace(microsecond=0)
    assert condition_refusal(bucket, "k", DeleteCondition(last_modified=same_second)) is None
    later = same_second + dt.timedelta(seconds=1)
    assert condition_refusal(bucket, "k", DeleteCondition(last_modified=later)) is Refusal.PRECONDITION_FAILED
    # On a missing key, size and time conditions do not refuse the delete.
    assert condition_refusal(bucket, "missing", DeleteCondition(size=1, last_modified=later)) is None
