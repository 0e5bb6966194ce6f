"""Lifecycle carried out on the model's clock: when each action falls due, and what it
does to versions, delete markers and uploads. Pure: no botocore.

The rules are S3's, from tests/data/aws/facts-lifecycle.md §5 (user guide pages
"Lifecycle rules: Based on an object's age", "Expiring objects", "Managing delete
markers"); the worked examples are the user guide's own.
"""

from __future__ import annotations

import datetime as _dt

import pytest
from model_helpers import MakeBucket, history

from s3double.model import Bucket, Store, VersioningState
from s3double.model.lifecycle import ActionKind, apply_lifecycle
from s3double.model.lifecycle_rules import (
    Expiration,
    Filter,
    FilterForm,
    LifecycleConfiguration,
    LifecycleRule,
    NoncurrentExpiration,
    ceil_midnight,
)
from s3double.model.locks import LockMode, Retention

UTC = _dt.timezone.utc
WHOLE_BUCKET = Filter(FilterForm.EMPTY)


def at(*parts: int) -> _dt.datetime:
    return _dt.datetime(*parts, tzinfo=UTC)


def configure(bucket: Bucket, since: _dt.datetime, *rules: LifecycleRule) -> None:
    bucket.set_lifecycle(LifecycleConfiguration(tuple(rules)), since)


def expire_after(days: int, filter_: Filter = WHOLE_BUCKET, rule_id: str = "expire") -> LifecycleRule:
    return LifecycleRule(rule_id, True, filter_, expiration=Expiration(days=days))


def noncurrent_after(days: int | None, newer: int | None = None) -> LifecycleRule:
    return LifecycleRule(
        "noncurrent", True, WHOLE_BUCKET, noncurrent_expiration=NoncurrentExpiration(days, newer)
    )


MARKERS = LifecycleRule(
    "markers", True, WHOLE_BUCKET, expiration=Expiration(expired_object_delete_marker=True)
)


# -- when --------------------------------------------------------------------------------


def test_a_midnight_stays_and_anything_else_rounds_up():
    assert ceil_midnight(at(2014, 1, 19)) == at(2014, 1, 19)
    assert ceil_midnight(at(2014, 1, 18, 10, 30)) == at(2014, 1, 19)


def test_the_user_guide_example_of_days_rounded_to_the_next_midnight(make_bucket: MakeBucket):
    """ "created 1/15/2014 10:30 AM UTC ... 3 days ... 1/19/2014 00:00 UTC"."""
    bucket = make_bucket()
    bucket.put("report", b"x", now=at(2014, 1, 15, 10, 30))
    configure(bucket, at(2014, 1, 15, 11), expire_after(3))

    assert apply_lifecycle(bucket, at(2014, 1, 18, 23, 59, 59)) == []
    assert bucket.current("report") is not None
    (action,) = apply_lifecycle(bucket, at(2014, 1, 19))
    assert (action.kind, action.key, action.at, action.rule_id) == (
        ActionKind.EXPIRED,
        "report",
        at(2014, 1, 19),
        "expire",
    )
    assert bucket.current("report") is None  # unversioned: removed for good


def test_a_rule_acts_first_at_the_midnight_after_it_was_put(make_bucket: MakeBucket):
    """S3 runs lifecycle daily: an object already old when the rule is put goes at the next
    midnight, not at once."""
    bucket = make_bucket()
    bucket.put("old", b"x", now=at(2020, 1, 1))
    configure(bucket, at(2020, 6, 1, 9), expire_after(1))

    assert apply_lifecycle(bucket, at(2020, 6, 1, 23)) == []
    assert [a.at for a in apply_lifecycle(bucket, at(2020, 6, 2, 1))] == [at(2020, 6, 2)]


def test_a_date_rule_expires_what_exists_on_that_midnight_and_later_objects(make_bucket: MakeBucket):
    """§5.2: on and after the date, every matching object is eligible."""
    bucket = make_bucket()
    bucket.put("before", b"x", now=at(2030, 1, 1))
    configure(
        bucket,
        at(2030, 1, 1, 1),
        LifecycleRule("date", True, WHOLE_BUCKET, expiration=Expiration(date=at(2030, 3, 1))),
    )

    assert [a.key for a in apply_lifecycle(bucket, at(2030, 3, 1))] == ["before"]
    bucket.put("after", b"x", now=at(2030, 4, 1, 12))
    assert [(a.key, a.at) for a in apply_lifecycle(bucket, at(2030, 4, 3))] == [
        ("after", at(2030, 4, 2))
    ]


