"""Object lock: retention modes, legal holds, and whether a version may be removed.

S3 user guide, "Locking objects with Object Lock":

* a version under COMPLIANCE retention cannot be deleted or overwritten by anyone
  until its retain-until date passes; its retention can be extended, never
  shortened, and never changed to GOVERNANCE;
* a version under GOVERNANCE retention can be deleted, or its retention shortened,
  removed or changed to COMPLIANCE, only with ``x-amz-bypass-governance-retention:
  true``;
* a legal hold protects a version until it is removed, whatever the retention and
  whatever the bypass;
* an expired retention protects nothing; a delete marker carries no lock; a
  DELETE without a version id only adds a marker and is always allowed.
"""

from __future__ import annotations

import datetime as _dt

from .outcomes import Refusal
from .retention import DefaultRetention, LockMode, Retention
from .versions import ObjectVersion

# The lock's values live in ``retention`` (``versions`` needs ``Retention`` and this
# module needs ``ObjectVersion``); they are named here too, where the rules use them.
__all__ = ["DefaultRetention", "LockMode", "Retention", "protection", "retention_change_refused"]


def protection(
    version: ObjectVersion, now: _dt.datetime, *, bypass_governance: bool = False
) -> Refusal | None:
    """Why ``version`` may not be removed now, or None if it may."""
    if version.legal_hold:
        return Refusal.LEGAL_HOLD
    retention = version.retention
    if retention is None or not retention.active(now):
        return None
    if retention.mode is LockMode.GOVERNANCE and bypass_governance:
        return None
    return Refusal.RETENTION


def retention_change_refused(
    current: Retention | None,
    proposed: Retention | None,
    now: _dt.datetime,
    *,
    bypass_governance: bool = False,
) -> bool:
    """Whether S3 refuses replacing ``current`` with ``proposed`` (None: remove it)."""
    if current is None or not current.active(now):
        return False
    weaker = (
        proposed is None
        or proposed.retain_until < current.retain_until
        or proposed.mode is not current.mode  # GOVERNANCE to COMPLIANCE needs the bypass too
    )
    if not weaker:
        return False
    return current.mode is LockMode.COMPLIANCE or not bypass_governance
