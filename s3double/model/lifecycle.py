"""Lifecycle carried out on the double's clock: which actions a bucket's rules make due,
and doing them, as S3 would have by ``now``.

When an action falls due (S3 user guide, "Lifecycle rules: Based on an object's age";
tests/data/aws/facts-lifecycle.md §5): S3 adds a rule's days to the moment it counts
from and rounds up to the next midnight UTC; a ``Date`` is itself a midnight. The
moment counted from is the object's creation (Expiration), the creation of the
version's successor, when it became noncurrent (NoncurrentVersionExpiration), or the
upload's initiation (AbortIncompleteMultipartUpload). S3 runs lifecycle once a day,
so nothing happens between midnights, and a midnight the double has already gone past
(``Bucket.lifecycle_evaluated``) is not gone over again: a rule put today acts on
old objects at the next midnight, and a delete marker left alone today is removed at
the next midnight (S3 was observed removing such a marker the day after it became
lone, re:Post, facts §5.5).

What each action does (user guide, "Expiring objects"; facts §5.3-§5.7), through
``deletion.delete_key`` so that object lock rules hold:

* Expiration (Days or Date) on a current object: removed in an unversioned bucket, a
  delete marker added in a versioned one (a ``null`` marker while Suspended). On a
  delete marker with no other version left it removes the marker once it is old
  enough ("When you specify the Days tag, Amazon S3 automatically performs
  ExpiredObjectDeleteMarker cleanup when the delete markers are old enough").
* ExpiredObjectDeleteMarker: removes a delete marker that is current and alone.
* NoncurrentVersionExpiration: removes a noncurrent version once it has been
  noncurrent for NoncurrentDays and (with NewerNoncurrentVersions N) N newer
  noncurrent versions exist. Noncurrent delete markers are left alone (not documented).
* AbortIncompleteMultipartUpload: aborts an upload DaysAfterInitiation after it began.
* A version under a legal hold is never removed; one under retention (either mode:
  lifecycle has no bypass) is removed at the first midnight after the retention ends.
  A delete marker may always be added.

When several rules apply to one version, the one due first acts (user guide,
"Examples of overlapping filters and conflicting lifecycle actions": the shorter
expiration wins). Transitions are not carried out.
"""

from __future__ import annotations

import datetime as _dt
import enum
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .bucket import Bucket, VersioningState
from .deletion import delete_key
from .lifecycle_rules import DAY, Expiration, LifecycleRule, ceil_midnight, floor_midnight
from .locks import protection
from .outcomes import Deleted
from .versions import NULL_VERSION_ID, Entry, ObjectVersion


class ActionKind(enum.Enum):
    EXPIRED = "expired"  # the current object removed, or a delete marker put on it
    NONCURRENT_EXPIRED = "noncurrent expired"  # a noncurrent version removed for good
    MARKER_REMOVED = "marker removed"  # an expired object delete marker removed
    UPLOAD_ABORTED = "upload aborted"


@dataclass(frozen=True, slots=True)
class LifecycleAction:
    """One thing lifecycle did: to ``key`` (an upload's key), naming the version or
    marker removed, the marker added (None if the object was simply removed), or the
    upload aborted; by which rule, at which midnight."""

    kind: ActionKind
    key: str
    version_id: str | None
    rule_id: str
    at: _dt.datetime


def apply_lifecycle(bucket: Bucket, now: _dt.datetime) -> list[LifecycleAction]:
    """Carry out every action of ``bucket``'s enabled rules due by ``now``, midnight by
    midnight, and return them in order. Cheap without a configuration, and until the
    next midnight after the last one evaluated (nothing can fall due before it), so a
    bucket's objects are looked at once per day of the clock at most."""
    configuration = bucket.lifecycle
    evaluated = bucket.lifecycle_evaluated or floor_midnight(now)
    if configuration is None or now < evaluated + DAY:
        return []
    rules = tuple(rule for rule in configuration.rules if rule.enabled)
    done: list[LifecycleAction] = []
    while rules:
        due = list(_due(bucket, rules, evaluated + DAY))
        at = min((action.at for action in due), default=None)
        if at is None or at > now:
            break
        done += [finished for action in due if action.at == at
                 if (finished := _carry_out(bucket, action)) is not None]
        evaluated = at
    bucket.lifecycle_evaluated = max(evaluated, floor_midnight(now))
    return done


# -- what is due ----------------------------------------------------------------------


