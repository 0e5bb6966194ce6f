"""Object lock in the model: which versions a delete may remove, which retention
changes S3 refuses, a bucket's default retention, and versioning on a lock bucket.

Spec: issue 3 ("Object lock"); rules from the S3 user guide, "Locking objects with
Object Lock", and tests/data/aws/facts-object-lock.md sections 2, 3, 6 and 8.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt

import pytest
from model_helpers import EPOCH, history

from s3double.model import (
    Bucket,
    Deleted,
    DeleteMarker,
    ObjectVersion,
    Refusal,
    Refused,
    Store,
    VersioningState,
)
from s3double.model.deletion import delete_key
from s3double.model.locks import (
    DefaultRetention,
    LockMode,
    Retention,
    protection,
    retention_change_refused,
)

DAY = _dt.timedelta(days=1)
SECOND = _dt.timedelta(seconds=1)
GOVERNANCE, COMPLIANCE = LockMode.GOVERNANCE, LockMode.COMPLIANCE
UNTIL = EPOCH + 10 * DAY  # a retain-until date in the future of EPOCH
PAST = EPOCH - DAY


def version(retention: Retention | None = None, legal_hold: bool | None = None) -> ObjectVersion:
    return ObjectVersion(
        key="k", version_id="v1", body=b"x", etag='"e"', last_modified=EPOCH,
        retention=retention, legal_hold=legal_hold,
    )


@pytest.fixture
def lock_bucket(store: Store) -> Bucket:
    """A bucket made with object lock (so versioning Enabled); the clock reads EPOCH."""
    return store.create_bucket("locked", object_lock=True)


# -- protection() ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("retention", "legal_hold", "bypass", "expected"),
    [
        pytest.param(None, None, False, None, id="no-lock"),
        pytest.param(None, False, False, None, id="hold-off"),
        pytest.param(None, True, False, Refusal.LEGAL_HOLD, id="hold-on"),
        pytest.param(None, True, True, Refusal.LEGAL_HOLD, id="hold-on-bypass"),
        pytest.param(Retention(GOVERNANCE, UNTIL), True, True, Refusal.LEGAL_HOLD,
                     id="hold-beats-governance-bypass"),
        pytest.param(Retention(COMPLIANCE, PAST), True, True, Refusal.LEGAL_HOLD,
                     id="hold-outlives-expired-retention"),
        pytest.param(Retention(COMPLIANCE, UNTIL), False, False, Refusal.RETENTION,
                     id="compliance-hold-off"),
        pytest.param(Retention(COMPLIANCE, UNTIL), None, False, Refusal.RETENTION,
                     id="compliance"),
        pytest.param(Retention(COMPLIANCE, UNTIL), None, True, Refusal.RETENTION,
                     id="compliance-bypass"),
        pytest.param(Retention(GOVERNANCE, UNTIL), None, False, Refusal.RETENTION,
                     id="governance"),
        pytest.param(Retention(GOVERNANCE, UNTIL), None, True, None, id="governance-bypass"),
        pytest.param(Retention(COMPLIANCE, EPOCH + SECOND), None, True, Refusal.RETENTION,
                     id="compliance-one-second-left"),
        pytest.param(Retention(COMPLIANCE, EPOCH - SECOND), None, False, None,
                     id="compliance-expired"),
        pytest.param(Retention(GOVERNANCE, PAST), None, False, None, id="governance-expired"),
    ],
)
def test_protection(retention: Retention | None, legal_hold: bool | None, bypass: bool,
                    expected: Refusal | None) -> None:
    assert protection(version(retention, legal_hold), EPOCH, bypass_governance=bypass) is expected


def test_retention_is_active_only_before_its_date() -> None:
    retention = Retention(GOVERNANCE, UNTIL)
    assert retention.active(UNTIL - SECOND) is True
    assert retention.active(UNTIL + SECOND) is False


# -- retention_change_refused() ---------------------------------------------------------

# (current, proposed, refused without bypass, refused with bypass); None proposed = remove.
RETENTION_CHANGES = [
    pytest.param(Retention(COMPLIANCE, UNTIL), Retention(COMPLIANCE, UNTIL + DAY), False, False,
                 id="compliance-extend"),
    pytest.param(Retention(COMPLIANCE, UNTIL), Retention(COMPLIANCE, UNTIL), False, False,
                 id="compliance-same"),
    pytest.param(Retention(COMPLIANCE, UNTIL), Retention(COMPLIANCE, UNTIL - DAY), True, True,
                 id="compliance-shorten"),
    pytest.param(Retention(COMPLIANCE, UNTIL), None, True, True, id="compliance-remove"),
    pytest.param(Retention(COMPLIANCE, UNTIL), Retention(GOVERNANCE, UNTIL), True, True,
                 id="compliance-to-governance"),
    pytest.param(Retention(COMPLIANCE, UNTIL), Retention(GOVERNANCE, UNTIL + DAY), True, True,
                 id="compliance-to-governance-extended"),
    pytest.param(Retention(GOVERNANCE, UNTIL), Retention(GOVERNANCE, UNTIL + DAY), False, False,
                 id="governance-extend"),
    pytest.param(Retention(GOVERNANCE, UNTIL), Retention(GOVERNANCE, UNTIL - DAY), True, False,
                 id="governance-shorten"),
    pytest.param(Retention(GOVERNANCE, UNTIL), None, True, False, id="governance-remove"),
    # tests/data/aws/facts-object-lock.md section 6: GOVERNANCE -> COMPLIANCE needs the
    # bypass (cloudserver; ceph PR 42505 reports the same from Amazon S3).
    pytest.param(Retention(GOVERNANCE, UNTIL), Retention(COMPLIANCE, UNTIL), True, False,
                 id="governance-to-compliance"),
    pytest.param(Retention(GOVERNANCE, UNTIL), Retention(COMPLIANCE, UNTIL + DAY), True, False,
                 id="governance-to-compliance-extended"),
    pytest.param(None, Retention(COMPLIANCE, UNTIL), False, False, id="none-set"),
    pytest.param(Retention(COMPLIANCE, PAST), None, False, False, id="expired-compliance-remove"),
    pytest.param(Retention(COMPLIANCE, PAST), Retention(GOVERNANCE, UNTIL), False, False,
                 id="expired-compliance-to-governance"),
    pytest.param(Retention(GOVERNANCE, PAST), None, False, False, id="expired-governance-remove"),
]


@pytest.mark.parametrize("bypass", [False, True], ids=["no-bypass", "bypass"])
@pytest.mark.parametrize(("current", "proposed", "without", "with_"), RETENTION_CHANGES)
def test_retention_change_refused(current: Retention | None, proposed: Retention | None,
                                  without: bool, with_: bool, bypass: bool) -> None:
    refused = retention_change_refused(current, proposed, EPOCH, bypass_governance=bypass)
    assert refused is (with_ if bypass else without)


# -- DefaultRetention ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "now", "until"),
    [
        pytest.param(DefaultRetention(GOVERNANCE, days=1), EPOCH, EPOCH + DAY, id="1-day"),
        pytest.param(DefaultRetention(COMPLIANCE, days=30), EPOCH, EPOCH + 30 * DAY, id="30-days"),
        pytest.param(DefaultRetention(GOVERNANCE, days=1),
                     _dt.datetime(2024, 2, 28, 12, tzinfo=_dt.timezone.utc),
                     _dt.datetime(2024, 2, 29, 12, tzinfo=_dt.timezone.utc), id="day-into-29-feb"),
        pytest.param(DefaultRetention(COMPLIANCE, years=1), EPOCH, EPOCH.replace(year=2026),
                     id="1-year"),
        pytest.param(DefaultRetention(GOVERNANCE, years=10), EPOCH, EPOCH.replace(year=2035),
                     id="10-years"),
        pytest.param(DefaultRetention(GOVERNANCE, years=1),
                     _dt.datetime(2024, 2, 29, 8, 30, tzinfo=_dt.timezone.utc),
                     _dt.datetime(2025, 2, 28, 8, 30, tzinfo=_dt.timezone.utc),
                     id="29-feb-into-a-common-year"),
        pytest.param(DefaultRetention(COMPLIANCE, years=4),
                     _dt.datetime(2024, 2, 29, 8, 30, tzinfo=_dt.timezone.utc),
                     _dt.datetime(2028, 2, 29, 8, 30, tzinfo=_dt.timezone.utc),
                     id="29-feb-into-a-leap-year"),
    ],
)
def test_default_retention_from(rule: DefaultRetention, now: _dt.datetime,
                                until: _dt.datetime) -> None:
    assert rule.retention_from(now) == Retention(rule.mode, until)


# -- delete_key on locked versions -----------------------------------------------------------

LOCKS = [
    pytest.param({"retention": Retention(COMPLIANCE, UNTIL)}, id="compliance"),
    pytest.param({"retention": Retention(GOVERNANCE, UNTIL)}, id="governance"),
    pytest.param({"legal_hold": True}, id="legal-hold"),
]


@pytest.mark.parametrize(
    ("lock", "bypass", "reason"),
    [
        pytest.param({"retention": Retention(COMPLIANCE, UNTIL)}, False, Refusal.RETENTION,
                     id="compliance"),
        pytest.param({"retention": Retention(COMPLIANCE, UNTIL)}, True, Refusal.RETENTION,
                     id="compliance-bypass"),
        pytest.param({"retention": Retention(GOVERNANCE, UNTIL)}, False, Refusal.RETENTION,
                     id="governance"),
        pytest.param({"legal_hold": True}, False, Refusal.LEGAL_HOLD, id="legal-hold"),
        pytest.param({"legal_hold": True}, True, Refusal.LEGAL_HOLD, id="legal-hold-bypass"),
        pytest.param({"legal_hold": True, "retention": Retention(GOVERNANCE, UNTIL)}, True,
                     Refusal.LEGAL_HOLD, id="legal-hold-and-governance-bypass"),
    ],
)
def test_delete_key_refuses_a_locked_version_and_changes_nothing(
    lock_bucket: Bucket, lock: dict[str, object], bypass: bool, reason: Refusal
) -> None:
    locked = lock_bucket.put("k", b"old", **lock)  # type: ignore[arg-type]  # lock holds retention= or legal_hold=, by case
    current = lock_bucket.put("k", b"new")
    neighbour = lock_bucket.put("other", b"n")

    outcome = delete_key(lock_bucket, "k", locked.version_id, bypass_governance=bypass, now=EPOCH)

    assert outcome == Refused("k", locked.version_id, reason)
    assert lock_bucket.versions("k") == [current, locked]
    assert lock_bucket.versions("other") == [neighbour]


@pytest.mark.parametrize(
    ("lock", "bypass"),
    [
        pytest.param({"retention": Retention(GOVERNANCE, UNTIL)}, True, id="governance-bypass"),
        pytest.param({"retention": Retention(COMPLIANCE, PAST)}, False, id="expired-compliance"),
        pytest.param({"retention": Retention(GOVERNANCE, PAST)}, False, id="expired-governance"),
        pytest.param({"legal_hold": False}, False, id="legal-hold-off"),
    ],
)
def test_delete_key_removes_an_unprotected_version(lock_bucket: Bucket, lock: dict[str, object],
                                                   bypass: bool) -> None:
    target = lock_bucket.put("k", b"old", **lock)  # type: ignore[arg-type]  # lock holds retention= or legal_hold=, by case
    current = lock_bucket.put("k", b"new")
    outcome = delete_key(lock_bucket, "k", target.version_id, bypass_governance=bypass, now=EPOCH)
    assert outcome == Deleted("k", target.version_id)
    assert lock_bucket.versions("k") == [current]


def test_retention_expires_as_time_passes(lock_bucket: Bucket) -> None:
    locked = lock_bucket.put("k", b"x", retention=Retention(COMPLIANCE, UNTIL))
    assert delete_key(lock_bucket, "k", locked.version_id, now=UNTIL - SECOND) == Refused(
        "k", locked.version_id, Refusal.RETENTION
    )
    assert delete_key(lock_bucket, "k", locked.version_id, now=UNTIL + SECOND) == Deleted(
        "k", locked.version_id
    )
    assert history(lock_bucket, "k") == []


@pytest.mark.parametrize("bypass", [False, True], ids=["no-bypass", "bypass"])
@pytest.mark.parametrize("lock", LOCKS)
def test_delete_without_version_id_on_a_locked_key_adds_a_marker(
    lock_bucket: Bucket, lock: dict[str, object], bypass: bool
) -> None:
    locked = lock_bucket.put("k", b"x", **lock)  # type: ignore[arg-type]  # lock holds retention= or legal_hold=, by case
    outcome = delete_key(lock_bucket, "k", bypass_governance=bypass, now=EPOCH)

    marker = lock_bucket.current("k")
    assert isinstance(marker, DeleteMarker)
    assert outcome == Deleted("k", delete_marker=True, delete_marker_version_id=marker.version_id)
    assert lock_bucket.versions("k") == [marker, locked]


def test_a_delete_marker_carries_no_lock(lock_bucket: Bucket) -> None:
    """Even under a COMPLIANCE default rule, a marker can be removed by its id at once."""
    lock_bucket.default_retention = DefaultRetention(COMPLIANCE, years=1)
    locked = lock_bucket.put("k", b"x")
    delete_key(lock_bucket, "k", now=EPOCH)
    marker = lock_bucket.current("k")
    assert isinstance(marker, DeleteMarker)
    assert not hasattr(marker, "retention") and not hasattr(marker, "legal_hold")

    outcome = delete_key(lock_bucket, "k", marker.version_id, now=EPOCH)

    assert outcome == Deleted("k", marker.version_id, delete_marker=True,
                              delete_marker_version_id=marker.version_id)
    assert lock_bucket.versions("k") == [locked]
    assert locked.retention == Retention(COMPLIANCE, EPOCH.replace(year=2026))


# -- the bucket's default retention in Bucket.put ------------------------------------------


@pytest.mark.parametrize(
    ("rule", "until"),
    [
        pytest.param(DefaultRetention(GOVERNANCE, days=1), EPOCH + DAY, id="days"),
        pytest.param(DefaultRetention(COMPLIANCE, years=2), EPOCH.replace(year=2027), id="years"),
    ],
)
def test_put_applies_the_default_retention_to_new_versions_only(
    lock_bucket: Bucket, rule: DefaultRetention, until: _dt.datetime
) -> None:
    before = lock_bucket.put("k", b"before")
    lock_bucket.default_retention = rule
    after = lock_bucket.put("k", b"after")
    assert before.retention is None
    assert after.retention == Retention(rule.mode, until)
    assert lock_bucket.versions("k") == [after, before]


def test_put_default_retention_counts_from_the_write_time(lock_bucket: Bucket) -> None:
    lock_bucket.default_retention = DefaultRetention(GOVERNANCE, days=3)
    written = lock_bucket.put("k", b"x", now=EPOCH + DAY)
    assert written.retention == Retention(GOVERNANCE, EPOCH + 4 * DAY)


def test_put_explicit_retention_beats_the_default(lock_bucket: Bucket) -> None:
    lock_bucket.default_retention = DefaultRetention(GOVERNANCE, days=1)
    explicit = Retention(COMPLIANCE, UNTIL)
    assert lock_bucket.put("k", b"x", retention=explicit).retention == explicit


def test_put_legal_hold_alone_keeps_the_default_retention(lock_bucket: Bucket) -> None:
    lock_bucket.default_retention = DefaultRetention(GOVERNANCE, days=1)
    written = lock_bucket.put("k", b"x", legal_hold=True)
    assert (written.retention, written.legal_hold) == (Retention(GOVERNANCE, EPOCH + DAY), True)


def test_a_changed_default_leaves_existing_versions_alone(lock_bucket: Bucket) -> None:
    lock_bucket.default_retention = DefaultRetention(GOVERNANCE, days=1)
    first = lock_bucket.put("k", b"1")
    lock_bucket.default_retention = None
    second = lock_bucket.put("k", b"2")
    assert lock_bucket.versions("k") == [second, first]
    assert (first.retention, second.retention) == (Retention(GOVERNANCE, EPOCH + DAY), None)


def test_update_replaces_one_version_lock(lock_bucket: Bucket) -> None:
    first = lock_bucket.put("k", b"1")
    second = lock_bucket.put("k", b"2")
    held = dataclasses.replace(first, legal_hold=True)
    lock_bucket.update(held)
    assert lock_bucket.versions("k") == [second, held]
    assert protection(lock_bucket.versions("k")[1], EPOCH) is Refusal.LEGAL_HOLD  # type: ignore[arg-type]  # [1] is the held version, not a marker


# -- versioning on a lock bucket --------------------------------------------------------------


def test_store_creates_a_lock_bucket_with_versioning_enabled(lock_bucket: Bucket) -> None:
    assert (lock_bucket.object_lock_enabled, lock_bucket.versioning) == (
        True, VersioningState.ENABLED,
    )
    assert lock_bucket.default_retention is None


@pytest.mark.parametrize(
    ("object_lock", "state", "allowed"),
    [
        pytest.param(True, VersioningState.ENABLED, True, id="lock-enabled"),
        pytest.param(True, VersioningState.SUSPENDED, False, id="lock-suspended"),
        pytest.param(True, VersioningState.UNVERSIONED, False, id="lock-unversioned"),
        pytest.param(False, VersioningState.ENABLED, True, id="plain-enabled"),
        pytest.param(False, VersioningState.SUSPENDED, True, id="plain-suspended"),
    ],
)
def test_versioning_change_allowed(store: Store, object_lock: bool, state: VersioningState,
                                   allowed: bool) -> None:
    bucket = store.create_bucket("b", versioning="Enabled", object_lock=object_lock)
    assert bucket.versioning_change_allowed(state) is allowed


def test_set_versioning_refuses_to_suspend_a_lock_bucket(lock_bucket: Bucket) -> None:
    with pytest.raises(ValueError):
        lock_bucket.set_versioning(VersioningState.SUSPENDED)
    assert lock_bucket.versioning is VersioningState.ENABLED
    lock_bucket.set_versioning(VersioningState.ENABLED)
    assert lock_bucket.versioning is VersioningState.ENABLED


@pytest.mark.parametrize("versioning", [None, "Suspended"], ids=["unversioned", "suspended"])
def test_enable_object_lock_needs_versioning_enabled(store: Store, versioning: str | None) -> None:
    bucket = store.create_bucket("b", versioning=versioning)
    state = bucket.versioning
    with pytest.raises(ValueError):
        bucket.enable_object_lock()
    assert (bucket.object_lock_enabled, bucket.versioning) == (False, state)


def test_enable_object_lock_on_a_versioned_bucket_with_objects(store: Store) -> None:
    bucket = store.create_bucket("b", versioning="Enabled")
    old = bucket.put("k", b"old")
    bucket.enable_object_lock()
    assert bucket.object_lock_enabled is True
    assert bucket.versions("k") == [old]
    assert delete_key(bucket, "k", old.version_id, now=EPOCH) == Deleted("k", old.version_id)