def test_the_shorter_of_two_matching_expirations_wins(make_bucket: MakeBucket):
    """§5.8: overlapping expirations, the shorter wins."""
    bucket = make_bucket()
    bucket.put("logs/a", b"x", now=at(2030, 1, 1, 12))
    configure(
        bucket,
        at(2030, 1, 1, 13),
        expire_after(30, rule_id="month"),
        expire_after(2, Filter(FilterForm.PREFIX, prefix="logs/"), rule_id="logs"),
    )

    (action,) = apply_lifecycle(bucket, at(2030, 2, 1))
    assert (action.rule_id, action.at) == ("logs", at(2030, 1, 4))


# -- which ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filter_", "expired"),
    [
        (Filter(FilterForm.PREFIX, prefix="logs/"), {"logs/big", "logs/middle", "logs/small"}),
        (Filter(FilterForm.TAG, tags=(("class", "temp"),)), {"logs/small"}),
        (Filter(FilterForm.SIZE_GREATER, size_greater_than=20), {"logs/big"}),
        (Filter(FilterForm.SIZE_LESS, size_less_than=10), {"logs/small", "data"}),
        (Filter(FilterForm.AND, prefix="logs/", tags=(("class", "temp"), ("team", "ops"))), set()),
        (Filter(FilterForm.RULE_PREFIX, prefix="data"), {"data"}),
    ],
    ids=["prefix", "tag", "size-greater", "size-less", "and-needs-every-tag", "rule-prefix"],
)
def test_filters_choose_the_objects(make_bucket: MakeBucket, filter_: Filter, expired: set[str]):
    """§4.2: size bounds are strict; an And of two tags needs both (recorded header
    behaviour); §3.2: the filter forms."""
    bucket = make_bucket()
    bucket.put("logs/big", b"x" * 30, now=at(2030, 1, 1))
    bucket.put("logs/small", b"x", now=at(2030, 1, 1), tags=(("class", "temp"),))
    bucket.put("logs/middle", b"x" * 15, now=at(2030, 1, 1))
    bucket.put("data", b"", now=at(2030, 1, 1))
    configure(bucket, at(2030, 1, 1, 1), expire_after(1, filter_))

    assert {a.key for a in apply_lifecycle(bucket, at(2030, 1, 10))} == expired


def test_a_disabled_rule_does_nothing(make_bucket: MakeBucket):
    bucket = make_bucket()
    bucket.put("k", b"x", now=at(2030, 1, 1))
    configure(
        bucket, at(2030, 1, 1), LifecycleRule("off", False, WHOLE_BUCKET, expiration=Expiration(days=1))
    )
    assert apply_lifecycle(bucket, at(2031, 1, 1)) == []


# -- what: expiration ----------------------------------------------------------------


def test_expiring_in_a_versioned_bucket_adds_one_delete_marker(make_bucket: MakeBucket):
    """§5.3: a delete marker on top, stamped at the midnight it fell due (written at 08:00,
    one day: the second midnight after); none added on a marker."""
    bucket = make_bucket("Enabled")
    version = bucket.put("k", b"x", now=at(2030, 1, 1, 8))
    other = bucket.put("other", b"y", now=at(2030, 1, 1, 8))
    bucket.put("other", b"z", now=at(2030, 1, 1, 9))
    configure(bucket, at(2030, 1, 1, 10), expire_after(1))

    actions = apply_lifecycle(bucket, at(2030, 3, 1))

    marker = bucket.current("k")
    assert marker.is_delete_marker and marker.last_modified == at(2030, 1, 3)
    assert [a.version_id for a in actions if a.key == "k"] == [marker.version_id]
    assert history(bucket, "k") == [(marker.version_id, True), (version.version_id, False)]
    assert len(bucket.versions("other")) == 3
    assert bucket.version("other", other.version_id) is not None


def test_expiring_in_a_suspended_bucket_replaces_the_null_version(make_bucket: MakeBucket):
    """§5.3: a ``null`` delete marker takes the ``null`` version's place."""
    bucket = make_bucket()
    bucket.put("k", b"x", now=at(2030, 1, 1))
    bucket.set_versioning(VersioningState.SUSPENDED)
    configure(bucket, at(2030, 1, 1), expire_after(1))

    apply_lifecycle(bucket, at(2030, 1, 2, 12))
    assert history(bucket, "k") == [("null", True)]

    apply_lifecycle(bucket, at(2030, 1, 3))  # a day on, the lone marker is old enough (§5.5a)
    assert history(bucket, "k") == []


