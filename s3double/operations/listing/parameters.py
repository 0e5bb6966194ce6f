"""The parameters every listing reads: max-keys, encoding-type, prefix, delimiter.

Checks follow S3's recorded answers: a non-integer max-keys, a negative one (worded
per operation), an encoding type other than ``url``. MaxKeys above 1,000 is served
as 1,000.
"""

from __future__ import annotations

from ... import values
from ...errors import Message, invalid_argument
from ..request import S3Request

PAGE_LIMIT = 1000
LIST_QUERY = ("prefix", "delimiter", "max-keys", "encoding-type")


def _max_keys(request: S3Request, negative_message: str, name: str) -> int:
    value = request.query.get("max-keys")
    if value is None:
        return PAGE_LIMIT
    number = values.whole_number(value, maximum=values.INT32_MAX)
    if number is None:
        raise invalid_argument(Message.NOT_AN_INTEGER.format(name="max-keys"), "max-keys", value)
    if number < 0:
        raise invalid_argument(negative_message, name, None if name == "max-keys" else value)
    return number


def _encoding_type(request: S3Request) -> str | None:
    value = request.query.get("encoding-type")
    if value is not None and value != "url":
        raise invalid_argument(Message.INVALID_ENCODING_TYPE, "encoding-type", value)
    return value


def common_parameters(
    request: S3Request, negative_message: str, name: str
) -> tuple[int, str | None, str, str]:
    """(max-keys, encoding type, prefix, delimiter)."""
    max_keys = _max_keys(request, negative_message, name)
    encoding = _encoding_type(request)
    return max_keys, encoding, request.query.get("prefix", ""), request.query.get("delimiter", "")
