"""Directory buckets in the model: names, zones, ETags, appends, listing order, sessions,
and the conditions only directory buckets take. Pure: no botocore."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest

from s3double.model.appends import MAX_PARTS, AppendRefusal, AppendRefused, append
from s3double.model.bucket import BucketKind
from s3double.model.conditions import DeleteCondition, condition_refusal, unmet_condition
from s3double.model.deletion import delete_key
from s3double.model.directory_listing import list_directory, listing_position
from s3double.model.naming import directory_bucket_zone, is_valid_bucket_name, region_of_zone
from s3double.model.object_options import with_part_sizes
from s3double.model.outcomes import Deleted, Refusal, Refused
from s3double.model.sessions import (
    SessionMode,
    SessionRefusal,
    create_session,
    read_token,
    session_refusal,
)
from s3double.model.store import Store
from s3double.model.uploads import part_sizes, part_window
from s3double.model.versions import ObjectVersion

UTC = dt.timezone.utc
NOW = dt.datetime(2025, 6, 1, 12, 0, 0, tzinfo=UTC)
NAME = "logs--usw2-az1--x-s3"


@pytest.fixture
def bucket():  # noqa: ANN201
    return Store().create_directory_bucket(NAME)


# -- names and zones -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "zone"), [
    (NAME, "usw2-az1"),
    ("a--use1-az4--x-s3", "use1-az4"),
    ("my-base-1--apne1-az4--x-s3", "apne1-az4"),
    ("edge--usw2-lax1-az1--x-s3", "usw2-lax1-az1"),  # a Local Zone id
])
def test_directory_names_carry_their_zone(name, zone):
    assert directory_bucket_zone(name) == zone
    assert not is_valid_bucket_name(name)  # never a general purpose name


@pytest.mark.parametrize("name", [
    "bucket--x-s3",                   # no zone
    "logs--usw2-az1",                 # no suffix
    "Logs--usw2-az1--x-s3",           # uppercase
    "lo.gs--usw2-az1--x-s3",          # dots are for general purpose buckets
    "-logs--usw2-az1--x-s3",          # begins with a hyphen
    "logs---usw2-az1--x-s3",          # base ends with a hyphen
    "logs--usw2-1--x-s3",             # not a zone id
    "xn--logs--usw2-az1--x-s3",       # reserved prefix
    "sthree-logs--usw2-az1--x-s3",
    "amzn-s3-demo-logs--usw2-az1--x-s3",
    "a" * 48 + "--usw2-az1--x-s3",    # 64 characters
    "logs--usw2-az1--x-s3\n",
])
def test_names_that_are_not_directory_names(name):
    assert directory_bucket_zone(name) is None


def test_longest_directory_name_is_63_characters():
    name = "a" * 47 + "--usw2-az1--x-s3"
    assert len(name) == 63 and directory_bucket_zone(name) == "usw2-az1"


@pytest.mark.parametrize(("zone", "region"), [
    ("usw2-az1", "us-west-2"), ("use1-az4", "us-east-1"), ("apne1-az4", "ap-northeast-1"),
    ("euw1-az3", "eu-west-1"), ("eun1-az1", "eu-north-1"), ("aps1-az1", "ap-south-1"),
    ("apse2-az1", "ap-southeast-2"), ("usw2-lax1-az1", "us-west-2"),
])
def test_zone_regions(zone, region):
    assert region_of_zone(zone) == region


def test_store_creates_directory_buckets_from_their_name(bucket):
    assert (bucket.kind, bucket.zone_id, bucket.region) == (
        BucketKind.DIRECTORY, "usw2-az1", "us-west-2"
    )
    with pytest.raises(ValueError, match="not a directory bucket name"):
        Store().create_directory_bucket("plain-bucket")


def test_a_zone_shaped_id_that_names_no_region_needs_one():
    name = "x--abcde1-az1--x-s3"
    assert directory_bucket_zone(name) == "abcde1-az1" and region_of_zone("abcde1-az1") is None
    with pytest.raises(ValueError, match="names no Region"):
        Store().create_directory_bucket(name)
    assert Store().create_directory_bucket(name, region="eu-west-1").region == "eu-west-1"


# -- ETags -----------------------------------------------------------------------------


def test_directory_etags_are_random_32_hex_not_the_md5(bucket):
    first = bucket.put("k", b"same", now=NOW)
    second = bucket.put("k", b"same", now=NOW)
    for version in (first, second):
        assert re.fullmatch(r'"[0-9a-f]{32}"', version.etag)
        assert version.etag != f'"{hashlib.md5(b"same").hexdigest()}"'
    assert first.etag != second.etag


def test_general_purpose_etags_stay_the_md5():
    bucket = Store().create_bucket("plain")
    assert bucket.put("k", b"same", now=NOW).etag == f'"{hashlib.md5(b"same").hexdigest()}"'


# -- appends ---------------------------------------------------------------------------


def test_offset_zero_creates_and_the_size_is_the_next_offset(bucket):
    created = append(bucket, "log", b"one\n", offset=0, now=NOW, content_type="text/plain")
    grown = append(bucket, "log", b"two\n", offset=4, now=NOW + dt.timedelta(seconds=1))
    assert isinstance(created, ObjectVersion) and isinstance(grown, ObjectVersion)
    assert (grown.body, grown.size, grown.parts, grown.content_type) == (
        b"one\ntwo\n", 8, 2, "text/plain"
    )
    assert grown.last_modified == NOW + dt.timedelta(seconds=1)
    assert grown.etag != created.etag
    assert bucket.current("log") == grown


@pytest.mark.parametrize("offset", [0, 3, 5, 100])
def test_an_offset_other_than_the_size_is_refused(bucket, offset):
    bucket.put("log", b"four", now=NOW)
    assert append(bucket, "log", b"x", offset=offset, now=NOW) == AppendRefused(
        AppendRefusal.WRONG_OFFSET, 4
    )
    assert bucket.current("log").body == b"four"


def test_a_missing_object_takes_only_offset_zero(bucket):
    assert append(bucket, "new", b"x", offset=1, now=NOW) == AppendRefused(
        AppendRefusal.WRONG_OFFSET, 0
    )
    assert bucket.current("new") is None


def test_empty_appends_and_metadata_on_existing_objects_are_refused(bucket):
    assert append(bucket, "log", b"", offset=0, now=NOW).reason is AppendRefusal.EMPTY_BODY
    bucket.put("log", b"a", now=NOW)
    refused = append(bucket, "log", b"b", offset=1, now=NOW, metadata={"m": "1"})
    assert refused == AppendRefused(AppendRefusal.METADATA, 1)
    created = append(bucket, "other", b"b", offset=0, now=NOW, metadata={"m": "1"})
    assert created.metadata == {"m": "1"}


def test_an_object_holds_at_most_10000_parts(bucket):
    bucket.put("log", b"x", now=NOW, parts=MAX_PARTS - 1)
    last = append(bucket, "log", b"y", offset=1, now=NOW)
    assert isinstance(last, ObjectVersion) and last.parts == MAX_PARTS
    assert append(bucket, "log", b"z", offset=2, now=NOW) == AppendRefused(
        AppendRefusal.TOO_MANY_PARTS, 2
    )
    assert bucket.current("log").body == b"xy"


def test_an_append_to_a_multipart_object_is_one_more_part_of_it(bucket):
    """GetObject's partNumber reads the part sizes a multipart object keeps."""
    bucket.put("log", b"aaabb", now=NOW, parts=2, options=with_part_sizes(None, (3, 2)))

    grown = append(bucket, "log", b"cccc", offset=5, now=NOW)

    assert (grown.parts, part_sizes(grown)) == (3, (3, 2, 4))
    assert part_window(grown, 3) == (5, 8)
    plain = append(bucket, "plain", b"x", offset=0, now=NOW)
    assert append(bucket, "plain", b"y", offset=1, now=NOW).options is plain.options is None


