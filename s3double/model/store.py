"""Store: the buckets of one double, by name, and what they share.

One ``threading.RLock`` guards the whole store: the operations layer holds it for
each request, so many threads and clients against one double lose nothing. Before
it serves a request it carries out the lifecycle rules due by then
(``apply_lifecycle``), so a test that moves the clock sees their effects.
"""

from __future__ import annotations

import datetime as _dt
import threading
from collections.abc import Iterator

from .bucket import Bucket, BucketKind, VersioningState
from .clock import Clock, ControlledClock
from .journal import Transaction, keep_item, unrecorded
from .lifecycle import LifecycleAction, apply_lifecycle
from .mfa import MfaDevices
from .naming import directory_bucket_zone, region_of_zone
from .versions import VersionIdSource, many_version_ids, random_version_ids, seeded_version_ids

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"


class _CurrentVersionIds:
    """The store's version id source at each call (``reset`` replaces the source)."""

    __slots__ = ("_store",)

    def __init__(self, store: Store) -> None:
        self._store = store

    def __call__(self) -> str:
        return self._store.version_ids()

    def many(self, count: int) -> list[str]:
        return many_version_ids(self._store.version_ids, count)


class Store:
    def __init__(
        self,
        *,
        account_id: str = DEFAULT_ACCOUNT_ID,
        clock: Clock | None = None,
        version_id_seed: int | None = None,
    ) -> None:
        self.account_id = account_id
        self.clock: Clock = clock if clock is not None else ControlledClock()
        self.lock = threading.RLock()
        self._version_id_seed = version_id_seed
        self.version_ids: VersionIdSource = self._fresh_version_ids()
        self.buckets: dict[str, Bucket] = {}
        self.mfa = MfaDevices()

    def _fresh_version_ids(self) -> VersionIdSource:
        if self._version_id_seed is None:
            return random_version_ids()
        return seeded_version_ids(self._version_id_seed)

    def reset(self) -> None:
        """Forget every bucket; a seeded version-id sequence starts over."""
        with self.lock:
            self.buckets = {}
            self.version_ids = self._fresh_version_ids()

    def now(self) -> _dt.datetime:
        return self.clock.now()

    def transaction(self, bucket: str | None = None) -> Transaction:
        """One request, whole or not at all: under the store's lock, with every change
        noted (``journal``) and undone if an exception escapes the block. ``bucket`` is
        the bucket the request names: its settings are noted at once."""
        found = self.buckets.get(bucket) if bucket is not None else None
        return Transaction(self.lock, found, Bucket.COUNTERS)
    def apply_lifecycle(self, now: _dt.datetime | None = None) -> list[LifecycleAction]:
        """Carry out every bucket's lifecycle actions due by ``now`` (default: the
        clock's now), and return them. Nothing to do costs one attribute per bucket."""
        with self.lock:
            configured = [bucket for bucket in self.buckets.values() if bucket.lifecycle is not None]
            if not configured:
                return []
            now = now if now is not None else self.now()
            with unrecorded():  # S3's daily runs, not part of the request in flight
                return [action for bucket in configured for action in apply_lifecycle(bucket, now)]

    def bucket(self, name: str) -> Bucket | None:
        return self.buckets.get(name)

    def create_bucket(
        self,
        name: str,
        *,
        region: str = DEFAULT_REGION,
        owner: str | None = None,
        versioning: str | VersioningState | None = None,
        object_lock: bool = False,
    ) -> Bucket:
        """Add a bucket straight into the model (no name checks: seeding is trusted).

        ``versioning`` may be ``"Enabled"`` or ``"Suspended"``; ``object_lock=True``
        also enables versioning, as S3 does.
        """
        with self.lock:
            if name in self.buckets:
                raise ValueError(f"bucket {name!r} already exists")
            bucket = Bucket(
                name,
                owner=owner if owner is not None else self.account_id,
                region=region,
                created=self.now(),
                version_ids=_CurrentVersionIds(self),
                clock=self.clock,
            )
            if versioning is not None:
                bucket.set_versioning(VersioningState(versioning))
            elif object_lock:
                bucket.set_versioning(VersioningState.ENABLED)
            if object_lock:
                bucket.enable_object_lock()
            keep_item(self.buckets, name)
            self.buckets[name] = bucket
            return bucket

    def create_directory_bucket(
        self, name: str, *, zone_id: str | None = None, region: str | None = None,
        owner: str | None = None,
    ) -> Bucket:
        """Add a directory bucket (``base--usw2-az1--x-s3``); the zone and its Region
        come from the name unless given."""
        zone = zone_id if zone_id is not None else directory_bucket_zone(name)
        if zone is None:
            raise ValueError(f"{name!r} is not a directory bucket name (base--zoneid--x-s3)")
        region = region if region is not None else region_of_zone(zone)
        if region is None:
            raise ValueError(f"the zone {zone!r} names no Region; pass region=")
        with self.lock:
            bucket = self.create_bucket(name, region=region, owner=owner)
            bucket.kind, bucket.zone_id = BucketKind.DIRECTORY, zone
            return bucket

    def delete_bucket(self, name: str) -> None:
        with self.lock:
            keep_item(self.buckets, name)
            del self.buckets[name]

    def __iter__(self) -> Iterator[Bucket]:
        return iter(sorted(self.buckets.values(), key=lambda bucket: bucket.name))
