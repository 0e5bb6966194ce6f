"""delete_key: each key's fate in a delete (s3double/model/deletion.py).

S3 user guide, "Deleting object versions from a versioning-enabled bucket" and
"Deleting objects from versioning-suspended buckets"; response shapes as recorded
from AWS (DeleteObject headers, DeleteObjects ``<Deleted>`` entries).
"""

from __future__ import annotations

import datetime as _dt

import pytest
from model_helpers import EPOCH, MakeBucket, history, snapshot

from s3double.model import NULL_VERSION_ID, Bucket, Deleted, Refusal, Refused, VersioningState
from s3double.model.deletion import delete_key

WHEN = EPOCH + _dt.timedelta(minutes=5)
STATES = pytest.mark.parametrize("versioning", [None, "Enabled", "Suspended"])


def delete(bucket: Bucket, key: str, version_id: str | None = None) -> Deleted | Refused:
    return delete_key(bucket, key, version_id, now=WHEN)


# -- no version id ---------------------------------------------------------------


@pytest.mark.parametrize("exists", [True, False], ids=["existing", "missing"])
def test_unversioned_delete_removes_the_key_and_always_succeeds(make_bucket: MakeBucket,
                                                                exists: bool) -> None:
    """A key that does not exist is still reported as deleted (``<Deleted><Key>``)."""
    bucket = make_bucket()
    neighbour = bucket.put("neighbour", b"n")
    if exists:
        bucket.put("k", b"x")
    assert delete(bucket, "k") == Deleted("k")
    assert history(bucket, "k") == []
    assert bucket.versions("neighbour") == [neighbour]


@pytest.mark.parametrize("exists", [True, False], ids=["existing", "missing"])
def test_enabled_delete_adds_a_marker_with_a_new_id(make_bucket: MakeBucket, exists: bool) -> None:
    """A delete marker is created even for a key that never existed."""
    bucket = make_bucket("Enabled")
    older = [bucket.put("k", b"1"), bucket.put("k", b"2")] if exists else []
    outcome = delete(bucket, "k")

    top = bucket.current("k")
    assert top is not None and top.is_delete_marker and top.last_modified == WHEN
    assert outcome == Deleted("k", delete_marker=True, delete_marker_version_id=top.version_id)
    assert top.version_id != NULL_VERSION_ID and bucket.issued(top.version_id)
    assert bucket.versions("k")[1:] == older[::-1]


