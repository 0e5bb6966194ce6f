"""Object lock's values: the two retention modes, a version's retention and a
bucket's default retention rule (S3 user guide, "Locking objects with Object Lock").
What they protect is decided in ``locks``."""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass


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