# -- listing ---------------------------------------------------------------------------


KEYS = [f"k{number:02d}" for number in range(20)]


def test_listing_order_is_fixed_and_not_alphabetical(bucket):
    for key in KEYS:
        bucket.put(key, b"x", now=NOW)
    listed = [version.key for version in list_directory(bucket).objects]
    assert sorted(listed) == KEYS
    assert listed != KEYS
    assert listed == sorted(KEYS, key=listing_position)


def test_pages_resume_after_the_last_name(bucket):
    for key in KEYS:
        bucket.put(key, b"x", now=NOW)
    seen: list[str] = []
    after = None
    while True:
        page = list_directory(bucket, after=after, max_keys=7)
        seen.extend(version.key for version in page.objects)
        if not page.is_truncated:
            break
        after = page.last
    assert seen == [version.key for version in list_directory(bucket).objects]


def test_common_prefixes_include_those_of_uploads_in_progress(bucket):
    bucket.put("a/1", b"x", now=NOW)
    bucket.put("top", b"x", now=NOW)
    bucket.uploads.initiate("b/big", initiated=NOW, initiator="123456789012")
    page = list_directory(bucket, delimiter="/")
    assert sorted(page.common_prefixes) == ["a/", "b/"]
    assert [version.key for version in page.objects] == ["top"]
    assert [version.key for version in list_directory(bucket, prefix="b/").objects] == []