def test_enabled_deletes_stack_markers(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    first, second = delete(bucket, "k"), delete(bucket, "k")
    assert isinstance(first, Deleted) and isinstance(second, Deleted)
    ids = [first.delete_marker_version_id, second.delete_marker_version_id]
    assert history(bucket, "k") == [(ids[1], True), (ids[0], True)]
    assert ids[0] != ids[1]


def suspended_with_null(make_bucket: MakeBucket, layout: str) -> tuple[Bucket, list[str]]:
    """A Suspended bucket whose key "k" holds versions v1, v2 and a null entry placed
    as ``layout`` says; returns the bucket and the ids that must survive, newest first."""
    bucket = make_bucket("Enabled")
    if layout == "null-at-bottom":
        bucket.set_versioning(VersioningState.SUSPENDED)
        bucket.put("k", b"n")
        bucket.set_versioning(VersioningState.ENABLED)
    kept = [bucket.put("k", b"1").version_id]
    if layout == "null-in-middle":
        bucket.set_versioning(VersioningState.SUSPENDED)
        bucket.put("k", b"n")
        bucket.set_versioning(VersioningState.ENABLED)
    kept.insert(0, bucket.put("k", b"2").version_id)
    bucket.set_versioning(VersioningState.SUSPENDED)
    if layout == "null-object-on-top":
        bucket.put("k", b"n")
    if layout == "null-marker-on-top":
        bucket.add_delete_marker("k", EPOCH)
    return bucket, kept


@pytest.mark.parametrize("layout", ["null-object-on-top", "null-marker-on-top", "null-in-middle",
                                    "null-at-bottom", "no-null"])
def test_suspended_delete_swaps_the_null_version_for_a_null_marker(make_bucket: MakeBucket,
                                                                   layout: str) -> None:
    """User guide, "Deleting objects from versioning-suspended buckets": the ``null``
    version is removed and a delete marker with version id ``null`` goes on top;
    versions with ids stay. Recorded: ``x-amz-delete-marker: true``,
    ``x-amz-version-id: null``."""
    bucket, kept = suspended_with_null(make_bucket, layout)
    outcome = delete(bucket, "k")
    assert outcome == Deleted("k", delete_marker=True, delete_marker_version_id=NULL_VERSION_ID)
    assert history(bucket, "k") == [(NULL_VERSION_ID, True)] + [(vid, False) for vid in kept]


def test_suspended_delete_of_a_missing_key_leaves_a_null_marker(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Suspended")
    assert delete(bucket, "k") == Deleted("k", delete_marker=True,
                                          delete_marker_version_id=NULL_VERSION_ID)
    assert history(bucket, "k") == [(NULL_VERSION_ID, True)]


# -- with a version id --------------------------------------------------------------


@pytest.mark.parametrize("position", [0, 1, 2], ids=["newest", "middle", "oldest"])
def test_deleting_a_version_removes_it_for_good(make_bucket: MakeBucket, position: int) -> None:
    """Recorded: ``<Deleted>{Key, VersionId}``, no DeleteMarker."""
    bucket = make_bucket("Enabled")
    ids = [bucket.put("k", f"{n}".encode()).version_id for n in range(3)][::-1]
    gone = ids[position]
    assert delete(bucket, "k", gone) == Deleted("k", gone)
    assert history(bucket, "k") == [(vid, False) for vid in ids if vid != gone]
    assert bucket.version("k", gone) is None


def test_deleting_the_newest_version_makes_the_next_one_current(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    older = bucket.put("k", b"old")
    newest = bucket.put("k", b"new")
    delete(bucket, "k", newest.version_id)
    assert bucket.current("k") is older


@pytest.mark.parametrize("versioning", ["Enabled", "Suspended"])
def test_deleting_a_delete_marker_by_id_reports_it(make_bucket: MakeBucket,
                                                   versioning: str) -> None:
    """Recorded: ``{DeleteMarker: true, DeleteMarkerVersionId: v, Key, VersionId: v}``; the
    object under the marker becomes current again."""
    bucket = make_bucket("Enabled")
    under = bucket.put("k", b"x")
    bucket.set_versioning(VersioningState(versioning))
    dm_id = delete(bucket, "k").delete_marker_version_id  # type: ignore[union-attr]  # a plain delete is never Refused
    assert dm_id is not None
    assert delete(bucket, "k", dm_id) == Deleted("k", dm_id, delete_marker=True,
                                                 delete_marker_version_id=dm_id)
    assert bucket.current("k") is under


@pytest.mark.parametrize("kind", ["object", "marker"])
def test_deleting_a_version_that_is_already_gone_succeeds_again(make_bucket: MakeBucket,
                                                                kind: str) -> None:
    bucket = make_bucket("Enabled")
    bucket.put("keep", b"x")
    if kind == "object":
        version_id = bucket.put("k", b"x").version_id
    else:
        version_id = delete(bucket, "k").delete_marker_version_id  # type: ignore[union-attr]  # a plain delete is never Refused
    delete(bucket, "k", version_id)
    before = snapshot(bucket)
    assert delete(bucket, "k", version_id) == Deleted("k", version_id)
    assert snapshot(bucket) == before


def test_null_names_the_null_version(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()
    bucket.put("k", b"before versioning")
    bucket.set_versioning(VersioningState.ENABLED)
    newer = bucket.put("k", b"after")
    assert delete(bucket, "k", NULL_VERSION_ID) == Deleted("k", NULL_VERSION_ID)
    assert bucket.versions("k") == [newer]


@STATES
def test_null_may_be_named_even_when_there_is_no_null_version(make_bucket: MakeBucket,
                                                              versioning: str | None) -> None:
    """``null`` is a valid id in every bucket (GET ``versionId=null`` works even unversioned)."""
    bucket = make_bucket(versioning)
    assert delete(bucket, "missing", NULL_VERSION_ID) == Deleted("missing", NULL_VERSION_ID)


def test_null_deletes_the_object_of_an_unversioned_bucket(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()
    bucket.put("k", b"x")
    assert delete(bucket, "k", NULL_VERSION_ID) == Deleted("k", NULL_VERSION_ID)
    assert history(bucket, "k") == []


def test_deleting_a_version_creates_no_marker(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    only = bucket.put("k", b"x")
    delete(bucket, "k", only.version_id)
    assert history(bucket, "k") == []


# -- refused ------------------------------------------------------------------------


def populated(make_bucket: MakeBucket, versioning: str | None) -> Bucket:
    bucket = make_bucket("Enabled" if versioning else None)
    for key in ("a", "k", "z"):
        bucket.put(key, b"1")
        if versioning:
            bucket.put(key, b"2")
            delete(bucket, key)
    if versioning == "Suspended":
        bucket.set_versioning(VersioningState.SUSPENDED)
        bucket.put("k", b"null")
    return bucket


@STATES
@pytest.mark.parametrize("key", ["k", "missing"])
def test_a_never_issued_version_id_is_refused_and_changes_nothing(
    make_bucket: MakeBucket, versioning: str | None, key: str
) -> None:
    """Recorded: DeleteObjects answers a per-key ``NoSuchVersion`` (DeleteObject a 400
    ``InvalidArgument``), on unversioned buckets for any id but ``null`` too."""
    bucket = populated(make_bucket, versioning)
    other = make_bucket("Enabled")
    foreign = other.put("k", b"x").version_id  # issued, but by another bucket
    before = snapshot(bucket)
    for version_id in ("A" * 32, foreign):
        assert delete(bucket, key, version_id) == Refused(key, version_id,
                                                          Refusal.VERSION_NOT_FOUND)
    assert snapshot(bucket) == before
    assert bucket.versioning is (VersioningState(versioning) if versioning
                                 else VersioningState.UNVERSIONED)
