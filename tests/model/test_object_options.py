"""The write options in the model: canned ACLs and grant headers, KMS key ids and SSE-C
keys, storage classes, restores on the clock.

Sources: tests/data/aws/facts-acl-ownership.md §1-§2, facts-encryption.md §3-§4,
facts-storage-class-restore.md §1-§4 (restore times and expiry: the user guide's
"Archive retrieval options" and "Restoring an archived object", quoted in §4).
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib

import pytest

from s3double.model import acl, encryption, storage
from s3double.model.object_options import Grant, ObjectOptions, Restore, compact, replaced

OWNER = acl.canonical_user_id("123456789012")
OTHER = acl.canonical_user_id("210987654321")
UTC = _dt.timezone.utc
KEY = b"1234567890abcdef1234567890abcdef"  # facts-encryption.md §4
KEY_B64 = base64.b64encode(KEY).decode()
KEY_MD5 = base64.b64encode(hashlib.md5(KEY).digest()).decode()


# -- ACLs -----------------------------------------------------------------------------------


def test_canonical_ids_are_64_hex_and_stable_per_account():
    assert acl.is_canonical_id(OWNER) and acl.canonical_user_id("123456789012") == OWNER
    assert OWNER != OTHER
    assert not acl.is_canonical_id("wrong-id") and not acl.is_canonical_id("111122223333")


@pytest.mark.parametrize(
    ("canned", "extra"),
    [
        ("private", []),
        ("public-read", [Grant("Group", acl.ALL_USERS, "READ")]),
        ("public-read-write", [Grant("Group", acl.ALL_USERS, "READ"),
                               Grant("Group", acl.ALL_USERS, "WRITE")]),
        ("authenticated-read", [Grant("Group", acl.AUTHENTICATED_USERS, "READ")]),
        ("aws-exec-read", [Grant("CanonicalUser", acl.EC2_BUNDLE_READER, "READ")]),
        ("bucket-owner-read", [Grant("CanonicalUser", OTHER, "READ")]),
        ("bucket-owner-full-control", [Grant("CanonicalUser", OTHER, "FULL_CONTROL")]),
    ],
)
def test_canned_acls_start_with_the_owner_full_control(canned, extra):  # §1.2
    grants = acl.canned_grants(canned, OWNER, OTHER)
    assert list(grants) == [Grant("CanonicalUser", OWNER, "FULL_CONTROL"), *extra]


def test_bucket_owner_full_control_by_the_bucket_owner_is_one_grant():
    assert acl.canned_grants("bucket-owner-full-control", OWNER, OWNER) == acl.owner_grant(OWNER)
    assert acl.grants_only_to(acl.canned_grants("bucket-owner-read", OWNER, OWNER), OWNER)
    assert not acl.grants_only_to(acl.canned_grants("private", OTHER, OWNER), OWNER)


def test_grant_headers_list_grantees_of_each_type():  # §2.2
    grants = acl.header_grants(
        "x-amz-grant-read", f'uri="{acl.LOG_DELIVERY}", id="{OTHER}"'
    )
    assert grants == (Grant("Group", acl.LOG_DELIVERY, "READ"), Grant("CanonicalUser", OTHER, "READ"))


@pytest.mark.parametrize(
    ("text", "reason", "value"),
    [
        ('uri="http://acs.amazonaws.com/groups/s3/FakeGroup"', acl.GrantReason.GROUP_URI,
         "http://acs.amazonaws.com/groups/s3/FakeGroup"),
        ('fakekey="1234"', acl.GrantReason.FORMAT, 'fakekey="1234"'),
        ('id="wrong-id"', acl.GrantReason.ID, "wrong-id"),
        ("id=unquoted", acl.GrantReason.FORMAT, "id=unquoted"),
        ('emailAddress="a@example.com"', acl.GrantReason.EMAIL, "a@example.com"),
    ],
)
def test_grant_headers_s3_refuses(text, reason, value):  # §2 (recorded), §2.3
    assert acl.header_grants("x-amz-grant-write", text) == acl.GrantProblem(reason, value)


def test_public_acls_are_those_granting_all_or_authenticated_users():  # §5.3
    assert acl.is_public(acl.canned_grants("authenticated-read", OWNER, OWNER))
    assert not acl.is_public(acl.canned_grants("aws-exec-read", OWNER, OWNER))
    assert not acl.is_public([Grant("Group", acl.LOG_DELIVERY, "WRITE")])


# -- encryption ------------------------------------------------------------------------------


def test_the_managed_key_is_one_per_account_and_region():  # facts-encryption.md §3.2
    key = encryption.managed_key_arn("us-east-1", "123456789012")
    assert key == encryption.managed_key_arn("us-east-1", "123456789012")
    assert key.startswith("arn:aws:kms:us-east-1:123456789012:key/")
    assert key != encryption.managed_key_arn("eu-west-1", "123456789012")
    assert encryption.managed_key_arn("cn-north-1", "1").startswith("arn:aws-cn:kms:")


def test_key_ids_resolve_to_the_full_arn():  # §3.1
    uuid = "0b6f4a8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c"
    arn = f"arn:aws:kms:us-east-1:123456789012:key/{uuid}"
    assert encryption.resolve_key_id(uuid, "us-east-1", "123456789012") == arn
    assert encryption.resolve_key_id(arn, "us-east-1", "123456789012") == arn
    assert encryption.resolve_key_id("alias/aws/s3", "us-east-1", "1") == encryption.managed_key_arn(
        "us-east-1", "1"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("fake-key-id", encryption.KeyIdProblem.INVALID),
        ("arn:aws:kms:us-west-2:123456789012:key/0b6f4a8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c",
         encryption.KeyIdProblem.OTHER_REGION),
        ("alias/my-key", encryption.KeyIdProblem.ALIAS),
        ("arn:aws:kms:us-east-1:123456789012:alias/my-key", encryption.KeyIdProblem.ALIAS),
        ("arn:aws:kms:us-east-1:123456789012:key/not-a-uuid", encryption.KeyIdProblem.INVALID),
    ],
)
def test_key_ids_s3_refuses(text, problem):  # §3.4
    assert encryption.resolve_key_id(text, "us-east-1", "123456789012") is problem


@pytest.mark.parametrize(
    ("algorithm", "key", "md5", "expected"),
    [
        ("AES256", KEY_B64, KEY_MD5, KEY_MD5),
        ("AES256", KEY_B64, None, KEY_MD5),  # botocore always sends it; computed if not
        ("KMS", KEY_B64, KEY_MD5, encryption.CustomerKeyProblem.ALGORITHM),
        (None, KEY_B64, KEY_MD5, encryption.CustomerKeyProblem.NO_ALGORITHM),
        ("AES256", None, KEY_MD5, encryption.CustomerKeyProblem.NO_KEY),
        ("AES256", base64.b64encode(b"0123456789").decode(), None,
         encryption.CustomerKeyProblem.KEY_SIZE),
        ("AES256", KEY_B64, base64.b64encode(b"x" * 16).decode(),
         encryption.CustomerKeyProblem.MD5_MISMATCH),
    ],
)
def test_customer_keys(algorithm, key, md5, expected):  # facts-encryption.md §4
    assert encryption.customer_key_md5(algorithm, key, md5) == expected


# -- storage classes and restores -----------------------------------------------------------


def test_options_holding_only_defaults_are_none():
    assert compact(ObjectOptions()) is None
    assert replaced(None, storage_class="GLACIER") == ObjectOptions(storage_class="GLACIER")
    assert replaced(ObjectOptions(storage_class="GLACIER"), storage_class="STANDARD") is None


@pytest.mark.parametrize("name", sorted(storage.GENERAL_PURPOSE_CLASSES))
def test_general_purpose_classes(name):  # facts-storage-class-restore.md §1.2
    assert storage.accepted(name, directory=False)
    assert not storage.accepted(name, directory=True)
    assert storage.readable(ObjectOptions(storage_class=name), _dt.datetime.now(UTC)) is (
        name not in ("GLACIER", "DEEP_ARCHIVE")
    )


@pytest.mark.parametrize("name", ["OUTPOSTS", "SNOW", "EXPRESS_ONEZONE", "FSX_OPENZFS", "x"])
def test_classes_a_general_purpose_bucket_does_not_store(name):  # §1.3
    assert not storage.accepted(name, directory=False)


def test_expiry_rounds_up_to_the_next_midnight_utc():
    """The user guide's example: 15 October 2012 10:30 UTC plus 3 days is available until
    19 October 00:00 UTC."""
    start = _dt.datetime(2012, 10, 15, 10, 30, tzinfo=UTC)
    assert storage.expiry(start, 3) == _dt.datetime(2012, 10, 19, tzinfo=UTC)
    assert storage.expiry(_dt.datetime(2012, 10, 16, 11, tzinfo=UTC), 1) == _dt.datetime(
        2012, 10, 18, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("storage_class", "tier", "hours"),
    [
        ("GLACIER", "Expedited", 5 / 60), ("GLACIER", "Standard", 5), ("GLACIER", "Bulk", 12),
        ("DEEP_ARCHIVE", "Standard", 12), ("DEEP_ARCHIVE", "Bulk", 48),
    ],
)
def test_a_restore_runs_for_its_tier_then_lasts_its_days(storage_class, tier, hours):
    now = _dt.datetime(2026, 3, 1, 8, tzinfo=UTC)
    options = ObjectOptions(storage_class=storage_class)
    started = storage.request_restore(options, 2, tier, now)
    assert started.outcome is storage.RestoreOutcome.STARTED
    restore = started.options.restore
    assert restore.ready_at == now + _dt.timedelta(hours=hours)
    assert restore.expires_at == storage.expiry(restore.ready_at, 2)
    just_before = restore.ready_at - _dt.timedelta(seconds=1)
    assert storage.restore_state(started.options, just_before) is storage.RestoreState.ONGOING
    assert not storage.readable(started.options, just_before)
    assert storage.request_restore(started.options, 2, tier, just_before).outcome is (
        storage.RestoreOutcome.IN_PROGRESS
    )
    assert storage.readable(started.options, restore.ready_at)
    assert not storage.readable(started.options, restore.expires_at)
    assert storage.restore_state(started.options, restore.expires_at) is None


def test_asking_again_once_restored_sets_a_new_expiry_from_now():
    now = _dt.datetime(2026, 3, 1, 8, tzinfo=UTC)
    options = ObjectOptions(storage_class="GLACIER", restore=Restore(now, now + _dt.timedelta(days=9)))
    later = now + _dt.timedelta(days=1)
    extended = storage.request_restore(options, 1, "Bulk", later)
    assert extended.outcome is storage.RestoreOutcome.EXTENDED
    assert extended.options.restore.expires_at == _dt.datetime(2026, 3, 4, tzinfo=UTC)


def test_expedited_is_not_offered_for_deep_archive_and_standard_objects_have_no_restore():
    now = _dt.datetime(2026, 3, 1, tzinfo=UTC)
    deep = ObjectOptions(storage_class="DEEP_ARCHIVE")
    assert storage.request_restore(deep, 1, "Expedited", now).outcome is (
        storage.RestoreOutcome.TIER_NOT_OFFERED
    )
    assert storage.request_restore(None, 1, "Standard", now).outcome is (
        storage.RestoreOutcome.NOT_ARCHIVED
    )