# -- conditions ------------------------------------------------------------------------


def test_size_and_time_conditions_name_what_failed(bucket):
    current = bucket.put("k", b"four", now=NOW.replace(microsecond=500_000))
    assert unmet_condition(current, DeleteCondition(size=4, last_modified=NOW)) is None
    assert unmet_condition(current, DeleteCondition(size=5)) == "Size"
    later = NOW + dt.timedelta(seconds=1)
    assert unmet_condition(current, DeleteCondition(last_modified=later)) == "LastModifiedTime"
    assert unmet_condition(current, DeleteCondition(etag='"x"', size=5)) == "ETag"


def test_size_and_time_conditions_on_a_missing_key_delete(bucket):
    condition = DeleteCondition(size=1, last_modified=NOW)
    assert condition_refusal(bucket, "gone", condition) is None
    assert delete_key(bucket, "gone", condition=condition, now=NOW) == Deleted("gone")


def test_a_failed_size_condition_keeps_the_object(bucket):
    bucket.put("k", b"four", now=NOW)
    outcome = delete_key(bucket, "k", condition=DeleteCondition(size=3), now=NOW)
    assert outcome == Refused("k", None, Refusal.PRECONDITION_FAILED)
    assert bucket.current("k").body == b"four"


# -- sessions --------------------------------------------------------------------------


def test_sessions_look_like_s3s_and_last_five_minutes():
    session = create_session(NAME, SessionMode.READ_WRITE, NOW)
    assert re.fullmatch(r"ASIA[A-Z2-7]{16}", session.access_key_id)
    assert len(session.secret_access_key) == 40
    assert len(session.token) > 200
    assert session.expiration == NOW + dt.timedelta(minutes=5)
    read = read_token(session.token)
    assert (read.bucket, read.mode, read.expiration) == (NAME, SessionMode.READ_WRITE,
                                                         session.expiration)


def test_session_refusals():
    read_write = create_session(NAME, SessionMode.READ_WRITE, NOW).token
    read_only = create_session(NAME, SessionMode.READ_ONLY, NOW).token
    assert session_refusal(read_write, NAME, "PutObject", NOW) is None
    assert session_refusal(read_only, NAME, "GetObject", NOW) is None
    assert session_refusal(read_only, NAME, "PutObject", NOW) is SessionRefusal.READ_ONLY
    assert session_refusal(read_write, "other--usw2-az1--x-s3", "GetObject", NOW) is (
        SessionRefusal.OTHER_BUCKET
    )
    expiry = NOW + dt.timedelta(minutes=5)
    assert session_refusal(read_write, NAME, "GetObject", expiry - dt.timedelta(seconds=1)) is None
    assert session_refusal(read_write, NAME, "GetObject", expiry) is SessionRefusal.EXPIRED


@pytest.mark.parametrize("token", ["", "not base64!", "QUJD", "A" * 300])
def test_tokens_s3double_did_not_make_are_malformed(token):
    assert read_token(token) is None
    assert session_refusal(token, NAME, "GetObject", NOW) is SessionRefusal.MALFORMED


def test_a_tampered_token_is_malformed():
    token = create_session(NAME, SessionMode.READ_ONLY, NOW).token
    import base64

    raw = bytearray(base64.b64decode(token))
    raw[-1] ^= 1
    assert read_token(base64.b64encode(bytes(raw)).decode()) is None
