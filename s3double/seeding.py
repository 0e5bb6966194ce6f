"""A bucket's history as plain values, replayed straight into the model.

``BucketSpec(name, object_lock, history)`` describes a bucket by the writes that
made it: ``Put``, ``Delete`` (a DELETE without a version id) and ``SetVersioning``.
``spec.build(store)`` creates the bucket and replays them through the model's own
verbs, with no HTTP round trip, so a test can start from a populated bucket in
microseconds. ``s3double.strategies.bucket_states()`` draws such specs; they print
readably when hypothesis reports a failing example.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .model.bucket import Bucket, VersioningState
from .model.deletion import delete_key
from .model.locks import LockMode, Retention
from .model.store import Store


@dataclass(frozen=True, slots=True)
class Put:
    """PUT ``key``; ``lock`` is (mode, days to retain) on an object lock bucket."""

    key: str
    body: bytes = b""
    lock: tuple[str, int] | None = None
    legal_hold: bool = False

    def apply(self, bucket: Bucket, now: _dt.datetime) -> None:
        retention = None
        if self.lock is not None:
            mode, days = self.lock
            retention = Retention(LockMode(mode), now + _dt.timedelta(days=days))
        bucket.put(self.key, self.body, now=now, retention=retention,
                   legal_hold=True if self.legal_hold else None)


@dataclass(frozen=True, slots=True)
class Delete:
    """DELETE ``key`` without a version id: a delete marker, or (unversioned) removal."""

    key: str

    def apply(self, bucket: Bucket, now: _dt.datetime) -> None:
        delete_key(bucket, self.key, now=now)


@dataclass(frozen=True, slots=True)
class SetVersioning:
    state: str  # "Enabled" or "Suspended"

    def apply(self, bucket: Bucket, now: _dt.datetime) -> None:
        bucket.set_versioning(VersioningState(self.state))


Write = Put | Delete | SetVersioning


@dataclass(frozen=True, slots=True)
class BucketSpec:
    name: str
    object_lock: bool = False
    history: tuple[Write, ...] = ()

    def populate(self, bucket: Bucket, now: _dt.datetime) -> Bucket:
        """Replay the history into an existing bucket."""
        for write in self.history:
            write.apply(bucket, now)
        return bucket

    def build(self, store: Store) -> Bucket:
        """Create the bucket in ``store`` (object lock implies Enabled) and replay."""
        bucket = store.create_bucket(self.name, object_lock=self.object_lock)
        return self.populate(bucket, store.now())
