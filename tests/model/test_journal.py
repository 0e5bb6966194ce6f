"""The request journal (``model/journal.py``): every change a request can make to the
model is noted before it happens and undone, newest first, when the request fails, so
a failed request leaves the store exactly as it found it; a request that succeeds is
unchanged by the noting (issue 13, item 7).

Random sequences of the model's mutating verbs run twice on twin stores: once bare,
once inside ``Store.transaction()``, which then either ends normally (the twins must
agree) or fails (the store must equal its state before)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from s3double.model import Store, VersioningState
from s3double.model.deletion import delete_key
from s3double.model.journal import Journal, journal, keep_item, recording
from s3double.model.locks import LockMode, Retention

EPOCH = dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc)
KEYS = ["a", "a/b", "b", "c"]
BUCKETS = ["one", "two", "three"]


class Boom(Exception):
    pass


def state(store: Store, *, ids: bool = True) -> list[object]:
    """Everything the verbs change. ``ids=False`` leaves out what an undone request
    used up for good (version ids and write counters), and keeps the order."""

    def entries(bucket, key):  # noqa: ANN001, ANN202
        found = bucket.versions(key)
        if ids:
            return found, [bucket.write_order(key, entry.version_id) for entry in found]
        return [(e.is_delete_marker, e.version_id == "null", getattr(e, "body", None)) for e in found]

    return [
        (b.name, b.versioning, b.object_lock_enabled, b.default_retention, b.policy, b.mfa_delete,
         type(b.objects).__name__, list(b.objects.index.walk()), list(b.objects.live.walk()),
         [(key, entries(b, key)) for key in b.objects.index.walk()],
         [(u.key, dict(u.parts)) for u in b.uploads])
        for b in store
    ]


def fresh() -> Store:
    store = Store(version_id_seed=5)
    store.clock.set(EPOCH)  # type: ignore[attr-defined]  # a ControlledClock
    store.create_bucket("one").put_many(["a", "b"], b"seed")
    versioned = store.create_bucket("two", versioning="Enabled")
    versioned.put("a", b"1")
    versioned.put("a", b"2")
    return store


Step = Callable[[Store], None]


def _bucket(store: Store, name: str):  # noqa: ANN202
    return store.bucket(name)


def put(name: str, key: str, body: bytes) -> Step:
    def step(store: Store) -> None:
        if (bucket := _bucket(store, name)) is not None:
            bucket.put(key, body)
    return step


def put_many(name: str, keys: list[str]) -> Step:
    def step(store: Store) -> None:
        if (bucket := _bucket(store, name)) is not None:
            bucket.put_many(dict.fromkeys(keys), b"many")
    return step


def delete(name: str, key: str) -> Step:
    def step(store: Store) -> None:
        if (bucket := _bucket(store, name)) is not None:
            delete_key(bucket, key, now=EPOCH)
    return step


def delete_version(name: str, key: str, newest: bool) -> Step:
    def step(store: Store) -> None:
        bucket = _bucket(store, name)
        entries = bucket.versions(key) if bucket is not None else []
        if entries:
            bucket.remove(key, entries[0 if newest else -1].version_id)  # type: ignore[union-attr]
    return step


def versioning(name: str, status: str) -> Step:
    def step(store: Store) -> None:
        bucket = _bucket(store, name)
        if bucket is not None and bucket.versioning_change_allowed(VersioningState(status)):
            bucket.set_versioning(VersioningState(status))
    return step


def lock(name: str, key: str) -> Step:
    def step(store: Store) -> None:
        bucket = _bucket(store, name)
        current = bucket.current(key) if bucket is not None else None
        if current is not None and not current.is_delete_marker:
            import dataclasses

            held = dataclasses.replace(current, retention=Retention(LockMode.GOVERNANCE, EPOCH))
            bucket.update(held)  # type: ignore[union-attr]
    return step


def settings_change() -> Step:
    """An operation assigns settings on the bucket its request names, which the
    transaction notes whole when it begins (the transaction here names "one")."""

    def step(store: Store) -> None:
        bucket = _bucket(store, "one")
        if bucket is not None:
            bucket.mfa_delete = not bucket.mfa_delete
            if bucket.versioning is VersioningState.ENABLED:
                bucket.enable_object_lock()
    return step


def buckets(name: str, create: bool) -> Step:
    def step(store: Store) -> None:
        if create and store.bucket(name) is None:
            store.create_bucket(name)
        elif not create and store.bucket(name) is not None:
            store.delete_bucket(name)
    return step


def uploads(name: str, key: str, part: int) -> Step:
    def step(store: Store) -> None:
        bucket = _bucket(store, name)
        if bucket is None:
            return
        existing = next(iter(bucket.uploads), None)
        if part == 0 and existing is not None:
            bucket.uploads.remove(existing.upload_id)
        elif existing is not None:
            existing.upload_part(part, b"p" * part, now=EPOCH)
        else:
            bucket.uploads.initiate(key, initiated=EPOCH, initiator="me")
    return step


names, keys = st.sampled_from(BUCKETS), st.sampled_from(KEYS)
STEPS = st.one_of(
    st.builds(put, names, keys, st.binary(max_size=3)),
    st.builds(put_many, names, st.lists(keys, max_size=4)),
    st.builds(delete, names, keys),
    st.builds(delete_version, names, keys, st.booleans()),
    st.builds(versioning, names, st.sampled_from(["Enabled", "Suspended"])),
    st.builds(lock, names, keys),
    st.builds(settings_change),
    st.builds(buckets, names, st.booleans()),
    st.builds(uploads, names, keys, st.integers(0, 3)),
)


@settings(max_examples=300, deadline=None)
@given(steps=st.lists(STEPS, max_size=12), fail=st.booleans())
def test_a_failed_transaction_leaves_the_store_as_it_was_and_a_good_one_changes_nothing_else(
    steps: list[Step], fail: bool
) -> None:
    bare, journaled = fresh(), fresh()
    before = state(journaled)
    for step in steps:
        step(bare)
    try:
        with journaled.transaction("one"):
            for step in steps:
                step(journaled)
            if fail:
                raise Boom
    except Boom:
        assert state(journaled) == before
        for step in steps:  # the undone store goes on as if the request never was
            step(journaled)
        assert state(journaled, ids=False) == state(bare, ids=False)
    else:
        assert state(journaled) == state(bare)


def test_nothing_is_noted_outside_a_transaction() -> None:
    assert journal() is None
    store = fresh()
    store.bucket("one").put("x", b"1")  # no journal, no cost, no error
    with recording() as notes:
        store.bucket("one").put("x", b"2")
        store.bucket("one").put("x", b"3")
        assert len(notes) == 1  # a key is noted once, however often it changes
    assert journal() is None


def test_a_transaction_inside_another_joins_it() -> None:
    store = fresh()
    before = state(store)
    with pytest.raises(Boom), store.transaction("one"):
        store.bucket("one").put("x", b"1")
        with store.transaction("two"):
            store.bucket("two").put("y", b"1")
        raise Boom
    assert state(store) == before


def test_changes_from_another_thread_are_not_undone() -> None:
    import threading

    store = fresh()
    with pytest.raises(Boom), store.transaction():
        store.bucket("one").put("mine", b"1")
        seeder = threading.Thread(target=lambda: store.bucket("two").put("theirs", b"1"))
        seeder.start()
        seeder.join()
        raise Boom
    assert store.bucket("one").current("mine") is None
    assert store.bucket("two").current("theirs") is not None


def test_keep_item_restores_missing_and_present_items() -> None:
    notes = Journal()
    mapping = {"a": 1}
    notes.keep_item(mapping, "a")
    notes.keep_item(mapping, "b")
    mapping.update(a=2, b=3)
    notes.keep_item(mapping, "a")  # the first note wins
    notes.undo()
    assert mapping == {"a": 1}
    keep_item(mapping, "z")  # no journal: nothing noted, nothing raised
