"""Store: the buckets of one double (s3double/model/store.py)."""

from __future__ import annotations

import datetime as _dt

import pytest
from model_helpers import EPOCH

from s3double.model import Bucket, ControlledClock, Store, VersioningState
from s3double.model.deletion import delete_key


@pytest.mark.parametrize(("versioning", "state"), [
    (None, VersioningState.UNVERSIONED),
    ("Enabled", VersioningState.ENABLED),
    ("Suspended", VersioningState.SUSPENDED),
    (VersioningState.ENABLED, VersioningState.ENABLED),
    (VersioningState.SUSPENDED, VersioningState.SUSPENDED),
])
def test_create_bucket_sets_versioning(store: Store, versioning: str | VersioningState | None,
                                       state: VersioningState) -> None:
    bucket = store.create_bucket("b", versioning=versioning)
    assert bucket.versioning is state
    assert store.bucket("b") is bucket


@pytest.mark.parametrize("versioning", ["Disabled", "enabled", "on"])
def test_create_bucket_rejects_unknown_versioning(store: Store, versioning: str) -> None:
    with pytest.raises(ValueError):
        store.create_bucket("b", versioning=versioning)


def test_the_default_account_owns_new_buckets() -> None:
    """Issue 2: ``account_id`` defaults to 123456789012 and owns the buckets it creates."""
    store = Store()
    assert store.account_id == "123456789012"
    assert store.create_bucket("b").owner == store.account_id


def test_owner_follows_the_account_unless_given() -> None:
    store = Store(account_id="111122223333")
    assert store.create_bucket("mine").owner == "111122223333"
    assert store.create_bucket("theirs", owner="444455556666").owner == "444455556666"


def test_create_bucket_records_region_and_creation_time(store: Store,
                                                        clock: ControlledClock) -> None:
    clock.advance(_dt.timedelta(hours=2))
    default = store.create_bucket("b")
    elsewhere = store.create_bucket("c", region="eu-west-1")
    assert default.region == "us-east-1" and elsewhere.region == "eu-west-1"
    assert default.created == EPOCH + _dt.timedelta(hours=2) == store.now()


def test_a_bucket_name_is_taken_once(store: Store) -> None:
    first = store.create_bucket("b")
    with pytest.raises(ValueError):
        store.create_bucket("b", versioning="Enabled")
    assert store.bucket("b") is first and first.versioning is VersioningState.UNVERSIONED


def test_lookup_iteration_and_deletion(store: Store) -> None:
    for name in ("zeta", "alpha", "mid"):
        store.create_bucket(name)
    assert [bucket.name for bucket in store] == ["alpha", "mid", "zeta"]
    store.delete_bucket("mid")
    assert store.bucket("mid") is None
    assert [bucket.name for bucket in store] == ["alpha", "zeta"]


def test_buckets_use_the_stores_clock() -> None:
    clock = ControlledClock()
    clock.set(EPOCH)
    store = Store(clock=clock)
    bucket = store.create_bucket("b", versioning="Enabled")
    assert bucket.put("k", b"x").last_modified == EPOCH
    clock.advance(60)
    assert bucket.put("k", b"y").last_modified == EPOCH + _dt.timedelta(seconds=60)


def test_default_clock_is_controllable() -> None:
    assert isinstance(Store().clock, ControlledClock)


def busy(store: Store) -> list[str]:
    """Versions and markers across two buckets; the ids they got, in order."""
    first = store.create_bucket("one", versioning="Enabled")
    second = store.create_bucket("two", versioning="Enabled")
    ids = []
    for bucket in (first, second, first):
        ids.append(bucket.put("k", b"x").version_id)
        ids.append(delete_key(bucket, "k", now=EPOCH).delete_marker_version_id)
    return ids


@pytest.mark.parametrize("seed", [0, 7, 123456])
def test_the_same_seed_gives_the_same_ids(seed: int) -> None:
    assert busy(Store(version_id_seed=seed)) == busy(Store(version_id_seed=seed))


def test_different_seeds_give_different_ids() -> None:
    assert not set(busy(Store(version_id_seed=1))) & set(busy(Store(version_id_seed=2)))


def test_unseeded_stores_give_different_ids() -> None:
    assert not set(busy(Store())) & set(busy(Store()))


@pytest.mark.parametrize("seed", [None, 5])
def test_reset_empties_the_store(seed: int | None) -> None:
    store = Store(version_id_seed=seed)
    busy(store)
    store.reset()
    assert list(store) == [] and store.bucket("one") is None
    assert len(set(busy(store))) == 6, "the store works again after a reset"


def test_reset_restarts_a_seeded_id_sequence() -> None:
    store = Store(version_id_seed=99)
    before = busy(store)
    store.reset()
    assert busy(store) == before


def test_buckets_made_before_a_reset_draw_from_the_new_sequence() -> None:
    """A bucket reads the store's current id source on every draw."""
    store = Store(version_id_seed=3)
    kept: Bucket = store.create_bucket("kept", versioning="Enabled")
    first = kept.put("k", b"x").version_id
    store.reset()
    assert kept.put("k", b"x").version_id == first
