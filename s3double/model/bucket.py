"""A bucket (general purpose or directory): its versioning state and the objects it holds.

S3 user guide, "Using versioning in S3 buckets": a bucket starts unversioned;
once versioning is Enabled it can only move between Enabled and Suspended. While
Enabled, each new version gets a fresh id; while unversioned or Suspended, a new
object is the ``null`` version and replaces the previous ``null`` version only.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

from .clock import Clock
from .configuration import NOTHING_BLOCKED, BucketSettings, ObjectOwnership, PublicAccessBlock
from .journal import keep_attributes, keep_item
from .keyspace import UnversionedObjects, VersionedObjects
from .lifecycle_rules import LifecycleConfiguration, floor_midnight
from .locks import DefaultRetention, Retention
from .object_options import Encryption, ObjectOptions
from .policy import Policy
from .uploads import Uploads
from .versions import (
    _NO_METADATA,
    NULL_VERSION_ID,
    Checksum,
    DeleteMarker,
    Entry,
    ObjectVersion,
    VersionIdSource,
    etag_of,
    many_version_ids,
    random_etag,
)


class VersioningState(enum.Enum):
    UNVERSIONED = "Unversioned"
    ENABLED = "Enabled"
    SUSPENDED = "Suspended"


class BucketKind(enum.Enum):
    """S3 user guide, "Buckets overview": general purpose buckets, and directory buckets
    (S3 Express One Zone: one Availability Zone, never versioned, random ETags; see
    ``naming``, ``appends``, ``directory_listing`` and ``sessions``)."""

    GENERAL_PURPOSE = "GeneralPurpose"
    DIRECTORY = "Directory"


class Bucket:
    # Bookkeeping a request journal leaves alone: ids and write order stay used.
    COUNTERS = ("_writes", "_issued")

    def __init__(
        self,
        name: str,
        *,
        owner: str,
        region: str,
        created: _dt.datetime,
        version_ids: VersionIdSource,
        clock: Clock,
        kind: BucketKind = BucketKind.GENERAL_PURPOSE,
        zone_id: str | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.zone_id = zone_id  # a directory bucket's Availability Zone id (usw2-az1)
        self.owner = owner
        self.region = region
        self.created = created
        self._clock = clock
        self.versioning = VersioningState.UNVERSIONED
        self.objects: UnversionedObjects | VersionedObjects = UnversionedObjects()
        self.object_lock_enabled = False
        self.default_retention: DefaultRetention | None = None
        self.mfa_delete: bool | None = None  # None: never configured
        self.policy: Policy | None = None  # PutBucketPolicy's document
        self.settings = BucketSettings()  # every other configuration: see ``configuration``
        self.default_encryption: Encryption | None = None  # None: S3's default, SSE-S3
        self.lifecycle: LifecycleConfiguration | None = None  # carried out by ``lifecycle``
        self.lifecycle_evaluated: _dt.datetime | None = None  # the last midnight gone past
        self._version_ids = version_ids
        self._issued: dict[str, int] = {}  # version id -> order of issue
        # When each key's null version was written while Suspended (one written while
        # unversioned predates every issued id).
        self._null_order: dict[str, int] = {}
        self._writes = 0
        self.uploads = Uploads()  # multipart uploads in progress

    # -- configurations -----------------------------------------------------

    def configure(self, **changes: Any) -> None:
        """Replace configurations (``BucketSettings`` fields) by new values."""
        self.settings = dataclasses.replace(self.settings, **changes)

    @property
    def ownership(self) -> ObjectOwnership:
        """Object Ownership in force: ``ObjectWriter`` once the controls are deleted."""
        return self.settings.ownership or ObjectOwnership.OBJECT_WRITER

    @property
    def public_access_block(self) -> PublicAccessBlock:
        """Block Public Access in force: nothing blocked once the configuration is deleted."""
        return self.settings.public_access_block or NOTHING_BLOCKED

    def set_lifecycle(self, configuration: LifecycleConfiguration | None, now: _dt.datetime) -> None:
        """Put (or with None, delete) the lifecycle configuration; it acts from the next
        midnight UTC after ``now`` on, as S3's daily run would (see ``lifecycle``)."""
        self.lifecycle = configuration
        self.lifecycle_evaluated = floor_midnight(now)

    # -- versioning ---------------------------------------------------------

    def versioning_change_allowed(self, state: VersioningState) -> bool:
        """S3 user guide, "Object Lock considerations": once object lock is on,
        versioning stays Enabled."""
        return not (self.object_lock_enabled and state is not VersioningState.ENABLED)

    def enable_object_lock(self) -> None:
        """Object lock needs versioning Enabled, and stays on for good."""
        if self.versioning is not VersioningState.ENABLED:
            raise ValueError("object lock needs versioning Enabled")
        keep_attributes(self, except_=self.COUNTERS)
        self.object_lock_enabled = True

    def set_versioning(self, state: VersioningState) -> None:
        if not self.versioning_change_allowed(state):
            raise ValueError("an object lock bucket keeps versioning Enabled")
        if state is VersioningState.UNVERSIONED:
            raise ValueError("a bucket cannot return to the unversioned state")
        keep_attributes(self, except_=self.COUNTERS)
        if isinstance(self.objects, UnversionedObjects):
            self.objects = self.objects.to_versioned()
        self.versioning = state

    def _next_version_ids(self, keys: list[str]) -> list[str]:
        """``_next_version_id`` for many keys at once."""
        first, self._writes = self._writes + 1, self._writes + len(keys)
        if self.versioning is VersioningState.ENABLED:
            ids = many_version_ids(self._version_ids, len(keys))
            self._issued.update(zip(ids, range(first, self._writes + 1), strict=False))
            return ids
        if self.versioning is VersioningState.SUSPENDED:
            for key in keys:
                keep_item(self._null_order, key)
            self._null_order.update(zip(keys, range(first, self._writes + 1), strict=False))
        return [NULL_VERSION_ID] * len(keys)

    def _next_version_id(self, key: str) -> str:
        self._writes += 1
        if self.versioning is VersioningState.UNVERSIONED:
            return NULL_VERSION_ID
        if self.versioning is VersioningState.SUSPENDED:
            keep_item(self._null_order, key)
            self._null_order[key] = self._writes
            return NULL_VERSION_ID
        version_id = self._version_ids()
        self._issued[version_id] = self._writes
        return version_id

    def issued(self, version_id: str) -> bool:
        """Whether this bucket ever gave out ``version_id`` (``null`` always counts)."""
        return version_id == NULL_VERSION_ID or version_id in self._issued

    def write_order(self, key: str, version_id: str) -> int | None:
        """When a version of ``key`` was written, relative to the others (None: never)."""
        if version_id == NULL_VERSION_ID:
            return self._null_order.get(key, 0)
        return self._issued.get(version_id)

    # -- reading ------------------------------------------------------------

    def current(self, key: str) -> Entry | None:
        return self.objects.current(key)

    def version(self, key: str, version_id: str) -> Entry | None:
        return self.objects.find(key, version_id)

    def versions(self, key: str) -> list[Entry]:
        """Every version and delete marker of ``key``, newest first."""
        return self.objects.entries(key)

    def is_empty(self) -> bool:
        return len(self.objects) == 0

    # -- writing ------------------------------------------------------------

    def put(
        self,
        key: str,
        body: bytes,
        *,
        etag: str | None = None,
        now: _dt.datetime | None = None,
        content_type: str = "binary/octet-stream",
        metadata: Mapping[str, str] = _NO_METADATA,
        headers: tuple[tuple[str, str], ...] = (),
        checksum: Checksum | None = None,
        retention: Retention | None = None,
        legal_hold: bool | None = None,
        parts: int = 1,
        tags: tuple[tuple[str, str], ...] = (),
        options: ObjectOptions | None = None,
    ) -> ObjectVersion:
        """PUT: a new current version (the ``null`` one unless versioning is Enabled).

        ``etag`` defaults to the body's MD5 (a random one in a directory bucket) and
        ``now`` to the bucket's clock; a bucket's default retention applies when no
        retention is given.
        """
        now = now if now is not None else self._clock.now()
        if retention is None and self.default_retention is not None:
            retention = self.default_retention.retention_from(now)
        version = ObjectVersion(
            key=key,
            version_id=self._next_version_id(key),
            body=body,
            etag=etag if etag is not None else self._new_etag(body),
            last_modified=now,
            content_type=content_type,
            metadata=metadata,
            headers=headers,
            checksum=checksum,
            retention=retention,
            legal_hold=legal_hold,
            parts=parts,
            tags=tags,
            options=options,
        )
        self.objects.put(version)
        return version

    def put_many(
        self, keys: Iterable[str], body: bytes = b"", *, now: _dt.datetime | None = None
    ) -> list[str]:
        """Seeding: what ``put(key, body)`` for each key would do, in one pass (the
        objects share one ETag and one timestamp); the version ids, in order. A
        directory bucket, or a bucket with a default retention, goes one by one."""
        keys = list(keys)
        now = now if now is not None else self._clock.now()
        if self.is_directory or self.default_retention is not None:
            return [self.put(key, body, now=now).version_id for key in keys]
        version_ids = self._next_version_ids(keys)
        self.objects.put_many(keys, ObjectVersion.many(keys, version_ids, body, etag_of(body), now))
        return version_ids

    @property
    def is_directory(self) -> bool:
        return self.kind is BucketKind.DIRECTORY

    def _new_etag(self, body: bytes) -> str:
        return random_etag() if self.is_directory else etag_of(body)

    def update(self, version: ObjectVersion) -> None:
        """Store a changed copy of an existing version (its retention or legal hold)."""
        self.objects.replace(version)

    def add_delete_marker(self, key: str, now: _dt.datetime | None = None) -> DeleteMarker:
        """DELETE without a version id on a versioned bucket: a marker on top."""
        marker = DeleteMarker(
            key=key,
            version_id=self._next_version_id(key),
            last_modified=now if now is not None else self._clock.now(),
        )
        self.objects.put(marker)
        return marker

    def remove(self, key: str, version_id: str) -> Entry | None:
        """Remove one version or marker for good; ``None`` if it is not there."""
        return self.objects.remove(key, version_id)
