"""Object lock through a default boto3 client: lock configuration, retention and legal
hold on PutObject and on their own operations, what GET/HEAD report, and enforcement
in DeleteObject and DeleteObjects.

Spec: issue 3 ("Object lock", "Time"); wire shapes and messages from
tests/data/aws/facts-object-lock.md sections 1, 2 and 4 to 8 (recorded unless noted
there).
The errors each operation answers to misuse are in test_object_lock_errors.py.
"""

from __future__ import annotations

import datetime as _dt
from contextlib import contextmanager

import pytest
from delete_support import VERSION_ID, s3_error, versions_state
from s3_refusals import snapshot

# tests/data/aws/facts-object-lock.md section 8 (current AWS wording).
PROTECTED = "Access Denied because object protected by object lock."
UTC = _dt.timezone.utc
NOW = _dt.datetime(2030, 6, 1, 12, 0, 0, tzinfo=UTC)
DAY = _dt.timedelta(days=1)
UNTIL = NOW + 30 * DAY
LOCK_FIELDS = ("ObjectLockMode", "ObjectLockRetainUntilDate", "ObjectLockLegalHoldStatus")


@pytest.fixture
def now(s3double):
    """The double's clock, stopped at NOW."""
    s3double.clock.set(NOW)
    return NOW


@pytest.fixture
def lock_bucket(s3, now):
    s3.create_bucket(Bucket="locked-one", ObjectLockEnabledForBucket=True)
    return "locked-one"


def state(store):
    """Every bucket's objects and settings, lock and MFA included."""
    settings = [(b.object_lock_enabled, b.default_retention, b.mfa_delete) for b in store]
    return list(zip(snapshot(store), settings, strict=True))


@contextmanager
def unchanged(store):
    before = state(store)
    yield
    assert state(store) == before, "a refused request changed the store"


def lock_of(response):
    """The lock fields a GetObject / HeadObject response carries."""
    return {name: response[name] for name in LOCK_FIELDS if name in response}


def put_locked(s3, bucket, key, body=b"locked", **lock):
    return s3.put_object(Bucket=bucket, Key=key, Body=body, **lock)["VersionId"]


def governance(until=UNTIL):
    return {"ObjectLockMode": "GOVERNANCE", "ObjectLockRetainUntilDate": until}


def compliance(until=UNTIL):
    return {"ObjectLockMode": "COMPLIANCE", "ObjectLockRetainUntilDate": until}


HOLD = {"ObjectLockLegalHoldStatus": "ON"}


# -- CreateBucket with object lock -----------------------------------------------------------


def test_create_bucket_with_object_lock_enables_versioning(s3, lock_bucket):
    versioning = s3.get_bucket_versioning(Bucket=lock_bucket)
    assert {k: v for k, v in versioning.items() if k != "ResponseMetadata"} == {"Status": "Enabled"}
    configuration = s3.get_object_lock_configuration(Bucket=lock_bucket)
    assert configuration["ObjectLockConfiguration"] == {"ObjectLockEnabled": "Enabled"}
    assert VERSION_ID.fullmatch(s3.put_object(Bucket=lock_bucket, Key="k", Body=b"x")["VersionId"])


def test_create_bucket_with_object_lock_false_is_a_plain_bucket(s3, s3double):
    s3.create_bucket(Bucket="plain-one", ObjectLockEnabledForBucket=False)
    versioning = s3.get_bucket_versioning(Bucket="plain-one")
    assert "Status" not in versioning
    with s3_error(s3, 404, "ObjectLockConfigurationNotFoundError",
                  "Object Lock configuration does not exist for this bucket", BucketName="plain-one"):
        s3.get_object_lock_configuration(Bucket="plain-one")
    assert s3double.store.bucket("plain-one").object_lock_enabled is False


# -- Put/GetObjectLockConfiguration ------------------------------------------------------------

RULES = [
    pytest.param({"Mode": "GOVERNANCE", "Days": 1}, NOW + DAY, id="governance-1-day"),
    pytest.param({"Mode": "COMPLIANCE", "Days": 30}, NOW + 30 * DAY, id="compliance-30-days"),
    pytest.param({"Mode": "GOVERNANCE", "Years": 2}, NOW.replace(year=2032), id="governance-2-years"),
    pytest.param({"Mode": "COMPLIANCE", "Years": 1}, NOW.replace(year=2031), id="compliance-1-year"),
]


