"""ListObjectsV2, ListObjects and ListObjectVersions through boto3: prefix, delimiter,
MaxKeys, pagination, encoding, parameter checks (tests/data/aws/facts-listing.md).

Objects are seeded straight into the model; only the listing goes over the wire.
"""

from __future__ import annotations

from urllib.parse import unquote_plus

import boto3
import pytest
from botocore.config import Config
from s3_refusals import refused

KEYS = [
    "a.txt", "dir/a", "dir/b", "dir/sub/c", "dir2/x", "e",
    "logs/2024/01", "logs/2024/02", "logs/2025/01", "z",
]
ODD_KEYS = [
    "with space", "plus+sign", "percent%20", "ünïcode/ключ", "emoji 🎉", "cr\rkey", "lf\nkey",
    "tab\tkey", "amp&<>\"'", " leading", "trailing ", "slash//double", "q?x=1#y",
]
OPERATIONS = ["list_objects", "list_objects_v2", "list_object_versions"]


def seed(store, name: str, keys, *, versioning=None) -> str:  # noqa: ANN001
    bucket = store.create_bucket(name, versioning=versioning)
    for key in keys:
        bucket.put(key, key.encode())
    return name


@pytest.fixture
def listed(s3double, s3):  # noqa: ANN001, ANN201
    """A bucket holding KEYS (the ``s3`` client is made first so the double is active)."""
    return seed(s3double.store, "listed", KEYS)


@pytest.fixture
def loose(s3double):  # noqa: ANN001, ANN201
    """A client that sends parameters botocore would refuse (max-keys=abc)."""
    return boto3.client("s3", region_name="us-east-1", config=Config(parameter_validation=False))


def keys_of(response) -> list[str]:  # noqa: ANN001
    entries = response.get("Contents", response.get("Versions", []))
    return [entry["Key"] for entry in entries]


def prefixes_of(response) -> list[str]:  # noqa: ANN001
    return [entry["Prefix"] for entry in response.get("CommonPrefixes", [])]


def expected_listing(keys, prefix: str, delimiter: str) -> tuple[list[str], list[str]]:  # noqa: ANN001
    """(keys, common prefixes) S3 lists for ``prefix`` and ``delimiter``, in order."""
    plain, rolled = [], set()
    for key in sorted(keys):
        if not key.startswith(prefix):
            continue
        cut = key.find(delimiter, len(prefix)) if delimiter else -1
        if cut >= 0:
            rolled.add(key[: cut + len(delimiter)])
        else:
            plain.append(key)
    return plain, sorted(rolled)


# -- prefix and delimiter ------------------------------------------------------------


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(
    ("prefix", "delimiter"),
    [("", ""), ("dir/", ""), ("", "/"), ("logs/", "/"), ("logs/2024", "/"), ("dir", "/"),
     ("", "2"), ("nothing", "/")],
)
def test_prefix_and_delimiter(s3, listed, operation, prefix, delimiter):
    response = getattr(s3, operation)(Bucket=listed, Prefix=prefix, Delimiter=delimiter)

    assert (keys_of(response), prefixes_of(response)) == expected_listing(KEYS, prefix, delimiter)
    assert response["Prefix"] == prefix
    assert response.get("Delimiter", "") == delimiter
    assert response["IsTruncated"] is False


def test_v2_key_count_counts_keys_and_common_prefixes(s3, listed):
    response = s3.list_objects_v2(Bucket=listed, Delimiter="/")

    assert response["KeyCount"] == 3 + 3


def test_listing_shows_current_versions_only(s3double, s3):
    bucket = s3double.store.create_bucket("history", versioning="Enabled")
    bucket.put("kept", b"1")
    bucket.put("kept", b"22")
    bucket.put("hidden", b"x")
    bucket.add_delete_marker("hidden")

    for operation in ("list_objects", "list_objects_v2"):
        contents = getattr(s3, operation)(Bucket="history")["Contents"]
        assert [(entry["Key"], entry["Size"]) for entry in contents] == [("kept", 2)]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_listing_a_missing_bucket(s3double, s3, operation):
    answer = refused(s3double.store, getattr(s3, operation), Bucket="no-such-bucket")

    assert answer.status == 404
    assert answer.error == {
        "Code": "NoSuchBucket",
        "Message": "The specified bucket does not exist",
        "BucketName": "no-such-bucket",
    }


