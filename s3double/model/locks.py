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
import enum
from dataclasses import dataclass

from .outcomes import Refusal
from .versions import ObjectVersion


class LockMode(enum.Enum):
    GOVERNANCE = "GOVERNANCE"
    COMPLIANCE = "COMPLIANCE"


@dataclass(frozen=True, slots=True)
class Retention:
    mode: LockMode
    retain_until: _dt.datetime

    def active(self, now: _dt.datetime) -> bool:
        return self.retain_until > now


@dataclass(frozen=True, slots=True)
class DefaultRetention:
    """A bucket's default retention rule: a mode and a period in days or years."""

    mode: LockMode
    days: int | None = None
    years: int | None = None

    def retention_from(self, now: _dt.datetime) -> Retention:
        if self.days is not None:
            return Retention(self.mode, now + _dt.timedelta(days=self.days))
        years = self.years or 0
        try:
            until = now.replace(year=now.year + years)
        except ValueError:  # 29 February into a year without one
            until = now.replace(year=now.year + years, day=28)
        return Retention(self.mode, until)


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
