"""Storage classes, archived objects and their restores.

S3 user guide, "Understanding and managing Amazon S3 storage classes": a general
purpose bucket stores STANDARD, REDUCED_REDUNDANCY, STANDARD_IA, ONEZONE_IA,
INTELLIGENT_TIERING, GLACIER_IR, GLACIER and DEEP_ARCHIVE objects; a directory bucket
only EXPRESS_ONEZONE. GLACIER (Flexible Retrieval) and DEEP_ARCHIVE objects are
archived: reading one needs a restored copy first (tests/data/aws/
facts-storage-class-restore.md §2).

"Restoring an archived object" and "Archive retrieval options": a restore takes
minutes to hours by tier; the copy stays for the days asked, S3 adding them to the
time and rounding up to the next midnight UTC; asking again after it completed sets
a new expiry from the time of asking. Here a restore completes on the double's clock
after the longest time the user guide gives for its tier:

================  ==============  ==============
tier              GLACIER         DEEP_ARCHIVE
================  ==============  ==============
Expedited         5 minutes       not offered
Standard          5 hours         12 hours
Bulk              12 hours        48 hours
================  ==============  ==============

The first restore's expiry counts from its completion (so a short stay is not over
before the copy exists).
"""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass

from .object_options import STANDARD, ObjectOptions, Restore, replaced

REDUCED_REDUNDANCY = "REDUCED_REDUNDANCY"
GLACIER = "GLACIER"
DEEP_ARCHIVE = "DEEP_ARCHIVE"
INTELLIGENT_TIERING = "INTELLIGENT_TIERING"
EXPRESS_ONEZONE = "EXPRESS_ONEZONE"
GENERAL_PURPOSE_CLASSES = frozenset({
    STANDARD, REDUCED_REDUNDANCY, "STANDARD_IA", "ONEZONE_IA", INTELLIGENT_TIERING,
    "GLACIER_IR", GLACIER, DEEP_ARCHIVE,
})
DIRECTORY_CLASSES = frozenset({EXPRESS_ONEZONE})
ARCHIVED = frozenset({GLACIER, DEEP_ARCHIVE})
TIERS = ("Standard", "Bulk", "Expedited")
DEFAULT_TIER = "Standard"
RESTORE_TIME = {
    (GLACIER, "Expedited"): _dt.timedelta(minutes=5),
    (GLACIER, "Standard"): _dt.timedelta(hours=5),
    (GLACIER, "Bulk"): _dt.timedelta(hours=12),
    (DEEP_ARCHIVE, "Standard"): _dt.timedelta(hours=12),
    (DEEP_ARCHIVE, "Bulk"): _dt.timedelta(hours=48),
}


def accepted(storage_class: str, *, directory: bool) -> bool:
    """Whether a bucket of that kind stores objects of ``storage_class``."""
    return storage_class in (DIRECTORY_CLASSES if directory else GENERAL_PURPOSE_CLASSES)


def storage_class_of(options: ObjectOptions | None) -> str:
    return options.storage_class if options is not None else STANDARD


class RestoreState(enum.Enum):
    ONGOING = "ongoing"
    RESTORED = "restored"


def restore_state(options: ObjectOptions | None, now: _dt.datetime) -> RestoreState | None:
    """Where an archived object's restore stands at ``now`` (None: none, or expired)."""
    restore = options.restore if options is not None else None
    if restore is None or now >= restore.expires_at:
        return None
    return RestoreState.ONGOING if now < restore.ready_at else RestoreState.RESTORED


def readable(options: ObjectOptions | None, now: _dt.datetime) -> bool:
    """Whether GET may read the object's bytes: not archived, or restored."""
    if storage_class_of(options) not in ARCHIVED:
        return True
    return restore_state(options, now) is RestoreState.RESTORED


def expiry(start: _dt.datetime, days: int) -> _dt.datetime:
    """``days`` after ``start``, rounded up to the next midnight UTC."""
    end = (start + _dt.timedelta(days=days)).astimezone(_dt.timezone.utc)
    return _dt.datetime.combine(end.date(), _dt.time(), _dt.timezone.utc) + _dt.timedelta(days=1)


class RestoreOutcome(enum.Enum):
    STARTED = "started"  # 202 Accepted
    EXTENDED = "extended"  # already restored: a new expiry, 200 OK
    IN_PROGRESS = "in progress"  # 409 RestoreAlreadyInProgress
    NOT_ARCHIVED = "not archived"  # 403 InvalidObjectState
    TIER_NOT_OFFERED = "tier not offered"  # Expedited for DEEP_ARCHIVE


@dataclass(frozen=True, slots=True)
class RestoreResult:
    outcome: RestoreOutcome
    options: ObjectOptions | None  # the version's options afterwards


def request_restore(
    options: ObjectOptions | None, days: int, tier: str, now: _dt.datetime
) -> RestoreResult:
    """RestoreObject on a version with ``options``: what S3 answers and what changes."""
    storage_class = storage_class_of(options)
    if storage_class not in ARCHIVED:
        return RestoreResult(RestoreOutcome.NOT_ARCHIVED, options)
    state = restore_state(options, now)
    if state is RestoreState.ONGOING:
        return RestoreResult(RestoreOutcome.IN_PROGRESS, options)
    if state is RestoreState.RESTORED:
        restore = Restore(now, expiry(now, days))
        return RestoreResult(RestoreOutcome.EXTENDED, replaced(options, restore=restore))
    duration = RESTORE_TIME.get((storage_class, tier))
    if duration is None:
        return RestoreResult(RestoreOutcome.TIER_NOT_OFFERED, options)
    ready = now + duration
    restore = Restore(ready, expiry(ready, days))
    return RestoreResult(RestoreOutcome.STARTED, replaced(options, restore=restore))
