"""``parse_tagging_header``: the ``x-amz-tagging`` header's tag set, as S3 reads it
(tests/data/aws/facts-bucket-configuration.md 1.8, LocalStack's recorded
test_put_object_with_tags and test_object_tagging_exc)."""

from __future__ import annotations

import pytest

from s3double.errors import S3Error
from s3double.operations.common.tagging_header import parse_tagging_header

DUPLICATES = (
    "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters "
    "without tag name duplicates."
)


@pytest.mark.parametrize(
    ("value", "tags"),
    [
        ("tag1=tag1&tag2=tag2&tag=", (("tag1", "tag1"), ("tag2", "tag2"), ("tag", ""))),
        ("wrongquery&wrongagain", (("wrongquery", ""), ("wrongagain", ""))),
        ("key1&&&key2", (("key1", ""), ("key2", ""))),
        ("", ()),
        ("a%20b=c+d&e%3Df=%2B", (("a b", "c d"), ("e=f", "+"))),
    ],
)
def test_recorded_parsing(value, tags):
    assert parse_tagging_header(value) == tags


@pytest.mark.parametrize("value", ["key1=val1&key1=val2", "key1=val1,key2=val2", "a=b=c"])
def test_duplicates_and_second_equals_signs_are_invalid_argument(value):
    with pytest.raises(S3Error) as raised:
        parse_tagging_header(value)

    assert (raised.value.code, raised.value.message, raised.value.fields) == (
        "InvalidArgument", DUPLICATES, {"ArgumentName": "x-amz-tagging", "ArgumentValue": value},
    )


def test_a_tag_set_breaking_a_rule_is_s3s_tag_error():
    with pytest.raises(S3Error) as raised:
        parse_tagging_header("&".join(f"k{n}=v" for n in range(11)))

    assert (raised.value.code, raised.value.message) == (
        "BadRequest", "Object tags cannot be greater than 10",
    )