@pytest.mark.parametrize(("rule", "until"), RULES)
def test_default_retention_is_stored_reported_and_applied(s3, lock_bucket, rule, until):
    response = s3.put_object_lock_configuration(
        Bucket=lock_bucket,
        ObjectLockConfiguration={"ObjectLockEnabled": "Enabled",
                                 "Rule": {"DefaultRetention": rule}},
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert s3.get_object_lock_configuration(Bucket=lock_bucket)["ObjectLockConfiguration"] == {
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": rule},
    }
    s3.put_object(Bucket=lock_bucket, Key="k", Body=b"x")
    head = s3.head_object(Bucket=lock_bucket, Key="k")
    assert head["LastModified"] == NOW
    assert lock_of(head) == {"ObjectLockMode": rule["Mode"], "ObjectLockRetainUntilDate": until}


def test_put_without_rule_removes_the_default(s3, lock_bucket):
    s3.put_object_lock_configuration(
        Bucket=lock_bucket,
        ObjectLockConfiguration={"ObjectLockEnabled": "Enabled",
                                 "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}},
    )
    before = put_locked(s3, lock_bucket, "k")
    s3.put_object_lock_configuration(
        Bucket=lock_bucket, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"}
    )
    assert s3.get_object_lock_configuration(Bucket=lock_bucket)["ObjectLockConfiguration"] == {
        "ObjectLockEnabled": "Enabled"
    }
    after = put_locked(s3, lock_bucket, "k")
    assert lock_of(s3.head_object(Bucket=lock_bucket, Key="k", VersionId=after)) == {}
    assert lock_of(s3.head_object(Bucket=lock_bucket, Key="k", VersionId=before)) == {
        "ObjectLockMode": "GOVERNANCE", "ObjectLockRetainUntilDate": NOW + DAY,
    }


def test_explicit_lock_headers_beat_the_default(s3, lock_bucket):
    s3.put_object_lock_configuration(
        Bucket=lock_bucket,
        ObjectLockConfiguration={"ObjectLockEnabled": "Enabled",
                                 "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}},
    )
    put_locked(s3, lock_bucket, "k", **compliance())
    assert lock_of(s3.head_object(Bucket=lock_bucket, Key="k")) == {
        "ObjectLockMode": "COMPLIANCE", "ObjectLockRetainUntilDate": UNTIL,
    }


def test_lock_on_a_versioned_bucket_with_objects_applies_to_new_versions_only(
    s3, s3double, versioned_bucket, now
):
    """Recorded against AWS (marmotitude s3-specs): old versions keep no lock and stay
    deletable; versions written afterwards get the default retention."""
    old = put_locked(s3, versioned_bucket, "k", b"old")
    s3.put_object_lock_configuration(
        Bucket=versioned_bucket,
        ObjectLockConfiguration={"ObjectLockEnabled": "Enabled",
                                 "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}},
    )
    assert s3.get_object_lock_configuration(Bucket=versioned_bucket)["ObjectLockConfiguration"] == {
        "ObjectLockEnabled": "Enabled",
        "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}},
    }
    new = put_locked(s3, versioned_bucket, "k", b"new")
    assert lock_of(s3.head_object(Bucket=versioned_bucket, Key="k", VersionId=old)) == {}
    assert lock_of(s3.head_object(Bucket=versioned_bucket, Key="k", VersionId=new)) == {
        "ObjectLockMode": "GOVERNANCE", "ObjectLockRetainUntilDate": NOW + DAY,
    }

    deleted = s3.delete_object(Bucket=versioned_bucket, Key="k", VersionId=old)
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied", PROTECTED):
        s3.delete_object(Bucket=versioned_bucket, Key="k", VersionId=new)
    assert [row[2] for row in versions_state(s3, versioned_bucket)] == [new]


# -- PutObject with lock headers; GET and HEAD ----------------------------------------------------

PUT_LOCKS = [
    pytest.param(governance(), {"ObjectLockMode": "GOVERNANCE", "ObjectLockRetainUntilDate": UNTIL},
                 id="governance"),
    pytest.param({**compliance(), **HOLD},
                 {"ObjectLockMode": "COMPLIANCE", "ObjectLockRetainUntilDate": UNTIL,
                  "ObjectLockLegalHoldStatus": "ON"}, id="compliance-and-hold"),
    pytest.param(HOLD, {"ObjectLockLegalHoldStatus": "ON"}, id="hold-on"),
    pytest.param({"ObjectLockLegalHoldStatus": "OFF"}, {"ObjectLockLegalHoldStatus": "OFF"},
                 id="hold-off"),
    pytest.param({}, {}, id="no-lock"),
]


@pytest.mark.parametrize("read", ["get_object", "head_object"])
@pytest.mark.parametrize(("lock", "reported"), PUT_LOCKS)
def test_put_object_lock_headers_are_reported_by_reads(s3, lock_bucket, lock, reported, read):
    version_id = put_locked(s3, lock_bucket, "k", **lock)
    assert lock_of(getattr(s3, read)(Bucket=lock_bucket, Key="k")) == reported
    assert lock_of(getattr(s3, read)(Bucket=lock_bucket, Key="k", VersionId=version_id)) == reported


def test_retain_until_date_header_is_iso_8601_with_milliseconds(s3, lock_bucket):
    put_locked(s3, lock_bucket, "k", **governance())
    sent = s3.head_object(Bucket=lock_bucket, Key="k")["ResponseMetadata"]["HTTPHeaders"]
    assert sent["x-amz-object-lock-retain-until-date"] == "2030-07-01T12:00:00.000Z"
    assert sent["x-amz-object-lock-mode"] == "GOVERNANCE"
    assert "x-amz-object-lock-legal-hold" not in sent


def test_retain_until_date_is_reported_to_the_millisecond(s3, lock_bucket):
    """botocore writes a body timestamp with microseconds; S3 answers in milliseconds."""
    put_locked(s3, lock_bucket, "k")
    s3.put_object_retention(
        Bucket=lock_bucket, Key="k",
        Retention={"Mode": "GOVERNANCE", "RetainUntilDate": UNTIL.replace(microsecond=123456)},
    )
    sent = s3.head_object(Bucket=lock_bucket, Key="k")["ResponseMetadata"]["HTTPHeaders"]
    assert sent["x-amz-object-lock-retain-until-date"] == "2030-07-01T12:00:00.123Z"
    assert retention_of(s3, lock_bucket, "k") == {
        "Mode": "GOVERNANCE", "RetainUntilDate": UNTIL.replace(microsecond=123000),
    }


def test_putting_back_the_reported_retention_is_not_a_shortening(s3, lock_bucket):
    """A COMPLIANCE retention read with GetObjectRetention and written back unchanged is
    neither shorter nor longer than the one S3 holds (S3 keeps millisecond precision,
    tests/data/aws/facts-object-lock.md section 4), so S3 accepts it."""
    put_locked(s3, lock_bucket, "k")
    s3.put_object_retention(
        Bucket=lock_bucket, Key="k",
        Retention={"Mode": "COMPLIANCE", "RetainUntilDate": UNTIL.replace(microsecond=123456)},
    )
    reported = retention_of(s3, lock_bucket, "k")
    response = s3.put_object_retention(Bucket=lock_bucket, Key="k", Retention=reported)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert retention_of(s3, lock_bucket, "k") == reported


def test_lock_is_per_version(s3, lock_bucket):
    locked = put_locked(s3, lock_bucket, "k", **compliance(), **HOLD)
    plain = put_locked(s3, lock_bucket, "k")
    assert lock_of(s3.head_object(Bucket=lock_bucket, Key="k", VersionId=plain)) == {}
    assert lock_of(s3.head_object(Bucket=lock_bucket, Key="k", VersionId=locked)) == {
        "ObjectLockMode": "COMPLIANCE", "ObjectLockRetainUntilDate": UNTIL,
        "ObjectLockLegalHoldStatus": "ON",
    }


# -- Put/GetObjectRetention -------------------------------------------------------------------


def retention_of(s3, bucket, key, version_id=None):
    extra = {"VersionId": version_id} if version_id else {}
    return s3.get_object_retention(Bucket=bucket, Key=key, **extra)["Retention"]


def test_retention_set_on_an_unlocked_version(s3, lock_bucket):
    put_locked(s3, lock_bucket, "k")
    response = s3.put_object_retention(
        Bucket=lock_bucket, Key="k", Retention={"Mode": "GOVERNANCE", "RetainUntilDate": UNTIL}
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert retention_of(s3, lock_bucket, "k") == {"Mode": "GOVERNANCE", "RetainUntilDate": UNTIL}
    assert lock_of(s3.head_object(Bucket=lock_bucket, Key="k")) == {
        "ObjectLockMode": "GOVERNANCE", "ObjectLockRetainUntilDate": UNTIL,
    }


@pytest.mark.parametrize(
    ("lock", "proposed", "bypass"),
    [
        pytest.param(compliance(), {"Mode": "COMPLIANCE", "RetainUntilDate": UNTIL + DAY}, None,
                     id="compliance-extend"),
        pytest.param(governance(), {"Mode": "GOVERNANCE", "RetainUntilDate": UNTIL + DAY}, None,
                     id="governance-extend"),
        pytest.param(governance(), {"Mode": "GOVERNANCE", "RetainUntilDate": UNTIL - DAY}, True,
                     id="governance-shorten-bypass"),
        pytest.param(governance(), {"Mode": "COMPLIANCE", "RetainUntilDate": UNTIL}, True,
                     id="governance-to-compliance-bypass"),
    ],
)
def test_allowed_retention_changes(s3, lock_bucket, lock, proposed, bypass):
    version_id = put_locked(s3, lock_bucket, "k", **lock)
    extra = {} if bypass is None else {"BypassGovernanceRetention": bypass}
    s3.put_object_retention(Bucket=lock_bucket, Key="k", VersionId=version_id, Retention=proposed,
                            **extra)
    assert retention_of(s3, lock_bucket, "k", version_id) == proposed


def test_governance_removed_with_bypass_then_shorter_without(s3, lock_bucket):
    """LocalStack's recorded sequence: an empty <Retention/> with the bypass removes it;
    afterwards a shorter retention needs no bypass."""
    put_locked(s3, lock_bucket, "k", **governance())
    s3.put_object_retention(Bucket=lock_bucket, Key="k", Retention={},
                            BypassGovernanceRetention=True)
    assert lock_of(s3.head_object(Bucket=lock_bucket, Key="k")) == {}
    shorter = {"Mode": "GOVERNANCE", "RetainUntilDate": NOW + DAY}
    s3.put_object_retention(Bucket=lock_bucket, Key="k", Retention=shorter)
    assert retention_of(s3, lock_bucket, "k") == shorter


def test_retention_targets_the_named_version_only(s3, lock_bucket):
    older = put_locked(s3, lock_bucket, "k")
    newer = put_locked(s3, lock_bucket, "k")
    wanted = {"Mode": "COMPLIANCE", "RetainUntilDate": UNTIL}
    s3.put_object_retention(Bucket=lock_bucket, Key="k", VersionId=older, Retention=wanted)
    assert retention_of(s3, lock_bucket, "k", older) == wanted
    assert lock_of(s3.head_object(Bucket=lock_bucket, Key="k", VersionId=newer)) == {}


# -- Put/GetObjectLegalHold ---------------------------------------------------------------------


def hold_of(s3, bucket, key, version_id):
    return s3.get_object_legal_hold(Bucket=bucket, Key=key, VersionId=version_id)["LegalHold"]


def test_legal_hold_on_then_off(s3, lock_bucket):
    version_id = put_locked(s3, lock_bucket, "k")
    for status in ("ON", "OFF"):
        response = s3.put_object_legal_hold(Bucket=lock_bucket, Key="k",
                                            LegalHold={"Status": status})
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
        assert hold_of(s3, lock_bucket, "k", version_id) == {"Status": status}
        assert lock_of(s3.head_object(Bucket=lock_bucket, Key="k")) == {
            "ObjectLockLegalHoldStatus": status
        }


def test_legal_hold_is_per_version(s3, lock_bucket):
    first = put_locked(s3, lock_bucket, "k")
    second = put_locked(s3, lock_bucket, "k")
    s3.put_object_legal_hold(Bucket=lock_bucket, Key="k", VersionId=first, LegalHold={"Status": "ON"})
    s3.put_object_legal_hold(Bucket=lock_bucket, Key="k", VersionId=second,
                             LegalHold={"Status": "OFF"})
    assert [hold_of(s3, lock_bucket, "k", v) for v in (first, second)] == [
        {"Status": "ON"}, {"Status": "OFF"},
    ]


def test_legal_hold_put_with_the_object_is_read_back(s3, lock_bucket):
    version_id = put_locked(s3, lock_bucket, "k", **HOLD)
    assert hold_of(s3, lock_bucket, "k", version_id) == {"Status": "ON"}


def test_releasing_the_legal_hold_makes_the_version_deletable(s3, lock_bucket):
    version_id = put_locked(s3, lock_bucket, "k", **HOLD)
    s3.put_object_legal_hold(Bucket=lock_bucket, Key="k", LegalHold={"Status": "OFF"})
    response = s3.delete_object(Bucket=lock_bucket, Key="k", VersionId=version_id)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert versions_state(s3, lock_bucket) == []


# -- enforcement in DeleteObject and DeleteObjects --------------------------------------------------

REFUSED = [
    pytest.param(governance(), None, id="governance"),
    pytest.param(governance(), False, id="governance-bypass-false"),
    pytest.param(compliance(), None, id="compliance"),
    pytest.param(compliance(), True, id="compliance-bypass"),
    pytest.param(HOLD, None, id="legal-hold"),
    pytest.param(HOLD, True, id="legal-hold-bypass"),
    pytest.param({**governance(), **HOLD}, True, id="legal-hold-and-governance-bypass"),
]


def bypass_of(bypass):
    return {} if bypass is None else {"BypassGovernanceRetention": bypass}


@pytest.mark.parametrize(("lock", "bypass"), REFUSED)
def test_delete_object_refuses_a_protected_version(s3, s3double, lock_bucket, lock, bypass):
    version_id = put_locked(s3, lock_bucket, "k", **lock)
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied", PROTECTED) as caught:
        s3.delete_object(Bucket=lock_bucket, Key="k", VersionId=version_id, **bypass_of(bypass))
    assert set(caught.value.response["Error"]) == {"Code", "Message"}
    assert [row[2] for row in versions_state(s3, lock_bucket)] == [version_id]


@pytest.mark.parametrize(("lock", "bypass"), REFUSED)
def test_delete_objects_refuses_a_protected_version_per_key(s3, s3double, lock_bucket, lock,
                                                             bypass):
    locked = put_locked(s3, lock_bucket, "locked", **lock)
    free = put_locked(s3, lock_bucket, "free")
    put_locked(s3, lock_bucket, "current")
    before = state(s3double.store)

    response = s3.delete_objects(
        Bucket=lock_bucket,
        Delete={"Objects": [{"Key": "locked", "VersionId": locked},
                            {"Key": "free", "VersionId": free},
                            {"Key": "current"}]},
        **bypass_of(bypass),
    )

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["Errors"] == [
        {"Key": "locked", "VersionId": locked, "Code": "AccessDenied", "Message": PROTECTED}
    ]
    deleted = {entry["Key"]: entry for entry in response["Deleted"]}
    assert deleted["free"] == {"Key": "free", "VersionId": free}
    assert deleted["current"]["DeleteMarker"] is True
    assert state(s3double.store) != before
    remaining = s3double.store.bucket(lock_bucket).versions("locked")
    assert [v.version_id for v in remaining] == [locked]


@pytest.mark.parametrize("operation", ["delete_object", "delete_objects"])
def test_governance_yields_to_bypass_true(s3, lock_bucket, operation):
    version_id = put_locked(s3, lock_bucket, "k", **governance())
    if operation == "delete_object":
        response = s3.delete_object(Bucket=lock_bucket, Key="k", VersionId=version_id,
                                    BypassGovernanceRetention=True)
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
        assert response["VersionId"] == version_id
    else:
        response = s3.delete_objects(
            Bucket=lock_bucket, Delete={"Objects": [{"Key": "k", "VersionId": version_id}]},
            BypassGovernanceRetention=True,
        )
        assert response["Deleted"] == [{"Key": "k", "VersionId": version_id}]
        assert "Errors" not in response
    assert versions_state(s3, lock_bucket) == []


def test_bypass_header_string_false_is_sent_and_read_as_false(s3, lock_bucket):
    """The issue's regression: ``x-amz-bypass-governance-retention: false`` must not bypass."""
    version_id = put_locked(s3, lock_bucket, "k", **governance())
    sent = {}
    s3.meta.events.register_first(
        "before-send.s3.DeleteObject",
        lambda request, **_: sent.update(request.headers),
        unique_id="lock-tests-sent-headers",
    )
    with s3_error(s3, 403, "AccessDenied", PROTECTED):
        s3.delete_object(Bucket=lock_bucket, Key="k", VersionId=version_id,
                         BypassGovernanceRetention=False)
    assert sent["x-amz-bypass-governance-retention"] == b"false"
    assert [row[2] for row in versions_state(s3, lock_bucket)] == [version_id]


@pytest.mark.parametrize("operation", ["delete_object", "delete_objects"])
@pytest.mark.parametrize("lock", [compliance(NOW + DAY), governance(NOW + DAY)],
                         ids=["compliance", "governance"])
def test_expired_retention_no_longer_protects(s3, s3double, lock_bucket, lock, operation):
    version_id = put_locked(s3, lock_bucket, "k", **lock)
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied", PROTECTED):
        s3.delete_object(Bucket=lock_bucket, Key="k", VersionId=version_id)
    s3double.clock.advance(DAY + _dt.timedelta(seconds=1))
    if operation == "delete_object":
        s3.delete_object(Bucket=lock_bucket, Key="k", VersionId=version_id)
    else:
        response = s3.delete_objects(
            Bucket=lock_bucket, Delete={"Objects": [{"Key": "k", "VersionId": version_id}]}
        )
        assert response["Deleted"] == [{"Key": "k", "VersionId": version_id}]
    assert versions_state(s3, lock_bucket) == []


def test_clock_follows_the_system_clock_until_set(s3double):
    """Issue 3, "Time": the double's clock follows the system clock (so freezegun and
    time-machine move it); ``set`` stops it and ``advance`` moves it on."""
    before = _dt.datetime.now(UTC)
    reading = s3double.clock.now()
    assert before - _dt.timedelta(seconds=1) <= reading <= _dt.datetime.now(UTC)
    s3double.clock.set(NOW)
    s3double.clock.advance(90)
    assert s3double.clock.now() == NOW + _dt.timedelta(seconds=90)


@pytest.mark.parametrize("bypass", [None, True, False], ids=["no-header", "bypass", "bypass-false"])
@pytest.mark.parametrize("lock", [compliance(), governance(), HOLD],
                         ids=["compliance", "governance", "legal-hold"])
def test_delete_object_without_version_id_adds_a_marker(s3, lock_bucket, lock, bypass):
    version_id = put_locked(s3, lock_bucket, "k", **lock)
    response = s3.delete_object(Bucket=lock_bucket, Key="k", **bypass_of(bypass))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert response["DeleteMarker"] is True
    assert sorted(row[:4] for row in versions_state(s3, lock_bucket)) == [
        ("marker", "k", response["VersionId"], True), ("version", "k", version_id, False),
    ]


@pytest.mark.parametrize("lock", [compliance(), governance(), HOLD],
                         ids=["compliance", "governance", "legal-hold"])
def test_delete_objects_without_version_id_adds_a_marker(s3, lock_bucket, lock):
    version_id = put_locked(s3, lock_bucket, "k", **lock)
    response = s3.delete_objects(Bucket=lock_bucket, Delete={"Objects": [{"Key": "k"}]})
    [entry] = response["Deleted"]
    assert entry["DeleteMarker"] is True and entry["Key"] == "k"
    assert sorted(row[:4] for row in versions_state(s3, lock_bucket)) == [
        ("marker", "k", entry["DeleteMarkerVersionId"], True), ("version", "k", version_id, False),
    ]


@pytest.mark.parametrize("operation", ["delete_object", "delete_objects"])
def test_a_delete_marker_is_deletable_by_id(s3, lock_bucket, operation):
    """Even under a COMPLIANCE default rule a delete marker carries no lock."""
    s3.put_object_lock_configuration(
        Bucket=lock_bucket,
        ObjectLockConfiguration={"ObjectLockEnabled": "Enabled",
                                 "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Years": 1}}},
    )
    version_id = put_locked(s3, lock_bucket, "k")
    marker = s3.delete_object(Bucket=lock_bucket, Key="k")["VersionId"]
    if operation == "delete_object":
        response = s3.delete_object(Bucket=lock_bucket, Key="k", VersionId=marker)
        assert (response["DeleteMarker"], response["VersionId"]) == (True, marker)
    else:
        response = s3.delete_objects(
            Bucket=lock_bucket, Delete={"Objects": [{"Key": "k", "VersionId": marker}]}
        )
        assert response["Deleted"] == [{"Key": "k", "VersionId": marker, "DeleteMarker": True,
                                        "DeleteMarkerVersionId": marker}]
    assert [row[:4] for row in versions_state(s3, lock_bucket)] == [
        ("version", "k", version_id, True)
    ]
    assert lock_of(s3.head_object(Bucket=lock_bucket, Key="k")) == {
        "ObjectLockMode": "COMPLIANCE", "ObjectLockRetainUntilDate": NOW.replace(year=2031),
    }


def test_overwriting_a_locked_key_adds_a_version(s3, lock_bucket):
    locked = put_locked(s3, lock_bucket, "k", b"old", **compliance())
    newer = put_locked(s3, lock_bucket, "k", b"new")
    assert s3.get_object(Bucket=lock_bucket, Key="k")["Body"].read() == b"new"
    assert s3.get_object(Bucket=lock_bucket, Key="k", VersionId=locked)["Body"].read() == b"old"
    assert sorted(row[2] for row in versions_state(s3, lock_bucket)) == sorted([locked, newer])