def test_days_also_remove_an_old_enough_lone_marker(make_bucket: MakeBucket):
    """§5.5a: Days-based expiration cleans expired object delete markers old enough."""
    bucket = make_bucket("Enabled")
    bucket.add_delete_marker("gone", now=at(2030, 1, 1, 12))
    configure(bucket, at(2030, 1, 1, 13), expire_after(3))

    assert apply_lifecycle(bucket, at(2030, 1, 4, 23)) == []
    (action,) = apply_lifecycle(bucket, at(2030, 1, 5))
    assert (action.kind, action.at) == (ActionKind.MARKER_REMOVED, at(2030, 1, 5))
    assert bucket.versions("gone") == []


# -- what: noncurrent versions -------------------------------------------------------


def test_the_user_guide_example_of_noncurrent_days(make_bucket: MakeBucket):
    """ "made noncurrent on 1/2/2014 11:30 ... 5 days ... removed on 1/8/2014 00:00" (counted
    from the successor's creation)."""
    bucket = make_bucket("Enabled")
    old = bucket.put("k", b"1", now=at(2014, 1, 1, 10, 30))
    new = bucket.put("k", b"2", now=at(2014, 1, 2, 11, 30))
    configure(bucket, at(2014, 1, 2, 12), noncurrent_after(5))

    assert apply_lifecycle(bucket, at(2014, 1, 7, 23, 59)) == []
    (action,) = apply_lifecycle(bucket, at(2014, 1, 8))
    assert (action.kind, action.version_id) == (ActionKind.NONCURRENT_EXPIRED, old.version_id)
    assert history(bucket, "k") == [(new.version_id, False)]


def test_newer_noncurrent_versions_are_kept(make_bucket: MakeBucket):
    """API_NoncurrentVersionExpiration: "You can specify up to 100 noncurrent versions to
    retain. Amazon S3 will permanently delete any additional noncurrent versions"."""
    bucket = make_bucket("Enabled")
    ids = [bucket.put("k", str(n).encode(), now=at(2030, 1, 1, n)).version_id for n in range(10)]
    configure(bucket, at(2030, 1, 1, 12), noncurrent_after(1, newer=5))

    removed = apply_lifecycle(bucket, at(2030, 2, 1))

    assert sorted(a.version_id for a in removed) == sorted(ids[:4])
    assert [version_id for version_id, _ in history(bucket, "k")] == ids[:3:-1]


def test_lifecycle_chains_expiration_then_noncurrent_then_the_lone_marker(make_bucket: MakeBucket):
    """§5.3-§5.5: each step counts from the one before, each on its own midnight; the marker
    left alone goes the day after (re:Post observation, §5.5a)."""
    bucket = make_bucket("Enabled")
    bucket.put("k", b"x", now=at(2030, 1, 1, 12))
    configure(bucket, at(2030, 1, 1, 13), expire_after(1), noncurrent_after(2), MARKERS)

    actions = apply_lifecycle(bucket, at(2030, 2, 1))

    assert [(a.kind, a.at) for a in actions] == [
        (ActionKind.EXPIRED, at(2030, 1, 3)),
        (ActionKind.NONCURRENT_EXPIRED, at(2030, 1, 5)),
        (ActionKind.MARKER_REMOVED, at(2030, 1, 6)),
    ]
    assert bucket.versions("k") == []


def test_a_marker_a_client_leaves_alone_goes_at_the_next_midnight(make_bucket: MakeBucket):
    bucket = make_bucket("Enabled")
    version = bucket.put("k", b"x", now=at(2030, 1, 1))
    bucket.add_delete_marker("k", now=at(2030, 1, 1, 1))
    configure(bucket, at(2030, 1, 1, 2), MARKERS)
    assert apply_lifecycle(bucket, at(2030, 1, 9)) == []  # not alone: a version is under it

    bucket.remove("k", version.version_id)  # at 2030-01-09 10:00, say
    assert apply_lifecycle(bucket, at(2030, 1, 9, 10)) == []
    assert [a.at for a in apply_lifecycle(bucket, at(2030, 1, 10))] == [at(2030, 1, 10)]


# -- object lock -----------------------------------------------------------------------


