"""Small builders shared by the model tests (not a test module)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from s3double.model import Bucket
from s3double.model.listing import list_versions

# A fixed instant, so every timestamp a test sees is one it chose.
EPOCH = _dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=_dt.timezone.utc)

# The ``make_bucket`` fixture: ``make_bucket("Enabled")`` -> a new bucket in that state.
MakeBucket = Callable[..., Bucket]


def history(bucket: Bucket, key: str) -> list[tuple[str, bool]]:
    """``key``'s entries newest first, as (version id, is a delete marker)."""
    return [(entry.version_id, entry.is_delete_marker) for entry in bucket.versions(key)]


def snapshot(bucket: Bucket) -> list[tuple[str, str, bool, bool]]:
    """Everything a bucket holds: (key, version id, is marker, is latest), in order."""
    page = list_versions(bucket, max_keys=10**6)
    return [(e.key, e.version_id, e.is_delete_marker, latest) for e, latest in page.entries]
