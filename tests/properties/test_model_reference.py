"""The model against the reference (``reference_s3``), over random operation sequences.

Driven through the model's own verbs (no botocore): puts, deletes, versioned deletes
with and without the governance bypass, versioning changes, legal holds, time
passing, and paged listings. After every step the whole bucket must equal the
reference, and:

* no version is lost except by an explicit versioned delete (or the ``null``
  version a write replaces);
* each key's current entry is the first of its versions and the one listed latest;
* listings are ordered and complete across pages of every size;
* a refused delete changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from property_budget import examples
from reference_s3 import NULL, ReferenceBucket

from s3double.model import ControlledClock, Refused, Store, VersioningState
from s3double.model.deletion import delete_key
from s3double.model.listing import list_keys, list_versions
from s3double.model.locks import LockMode, Retention
from s3double.model.versions import ObjectVersion
from s3double.strategies import object_keys, path_keys, version_ids

pytestmark = pytest.mark.differential  # the model against the plain reference model

EPOCH = _dt.datetime(2025, 1, 2, tzinfo=_dt.timezone.utc)
KEYS = st.one_of(path_keys(), path_keys(), object_keys(max_bytes=24))
# one_of weighs its (distinct) branches alike: three locked branches to one unlocked.
LOCKS = st.one_of(st.none(), *(st.tuples(st.sampled_from(["GOVERNANCE", "COMPLIANCE"]), st.integers(1, 30))
                               for _ in range(3)))
SOMETIMES = st.sampled_from([False, False, True])


def model_rows(bucket) -> list[tuple]:  # noqa: ANN001
    page = list_versions(bucket, max_keys=10**9)
    return [(e.key, e.version_id, e.is_delete_marker, getattr(e, "body", b""), latest)
            for e, latest in page.entries]


def walk_versions(bucket, prefix: str, delimiter: str, size: int) -> tuple[list, list]:  # noqa: ANN001
    rows, prefixes, key_marker, version_marker = [], [], "", ""
    for _ in range(10_000):
        page = list_versions(bucket, prefix=prefix, delimiter=delimiter, key_marker=key_marker,
                             version_id_marker=version_marker, max_keys=size)
        assert len(page.entries) + len(page.common_prefixes) <= size
        rows += [(e.key, e.version_id, e.is_delete_marker, getattr(e, "body", b""), latest)
                 for e, latest in page.entries]
        prefixes += page.common_prefixes
        if not page.is_truncated:
            return rows, prefixes
        key_marker, version_marker = page.next_key_marker, page.next_version_id_marker or ""
    raise AssertionError("ListObjectVersions never stopped paging")


def walk_keys(bucket, prefix: str, delimiter: str, size: int) -> tuple[list, list]:  # noqa: ANN001
    rows, prefixes, after = [], [], ""
    for _ in range(10_000):
        page = list_keys(bucket, prefix=prefix, delimiter=delimiter, after=after, max_keys=size)
        assert len(page.objects) + len(page.common_prefixes) <= size
        rows += [(v.key, v.body) for v in page.objects]
        prefixes += page.common_prefixes
        if not page.is_truncated:
            return rows, prefixes
        after = page.last
    raise AssertionError("ListObjectsV2 never stopped paging")


class ModelAgainstReference(RuleBasedStateMachine):
    object_lock = False

    def __init__(self) -> None:
        super().__init__()
        self.clock = ControlledClock()
        self.clock.set(EPOCH)
        self.store = Store(clock=self.clock, version_id_seed=11)
        self.seen: dict[tuple[str, str], None] = {}  # (key, version id) ever held, in order
        self.may_lose: set[tuple[str, str]] = set()
        self.kept: set[tuple[str, str]] = set()

    @initialize(versioning=st.sampled_from([None, "Enabled", "Suspended"]))
    def create(self, versioning: str | None) -> None:
        versioning = None if self.object_lock else versioning
        self.bucket = self.store.create_bucket("bucket", versioning=versioning, object_lock=self.object_lock)
        self.ref = ReferenceBucket(versioning=versioning or "Unversioned", object_lock=self.object_lock)

    def entries(self) -> list:
        return [e for key in self.bucket.objects.index.walk() for e in self.bucket.versions(key)]

    def _key(self, data: st.DataObject) -> str:
        known = sorted({key for key, _ in self.seen})
        return data.draw(st.one_of(st.sampled_from(known), KEYS) if known else KEYS, label="key")

    def _version(self, data: st.DataObject) -> tuple[str, str]:
        """Mostly an object version held now; else a marker, an entry held before, or an
        id never issued."""
        entries = self.entries()
        live = [(e.key, e.version_id) for e in entries]
        objects = [(e.key, e.version_id) for e in entries if not e.is_delete_marker]
        options = [st.sampled_from(objects) for _ in range(2 if objects else 0)]
        options += [st.sampled_from(live)] if live else []
        options += [st.sampled_from(list(self.seen)),
                    st.tuples(st.sampled_from(sorted({k for k, _ in self.seen})), version_ids())]
        return data.draw(st.one_of(options), label="version")

    def _null_replaced(self, key: str) -> None:
        if self.bucket.versioning is not VersioningState.ENABLED:
            self.may_lose.add((key, NULL))

    # -- rules -------------------------------------------------------------------

    @rule(data=st.data(), body=st.binary(max_size=6), lock=LOCKS, hold=SOMETIMES)
    def put(self, data: st.DataObject, body: bytes, lock: tuple[str, int] | None, hold: bool) -> None:
        key = self._key(data)
        lock, hold = (lock, hold) if self.object_lock else (None, False)
        retention = None if lock is None else (lock[0], self.clock.now() + _dt.timedelta(days=lock[1]))
        self._null_replaced(key)
        version = self.bucket.put(
            key, body, retention=retention and Retention(LockMode(retention[0]), retention[1]),
            legal_hold=hold or None,
        )
        self.ref.put(key, body, version.version_id, retention=retention, legal_hold=hold)

    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        key = self._key(data)
        self._null_replaced(key)
        outcome = delete_key(self.bucket, key, now=self.clock.now())
        marker = self.ref.delete(key, outcome.delete_marker_version_id)
        assert outcome.delete_marker == (marker is not None)

    @precondition(lambda self: self.seen)
    @rule(data=st.data(), bypass=SOMETIMES)
    def delete_version(self, data: st.DataObject, bypass: bool) -> None:
        key, version_id = self._version(data)
        bypass = bypass and self.object_lock
        before = self.snapshot()
        outcome = delete_key(self.bucket, key, version_id, bypass_governance=bypass, now=self.clock.now())
        expected = self.ref.delete_version(key, version_id, self.clock.now(), bypass)
        if expected is None:
            assert not isinstance(outcome, Refused), outcome
            self.may_lose.add((key, version_id))
        else:
            assert isinstance(outcome, Refused) and outcome.reason.value == expected, outcome
            assert self.snapshot() == before, "a refused delete changed the bucket"

    @rule(state=st.sampled_from(["Enabled", "Suspended"]))
    def set_versioning(self, state: str) -> None:
        if self.ref.set_versioning(state):
            self.bucket.set_versioning(VersioningState(state))
        else:
            assert not self.bucket.versioning_change_allowed(VersioningState(state))

    @precondition(lambda self: self.object_lock and not self.bucket.is_empty())
    @rule(data=st.data(), on=st.booleans())
    def legal_hold(self, data: st.DataObject, on: bool) -> None:
        entry = data.draw(st.sampled_from(self.entries()), label="entry")
        if isinstance(entry, ObjectVersion):
            self.bucket.update(dataclasses.replace(entry, legal_hold=on))
            self.ref.find(entry.key, entry.version_id).legal_hold = on

    @rule(hours=st.integers(1, 48))
    def advance_clock(self, hours: int) -> None:
        self.clock.advance(_dt.timedelta(hours=hours))

    @rule(prefix=st.sampled_from(["", "a", "a/", "b/", "é"]), delimiter=st.sampled_from(["", "/", "."]),
          size=st.integers(1, 5))
    def list_in_pages(self, prefix: str, delimiter: str, size: int) -> None:
        assert walk_versions(self.bucket, prefix, delimiter, size) == self.ref.rows(prefix, delimiter)
        assert walk_keys(self.bucket, prefix, delimiter, size) == self.ref.current_rows(prefix, delimiter)

    # -- invariants --------------------------------------------------------------

    def snapshot(self) -> list[tuple]:
        keys = list(self.bucket.objects.index.walk())
        return [self.bucket.versioning] + [entry for key in keys for entry in self.bucket.versions(key)]

    @invariant()
    def matches_reference(self) -> None:
        if hasattr(self, "bucket"):
            assert model_rows(self.bucket) == self.ref.rows()[0]

    @invariant()
    def no_version_lost_unasked(self) -> None:
        if not hasattr(self, "bucket"):
            return
        now = {(row[0], row[1]) for row in model_rows(self.bucket) if not row[2]}
        lost = self.kept - now - self.may_lose
        assert not lost, f"versions vanished without a versioned delete: {lost}"
        self.kept, self.may_lose = now, set()
        self.seen.update((row[:2], None) for row in model_rows(self.bucket))

    @invariant()
    def current_is_latest(self) -> None:
        if not hasattr(self, "bucket"):
            return
        latest = {}
        for entry, is_latest in list_versions(self.bucket, max_keys=10**9).entries:
            if is_latest:
                assert entry.key not in latest, f"two latest entries for {entry.key!r}"
                latest[entry.key] = entry
        for key in self.bucket.objects.index.walk():
            assert self.bucket.current(key) is latest[key] is self.bucket.versions(key)[0]


class LockedModelAgainstReference(ModelAgainstReference):
    """The same, on an object lock bucket: retention, legal holds and the bypass."""

    object_lock = True


ModelAgainstReference.TestCase.settings = examples(50)
LockedModelAgainstReference.TestCase.settings = examples(50)
TestModelAgainstReference = ModelAgainstReference.TestCase
TestLockedModelAgainstReference = LockedModelAgainstReference.TestCase
