"""Bucket naming rules (s3double/model/naming.py).

S3 user guide, "General purpose bucket naming rules": 3 to 63 characters of
lowercase letters, digits, dots and hyphens; begin and end with a letter or
digit; no two adjacent periods; not formatted as an IP address; no reserved
prefix (``xn--``, ``sthree-``, ``amzn-s3-demo-``) or suffix (``-s3alias``,
``--ol-s3``, ``.mrap``, ``--x-s3``, ``--table-s3``).
"""

from __future__ import annotations

import pytest

from s3double.model.naming import is_valid_bucket_name

VALID = [
    "abc",                      # shortest
    "a" * 63,                   # longest
    "my-bucket",
    "my.bucket.name",
    "1bucket",
    "bucket1",
    "123",                      # all digits is not an IP address
    "a-b.c-d",
    "a--b",                     # adjacent hyphens are fine
    "192.168.5",                # three numbers are not an IP address
    "192.168.5.4.5",
    "xn-bucket",                # only ``xn--`` is reserved
    "sthree",                   # only ``sthree-`` is reserved
    "amzn-s3-demo",
    "my-s3alias-bucket",        # reserved words count only at the end
    "bucket.mrap.x",
    "bucket-x-s3",
    "bucket-ol-s3",
    "bucket-table-s3",
]

INVALID = {
    "too short": "ab",
    "empty": "",
    "too long": "a" * 64,
    "uppercase": "My-bucket",
    "underscore": "my_bucket",
    "space": "my bucket",
    "slash": "my/bucket",
    "non-ASCII letter": "bücket",
    "non-ASCII digits": "١٢٣",
    "starts with hyphen": "-bucket",
    "ends with hyphen": "bucket-",
    "starts with dot": ".bucket",
    "ends with dot": "bucket.",
    "adjacent periods": "my..bucket",
    "IP address": "192.168.5.4",
    "IP-shaped": "999.999.999.999",
    "prefix xn--": "xn--bucket",
    "prefix sthree-": "sthree-bucket",
    "prefix sthree-configurator": "sthree-configurator",
    "prefix amzn-s3-demo-": "amzn-s3-demo-bucket",
    "suffix -s3alias": "bucket-s3alias",
    "suffix --ol-s3": "bucket--ol-s3",
    "suffix .mrap": "bucket.mrap",
    "suffix --x-s3": "bucket--x-s3",
    "suffix --table-s3": "bucket--table-s3",
    "trailing newline": "bucket\n",
}


@pytest.mark.parametrize("name", VALID)
def test_valid_names(name: str) -> None:
    assert is_valid_bucket_name(name)


@pytest.mark.parametrize("name", list(INVALID.values()), ids=list(INVALID))
def test_invalid_names(name: str) -> None:
    assert not is_valid_bucket_name(name)