def _due(bucket: Bucket, rules: Sequence[LifecycleRule], after: _dt.datetime) -> Iterator[LifecycleAction]:
    """Each version's, marker's and upload's first due action, none before ``after``."""
    for key in list(bucket.objects.index.walk()):
        entries = bucket.versions(key)
        current = _current_action(bucket, entries, rules, after)
        if current is not None:
            yield current
        yield from _noncurrent_actions(entries, rules, after)
    for upload in bucket.uploads:
        yield from _first(
            LifecycleAction(ActionKind.UPLOAD_ABORTED, upload.key, upload.upload_id, rule.id,
                            max(ceil_midnight(upload.initiated + rule.abort_after_days * DAY), after))
            for rule in rules
            if rule.abort_after_days is not None and rule.filter.matches(upload.key, None, ())
        )


def _first(actions: Iterable[LifecycleAction]) -> Iterator[LifecycleAction]:
    """The action due first (the first rule listed among those due together)."""
    chosen = None
    for action in actions:
        if chosen is None or action.at < chosen.at:
            chosen = action
    if chosen is not None:
        yield chosen


def _expires_at(expiration: Expiration | None, created: _dt.datetime) -> _dt.datetime | None:
    if expiration is None:
        return None
    if expiration.days is not None:
        return created + expiration.days * DAY
    if expiration.date is not None:
        return max(expiration.date, created)
    return None


def _current_action(
    bucket: Bucket, entries: list[Entry], rules: Sequence[LifecycleRule], after: _dt.datetime
) -> LifecycleAction | None:
    current = entries[0]
    if isinstance(current, ObjectVersion):
        if _kept_in_place(bucket, current, after):
            return None
        candidates = [
            (rule, _expires_at(rule.expiration, current.last_modified)) for rule in rules
            if rule.filter.matches(current.key, current.size, current.tags)
        ]
        kind, version_id = ActionKind.EXPIRED, None
    elif len(entries) == 1:
        candidates = [
            (rule, _marker_expires_at(rule, current.last_modified)) for rule in rules
            if rule.filter.matches(current.key, None, ())
        ]
        kind, version_id = ActionKind.MARKER_REMOVED, current.version_id
    else:
        return None
    due = [
        LifecycleAction(kind, current.key, version_id, rule.id, max(ceil_midnight(moment), after))
        for rule, moment in candidates if moment is not None
    ]
    return next(_first(due), None)


def _kept_in_place(bucket: Bucket, current: ObjectVersion, after: _dt.datetime) -> bool:
    """A protected ``null`` version that expiring would remove for good (a Suspended
    bucket replaces it with the ``null`` marker) stays."""
    return (
        bucket.versioning is VersioningState.SUSPENDED and current.version_id == NULL_VERSION_ID
        and protection(current, after) is not None
    )


def _marker_expires_at(rule: LifecycleRule, created: _dt.datetime) -> _dt.datetime | None:
    expiration = rule.expiration
    if expiration is not None and expiration.expired_object_delete_marker:
        return created
    return _expires_at(expiration, created)


def _noncurrent_actions(
    entries: list[Entry], rules: Sequence[LifecycleRule], after: _dt.datetime
) -> Iterator[LifecycleAction]:
    rules = [rule for rule in rules if rule.noncurrent_expiration is not None]
    if not rules:
        return
    newer = 0  # noncurrent versions newer than the one looked at
    for successor, entry in itertools.pairwise(entries):
        if not isinstance(entry, ObjectVersion):
            continue
        due = [
            LifecycleAction(ActionKind.NONCURRENT_EXPIRED, entry.key, entry.version_id, rule.id,
                            max(ceil_midnight(moment), after))
            for rule in rules
            if rule.filter.matches(entry.key, entry.size, entry.tags)
            if (moment := _noncurrent_expires_at(rule, entry, successor.last_modified, newer))
        ]
        yield from _first(due)
        newer += 1


def _noncurrent_expires_at(
    rule: LifecycleRule, version: ObjectVersion, became_noncurrent: _dt.datetime, newer: int
) -> _dt.datetime | None:
    expiration = rule.noncurrent_expiration
    assert expiration is not None
    if expiration.newer_versions is not None and newer < expiration.newer_versions:
        return None
    if version.legal_hold:
        return None
    moment = became_noncurrent + (expiration.days or 0) * DAY
    if version.retention is not None:
        moment = max(moment, version.retention.retain_until)
    return moment


# -- doing it --------------------------------------------------------------------------


def _carry_out(bucket: Bucket, action: LifecycleAction) -> LifecycleAction | None:
    """Do ``action`` at its midnight; None if the model refused it."""
    if action.kind is ActionKind.UPLOAD_ABORTED:
        assert action.version_id is not None
        return action if bucket.uploads.remove(action.version_id) is not None else None
    outcome = delete_key(bucket, action.key, action.version_id, now=action.at)
    if not isinstance(outcome, Deleted):
        return None
    if action.kind is ActionKind.EXPIRED:
        return LifecycleAction(
            action.kind, action.key, outcome.delete_marker_version_id, action.rule_id, action.at
        )
    return action