# -- MaxKeys and pagination ------------------------------------------------------------


@pytest.mark.parametrize("operation", ["list_objects", "list_objects_v2"])
def test_max_keys_truncates(s3, listed, operation):
    response = getattr(s3, operation)(Bucket=listed, MaxKeys=3)

    assert keys_of(response) == KEYS[:3]
    assert response["MaxKeys"] == 3
    assert response["IsTruncated"] is True


@pytest.mark.parametrize("operation", OPERATIONS)
def test_max_keys_above_1000_is_served_as_1000(s3double, s3, operation):
    seed(s3double.store, "big", [f"key-{index:04d}" for index in range(1001)])

    response = getattr(s3, operation)(Bucket="big", MaxKeys=5000)

    assert len(keys_of(response)) == 1000
    assert response["IsTruncated"] is True


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("page_size", [1, 2, 3, 1000])
@pytest.mark.parametrize(("prefix", "delimiter"), [("", ""), ("", "/"), ("logs/", "/"), ("dir", "/")])
def test_paginator_returns_everything_once_in_order(
    s3, listed, operation, page_size, prefix, delimiter
):
    pages = list(
        s3.get_paginator(operation).paginate(
            Bucket=listed, Prefix=prefix, Delimiter=delimiter,
            PaginationConfig={"PageSize": page_size},
        )
    )

    keys = [key for page in pages for key in keys_of(page)]
    prefixes = [common for page in pages for common in prefixes_of(page)]
    assert (keys, prefixes) == expected_listing(KEYS, prefix, delimiter)
    assert all(len(keys_of(page)) + len(prefixes_of(page)) <= page_size for page in pages)
    assert pages[-1]["IsTruncated"] is False


def test_v2_continuation_token_resumes(s3, listed):
    first = s3.list_objects_v2(Bucket=listed, MaxKeys=4)
    token = first["NextContinuationToken"]

    second = s3.list_objects_v2(Bucket=listed, MaxKeys=4, ContinuationToken=token)

    assert keys_of(first) + keys_of(second) == KEYS[:8]
    assert second["ContinuationToken"] == token
    last = s3.list_objects_v2(Bucket=listed, ContinuationToken=second["NextContinuationToken"])
    assert keys_of(last) == KEYS[8:]
    assert "NextContinuationToken" not in last


@pytest.mark.parametrize(
    "token", ["", "garbage", "bm90IGEgdG9rZW4="], ids=["empty", "garbage", "base64"]
)
def test_v2_bad_continuation_token(s3double, s3, listed, token):
    answer = refused(s3double.store, s3.list_objects_v2, Bucket=listed, ContinuationToken=token)

    assert answer.status == 400
    assert answer.error == {
        "Code": "InvalidArgument",
        "Message": "The continuation token provided is incorrect",
        "ArgumentName": "continuation-token",
    }


def test_v2_start_after_is_exclusive_and_echoed(s3, listed):
    response = s3.list_objects_v2(Bucket=listed, StartAfter="dir/b")

    assert keys_of(response) == KEYS[KEYS.index("dir/b") + 1:]
    assert response["StartAfter"] == "dir/b"


def test_v2_start_after_between_keys(s3, listed):
    response = s3.list_objects_v2(Bucket=listed, StartAfter="f")

    assert keys_of(response) == KEYS[KEYS.index("logs/2024/01"):]


def test_v2_continuation_token_wins_over_start_after(s3, listed):
    token = s3.list_objects_v2(Bucket=listed, MaxKeys=2)["NextContinuationToken"]

    response = s3.list_objects_v2(Bucket=listed, StartAfter="z", ContinuationToken=token)

    assert keys_of(response) == KEYS[2:]
    assert "StartAfter" not in response
    assert response["ContinuationToken"] == token


def test_v1_marker(s3, listed):
    response = s3.list_objects(Bucket=listed, Marker="dir2/x")

    assert keys_of(response) == KEYS[KEYS.index("dir2/x") + 1:]
    assert response["Marker"] == "dir2/x"


def test_v1_next_marker_is_absent_without_a_delimiter(s3, listed):
    response = s3.list_objects(Bucket=listed, MaxKeys=2)

    assert response["IsTruncated"] is True
    assert "NextMarker" not in response


