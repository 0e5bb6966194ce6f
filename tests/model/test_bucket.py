"""Bucket: versioning states and PUT (s3double/model/bucket.py).

S3 user guide, "Using versioning in S3 buckets": a bucket starts unversioned;
once Enabled it moves only between Enabled and Suspended. Enabled PUTs add a
version with a fresh id; unversioned and Suspended PUTs write the ``null``
version, replacing the previous ``null`` version only.
"""

from __future__ import annotations

import datetime as _dt

import pytest
from model_helpers import EPOCH, MakeBucket, history

from s3double.model import NULL_VERSION_ID, ControlledClock, DeleteMarker, VersioningState
from s3double.model.versions import etag_of

ENABLED, SUSPENDED, UNVERSIONED = (VersioningState.ENABLED, VersioningState.SUSPENDED,
                                   VersioningState.UNVERSIONED)


def test_a_new_bucket_is_unversioned_and_empty(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()
    assert bucket.versioning is UNVERSIONED
    assert bucket.is_empty()
    assert bucket.current("k") is None and bucket.versions("k") == []


def test_unversioned_put_replaces_the_object(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()
    bucket.put("k", b"first")
    second = bucket.put("k", b"second")
    assert second.version_id == NULL_VERSION_ID
    assert bucket.versions("k") == [second]
    assert bucket.current("k") is second
    assert bucket.version("k", NULL_VERSION_ID) is second


def test_enabled_put_adds_a_version_with_a_fresh_id(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    puts = [bucket.put("k", f"body {n}".encode()) for n in range(5)]
    ids = [version.version_id for version in puts]
    assert len(set(ids)) == len(ids) and NULL_VERSION_ID not in ids
    assert bucket.versions("k") == puts[::-1]
    assert bucket.current("k") is puts[-1]
    assert all(bucket.version("k", version_id) is put for version_id, put in zip(ids, puts, strict=True))


def test_enabling_keeps_the_old_object_as_the_null_version(make_bucket: MakeBucket) -> None:
    """User guide: objects stored before versioning was enabled have version id ``null``."""
    bucket = make_bucket()
    before = bucket.put("k", b"old")
    bucket.set_versioning(ENABLED)
    after = bucket.put("k", b"new")
    assert bucket.versions("k") == [after, before]
    assert before.version_id == NULL_VERSION_ID != after.version_id


def test_suspended_put_replaces_only_the_null_version(make_bucket: MakeBucket) -> None:
    """User guide, "Adding objects to versioning-suspended buckets": the new object is
    the ``null`` version and overwrites an existing ``null`` version; versions with
    ids stay."""
    bucket = make_bucket("Enabled")
    older = [bucket.put("k", b"v1"), bucket.put("k", b"v2")]
    bucket.set_versioning(SUSPENDED)
    bucket.put("k", b"n1")
    latest = bucket.put("k", b"n2")
    assert latest.version_id == NULL_VERSION_ID
    assert bucket.versions("k") == [latest, *older[::-1]]


def test_suspended_put_replaces_a_null_version_buried_under_newer_ones(
    make_bucket: MakeBucket,
) -> None:
    bucket = make_bucket()
    bucket.put("k", b"pre-versioning")  # the null version
    bucket.set_versioning(ENABLED)
    kept = bucket.put("k", b"v1")
    bucket.set_versioning(SUSPENDED)
    latest = bucket.put("k", b"n")
    assert bucket.versions("k") == [latest, kept]


def test_suspended_put_replaces_a_null_delete_marker(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Suspended")
    bucket.add_delete_marker("k", EPOCH)
    latest = bucket.put("k", b"back")
    assert bucket.versions("k") == [latest]


def test_suspended_put_leaves_other_keys_alone(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Suspended")
    other = bucket.put("other", b"x")
    bucket.put("k", b"1")
    bucket.put("k", b"2")
    assert bucket.versions("other") == [other]


@pytest.mark.parametrize("start", [None, "Enabled", "Suspended"])
def test_versioning_cannot_go_back_to_unversioned(make_bucket: MakeBucket,
                                                   start: str | None) -> None:
    bucket = make_bucket(start)
    before = bucket.versioning
    with pytest.raises(ValueError):
        bucket.set_versioning(UNVERSIONED)
    assert bucket.versioning is before


@pytest.mark.parametrize("path", [[ENABLED, SUSPENDED, ENABLED], [SUSPENDED, ENABLED, SUSPENDED]])
def test_versioning_moves_between_enabled_and_suspended(make_bucket: MakeBucket,
                                                        path: list[VersioningState]) -> None:
    bucket = make_bucket()
    kept = bucket.put("k", b"x")
    for state in path:
        bucket.set_versioning(state)
        assert bucket.versioning is state
        assert bucket.version("k", NULL_VERSION_ID) is kept


def test_issued_knows_every_id_this_bucket_gave_out(make_bucket: MakeBucket) -> None:
    bucket, other = make_bucket("Enabled"), make_bucket("Enabled")
    given = [bucket.put("k", b"x").version_id, bucket.add_delete_marker("k", EPOCH).version_id]
    elsewhere = other.put("k", b"x").version_id
    assert all(bucket.issued(version_id) for version_id in given)
    assert bucket.issued(NULL_VERSION_ID), "null always counts"
    assert not bucket.issued(elsewhere), "ids are per bucket"
    assert not bucket.issued("A" * 32)


def test_an_id_stays_issued_after_its_version_is_removed(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    version_id = bucket.put("k", b"x").version_id
    bucket.remove("k", version_id)
    assert bucket.issued(version_id)


@pytest.mark.parametrize(("versioning", "fresh_id"), [("Enabled", True), ("Suspended", False)])
def test_add_delete_marker_puts_a_marker_on_top(make_bucket: MakeBucket, versioning: str,
                                                fresh_id: bool) -> None:
    """Enabled: a marker with a new id on top of the versions. Suspended: a marker
    with id ``null`` that takes the ``null`` object's place."""
    bucket = make_bucket(versioning)
    put = bucket.put("k", b"x")
    when = EPOCH + _dt.timedelta(hours=1)
    dm = bucket.add_delete_marker("k", when)
    assert isinstance(dm, DeleteMarker) and dm.last_modified == when
    assert bucket.current("k") is dm
    assert (dm.version_id != NULL_VERSION_ID) is fresh_id
    assert bucket.versions("k") == ([dm, put] if fresh_id else [dm])


def test_put_defaults_etag_and_time_from_body_and_clock(make_bucket: MakeBucket,
                                                        clock: ControlledClock) -> None:
    bucket = make_bucket("Enabled")
    clock.advance(90)
    version = bucket.put("k", b"payload")
    assert version.etag == etag_of(b"payload")
    assert version.last_modified == clock.now()
    assert version.content_type == "binary/octet-stream", "S3's default Content-Type"
    assert dict(version.metadata) == {} and version.checksum is None


def test_put_keeps_what_it_is_given(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()
    when = EPOCH - _dt.timedelta(days=3)
    version = bucket.put("k", b"x", etag='"given"', now=when, content_type="text/plain",
                         metadata={"colour": "blue"}, headers=(("Cache-Control", "no-cache"),))
    assert (version.etag, version.last_modified, version.content_type) == ('"given"', when,
                                                                          "text/plain")
    assert dict(version.metadata) == {"colour": "blue"}
    assert version.headers == (("Cache-Control", "no-cache"),)


@pytest.mark.parametrize("versioning", [None, "Enabled", "Suspended"])
def test_removing_the_last_entry_empties_the_key(make_bucket: MakeBucket,
                                                 versioning: str | None) -> None:
    bucket = make_bucket(versioning)
    version = bucket.put("k", b"x")
    assert bucket.remove("k", version.version_id) is version
    assert bucket.remove("k", version.version_id) is None
    assert history(bucket, "k") == [] and bucket.current("k") is None
    assert bucket.is_empty()


def test_an_unversioned_bucket_knows_only_the_null_version(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()
    bucket.put("k", b"x")
    assert bucket.version("k", "A" * 32) is None
    assert bucket.remove("k", "A" * 32) is None
    assert history(bucket, "k") == [(NULL_VERSION_ID, False)]
