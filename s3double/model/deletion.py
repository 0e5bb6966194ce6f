"""Each key's fate in a delete, decided in one place.

S3 user guide, "Deleting object versions from a versioning-enabled bucket" and
"... versioning-suspended bucket":

* no version id, unversioned bucket: the object is removed; a key that does not
  exist is still a success;
* no version id, Enabled: a delete marker with a new id becomes current, also
  when the key does not exist;
* no version id, Suspended: the ``null`` version (object or marker) is removed and
  a delete marker with id ``null`` takes its place; other versions stay;
* a version id: that version or marker is removed for good. Deleting a version
  that existed but is gone succeeds again; an id the bucket never issued is
  refused (``Refusal.VERSION_NOT_FOUND``);
* a conditional delete whose condition fails (see ``conditions``) is refused;
* a version under object lock (see ``locks.protection``) is refused and stays;
  a DELETE without a version id only adds a marker, so the lock never stops it.
"""

from __future__ import annotations

import datetime as _dt

from .bucket import Bucket, VersioningState
from .conditions import DeleteCondition, condition_refusal
from .locks import protection
from .outcomes import Deleted, Outcome, Refusal, Refused
from .versions import NULL_VERSION_ID, ObjectVersion


def delete_key(
    bucket: Bucket,
    key: str,
    version_id: str | None = None,
    *,
    bypass_governance: bool = False,
    condition: DeleteCondition | None = None,
    now: _dt.datetime,
) -> Outcome:
    if condition is not None:
        reason = condition_refusal(bucket, key, condition)
        if reason is not None:
            return Refused(key, version_id, reason)
    if version_id is None:
        return _delete_current(bucket, key, now)
    return _delete_version(bucket, key, version_id, now, bypass_governance)


def _delete_current(bucket: Bucket, key: str, now: _dt.datetime) -> Deleted:
    if bucket.versioning is VersioningState.UNVERSIONED:
        bucket.remove(key, NULL_VERSION_ID)
        return Deleted(key)
    marker = bucket.add_delete_marker(key, now)
    return Deleted(key, delete_marker=True, delete_marker_version_id=marker.version_id)


def _delete_version(
    bucket: Bucket, key: str, version_id: str, now: _dt.datetime, bypass_governance: bool
) -> Outcome:
    if not bucket.issued(version_id):
        return Refused(key, version_id, Refusal.VERSION_NOT_FOUND)
    entry = bucket.version(key, version_id)
    if isinstance(entry, ObjectVersion):
        reason = protection(entry, now, bypass_governance=bypass_governance)
        if reason is not None:
            return Refused(key, version_id, reason)
    removed = bucket.remove(key, version_id)
    if removed is not None and removed.is_delete_marker:
        return Deleted(key, version_id, delete_marker=True, delete_marker_version_id=version_id)
    return Deleted(key, version_id)