def test_v1_next_marker_with_a_delimiter_can_be_a_common_prefix(s3, listed):
    response = s3.list_objects(Bucket=listed, Delimiter="/", MaxKeys=2)

    assert (keys_of(response), prefixes_of(response)) == (["a.txt"], ["dir/"])
    assert response["IsTruncated"] is True
    assert response["NextMarker"] == "dir/"
    resumed = s3.list_objects(Bucket=listed, Delimiter="/", Marker=response["NextMarker"])
    assert (keys_of(resumed), prefixes_of(resumed)) == (["e", "z"], ["dir2/", "logs/"])


# -- encoding ------------------------------------------------------------------------


@pytest.mark.parametrize("operation", OPERATIONS)
def test_odd_keys_survive_botocores_url_encoding(s3double, s3, operation):
    seed(s3double.store, "odd", ODD_KEYS)

    response = getattr(s3, operation)(Bucket="odd")

    assert keys_of(response) == sorted(ODD_KEYS)
    assert response["EncodingType"] == "url"


@pytest.mark.parametrize("operation", OPERATIONS)
def test_odd_prefixes_and_delimiters_survive_url_encoding(s3double, s3, operation):
    seed(s3double.store, "odd", [f"{odd}+{odd}" for odd in ODD_KEYS])

    response = getattr(s3, operation)(Bucket="odd", Prefix="with ", Delimiter="+")

    assert prefixes_of(response) == ["with space+"]
    assert response["Delimiter"] == "+"
    # S3 url-encodes Prefix in every listing (ListObjects API reference, EncodingType);
    # botocore decodes it for V2 and versions but not for v1.
    assert response["Prefix"] == ("with+" if operation == "list_objects" else "with ")


@pytest.mark.parametrize("operation", OPERATIONS)
def test_explicit_url_encoding_is_left_to_the_caller(s3double, s3, operation):
    seed(s3double.store, "odd", ODD_KEYS)

    response = getattr(s3, operation)(Bucket="odd", EncodingType="url")

    raw = keys_of(response)
    assert [unquote_plus(key) for key in raw] == sorted(ODD_KEYS)
    assert not any(character in key for key in raw for character in " \r\n\t&<>\"'")


@pytest.mark.parametrize("operation", OPERATIONS)
def test_encoding_type_other_than_url(s3double, s3, listed, operation):
    answer = refused(s3double.store, getattr(s3, operation), Bucket=listed, EncodingType="base64")

    assert answer.status == 400
    assert answer.error == {
        "Code": "InvalidArgument",
        "Message": "Invalid Encoding Method specified in Request",
        "ArgumentName": "encoding-type",
        "ArgumentValue": "base64",
    }


# -- max-keys checks -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "error"),
    [
        ("list_objects", {"Message": "Argument maxKeys must be an integer between 0 and 2147483647",
                          "ArgumentName": "maxKeys", "ArgumentValue": "-1"}),
        ("list_objects_v2", {"Message": "Argument maxKeys must be an integer between 0 and 2147483647",
                             "ArgumentName": "maxKeys", "ArgumentValue": "-1"}),
        ("list_object_versions", {"Message": "max-keys cannot be negative",
                                  "ArgumentName": "max-keys"}),
    ],
)
def test_negative_max_keys(s3double, s3, listed, operation, error):
    answer = refused(s3double.store, getattr(s3, operation), Bucket=listed, MaxKeys=-1)

    assert answer.status == 400
    assert answer.error == {"Code": "InvalidArgument", **error}


@pytest.mark.parametrize(
    ("operation", "value"),
    [(operation, value) for operation in OPERATIONS for value in ("abc", "1.5")]
    # Past the 32-bit range ("... or within integer range"); that message is reported
    # for ListObjectVersions (tests/data/aws/facts-listing.md section 4).
    + [("list_object_versions", "2147483648")],
)
def test_non_integer_max_keys(s3double, loose, listed, operation, value):
    answer = refused(s3double.store, getattr(loose, operation), Bucket=listed, MaxKeys=value)

    assert answer.status == 400
    assert answer.error == {
        "Code": "InvalidArgument",
        "Message": "Provided max-keys not an integer or within integer range",
        "ArgumentName": "max-keys",
        "ArgumentValue": value,
    }