def test_a_version_under_legal_hold_is_never_removed(make_bucket: MakeBucket):
    """§5.7: lifecycle cannot delete a protected version; adding a marker is allowed."""
    bucket = make_bucket("Enabled")
    held = bucket.put("k", b"x", now=at(2030, 1, 1), legal_hold=True)
    configure(bucket, at(2030, 1, 1, 1), expire_after(1), noncurrent_after(1))

    apply_lifecycle(bucket, at(2031, 1, 1))

    assert bucket.current("k").is_delete_marker
    assert bucket.version("k", held.version_id) == held


@pytest.mark.parametrize("mode", [LockMode.GOVERNANCE, LockMode.COMPLIANCE])
def test_a_retained_version_goes_at_the_midnight_after_its_retention(make_bucket: MakeBucket, mode):
    """§5.7: no bypass for lifecycle, in either mode; removed once the retention ends."""
    bucket = make_bucket("Enabled")
    kept = bucket.put("k", b"x", now=at(2030, 1, 1), retention=Retention(mode, at(2030, 6, 1, 12)))
    bucket.put("k", b"y", now=at(2030, 1, 2))
    configure(bucket, at(2030, 1, 2, 1), noncurrent_after(1))

    assert apply_lifecycle(bucket, at(2030, 6, 1, 23)) == []
    assert bucket.version("k", kept.version_id) == kept
    (action,) = apply_lifecycle(bucket, at(2030, 6, 2))
    assert (action.version_id, action.at) == (kept.version_id, at(2030, 6, 2))


# -- uploads, and the store -------------------------------------------------------------


def test_stale_multipart_uploads_are_aborted(make_bucket: MakeBucket):
    """§5.6: DaysAfterInitiation after the upload began, by prefix."""
    bucket = make_bucket()
    stale = bucket.uploads.initiate("tmp/big", initiated=at(2030, 1, 1, 12), initiator="me")
    other = bucket.uploads.initiate("keep/big", initiated=at(2030, 1, 1, 12), initiator="me")
    configure(
        bucket,
        at(2030, 1, 1, 13),
        LifecycleRule("abort", True, Filter(FilterForm.PREFIX, prefix="tmp/"), abort_after_days=2),
    )

    assert apply_lifecycle(bucket, at(2030, 1, 3, 23)) == []
    (action,) = apply_lifecycle(bucket, at(2030, 1, 4))
    assert (action.kind, action.version_id) == (ActionKind.UPLOAD_ABORTED, stale.upload_id)
    assert [upload.upload_id for upload in bucket.uploads] == [other.upload_id]


def test_the_store_applies_every_bucket_up_to_its_clock(store: Store, clock):
    """``Store.apply_lifecycle`` (run before each request): due actions, by the clock."""
    first = store.create_bucket("first")
    second = store.create_bucket("second")
    for bucket in (first, second):
        bucket.put("k", b"x")
        configure(bucket, store.now(), expire_after(1))

    assert store.apply_lifecycle() == []
    clock.advance(_dt.timedelta(days=2))
    assert len(store.apply_lifecycle()) == 2
    assert first.current("k") is None and second.current("k") is None


def test_deleting_the_configuration_stops_it(make_bucket: MakeBucket):
    bucket = make_bucket()
    bucket.put("k", b"x", now=at(2030, 1, 1))
    configure(bucket, at(2030, 1, 1), expire_after(1))
    bucket.set_lifecycle(None, at(2030, 1, 1, 1))
    assert apply_lifecycle(bucket, at(2031, 1, 1)) == []
    assert bucket.current("k") is not None


def test_objects_are_looked_at_only_once_a_midnight_has_passed(make_bucket: MakeBucket, monkeypatch):
    """Run before every request, lifecycle must stay cheap: between two midnights nothing
    can fall due, so the bucket's keys are not walked again."""
    bucket = make_bucket()
    bucket.put("k", b"x", now=at(2030, 1, 1))
    configure(bucket, at(2030, 1, 1), expire_after(30))
    walks = []
    real = bucket.versions
    monkeypatch.setattr(bucket, "versions", lambda key: walks.append(key) or real(key))

    apply_lifecycle(bucket, at(2030, 1, 1, 18))
    assert walks == []
    apply_lifecycle(bucket, at(2030, 1, 2, 1))
    assert walks == ["k"]
    apply_lifecycle(bucket, at(2030, 1, 2, 23))
    assert walks == ["k"]
