"""A general purpose bucket: its versioning state and the objects it holds.

S3 user guide, "Using versioning in S3 buckets": a bucket starts unversioned;
once versioning is Enabled it can only move between Enabled and Suspended. While
Enabled, each new version gets a fresh id; while unversioned or Suspended, a new
object is the ``null`` version and replaces the previous ``null`` version only.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Mapping

from .clock import Clock
from .keyspace import UnversionedObjects, VersionedObjects
from .versions import (
    _NO_METADATA,
    NULL_VERSION_ID,
    Checksum,
    DeleteMarker,
    Entry,
    ObjectVersion,
    VersionIdSource,
    etag_of,
)


class VersioningState(enum.Enum):
    UNVERSIONED = "Unversioned"
    ENABLED = "Enabled"
    SUSPENDED = "Suspended"


class Bucket:
    def __init__(
        self,
        name: str,
        *,
        owner: str,
        region: str,
        created: _dt.datetime,
        version_ids: VersionIdSource,
        clock: Clock,
    ) -> None:
        self.name = name
        self.owner = owner
        self.region = region
        self.created = created
        self._clock = clock
        self.versioning = VersioningState.UNVERSIONED
        self.objects: UnversionedObjects | VersionedObjects = UnversionedObjects()
        self._version_ids = version_ids
        self._issued: dict[str, int] = {}  # version id -> order of issue

    # -- versioning ---------------------------------------------------------

    def set_versioning(self, state: VersioningState) -> None:
        if state is VersioningState.UNVERSIONED:
            raise ValueError("a bucket cannot return to the unversioned state")
        if isinstance(self.objects, UnversionedObjects):
            self.objects = self.objects.to_versioned()
        self.versioning = state

    def _next_version_id(self) -> str:
        if self.versioning is not VersioningState.ENABLED:
            return NULL_VERSION_ID
        version_id = self._version_ids()
        self._issued[version_id] = len(self._issued)
        return version_id

    def issued(self, version_id: str) -> bool:
        """Whether this bucket ever gave out ``version_id`` (``null`` always counts)."""
        return version_id == NULL_VERSION_ID or version_id in self._issued

    def issue_order(self, version_id: str) -> int | None:
        """When ``version_id`` was issued relative to the others (``None`` for ``null``)."""
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
    ) -> ObjectVersion:
        """PUT: a new current version (the ``null`` one unless versioning is Enabled).

        ``etag`` defaults to the body's MD5 and ``now`` to the bucket's clock.
        """
        version = ObjectVersion(
            key=key,
            version_id=self._next_version_id(),
            body=body,
            etag=etag if etag is not None else etag_of(body),
            last_modified=now if now is not None else self._clock.now(),
            content_type=content_type,
            metadata=metadata,
            headers=headers,
            checksum=checksum,
        )
        self.objects.put(version)
        return version

    def add_delete_marker(self, key: str, now: _dt.datetime | None = None) -> DeleteMarker:
        """DELETE without a version id on a versioned bucket: a marker on top."""
        marker = DeleteMarker(
            key=key,
            version_id=self._next_version_id(),
            last_modified=now if now is not None else self._clock.now(),
        )
        self.objects.put(marker)
        return marker

    def remove(self, key: str, version_id: str) -> Entry | None:
        """Remove one version or marker for good; ``None`` if it is not there."""
        return self.objects.remove(key, version_id)
