"""S3Request: one S3 REST request as the operations see it, with typed headers.

Built by the wire layer (``s3double.wire.request``) from what botocore sends;
kept free of botocore so any front end can build one. Header names are
lower-case; header values become typed values here, so the string ``"false"``
never reaches the model as a truthy value.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import ErrorCode, S3Error, invalid_argument

DEFAULT_REGION = "us-east-1"


@dataclass(slots=True)
class S3Request:
    operation: str
    method: str
    bucket: str | None = None
    key: str | None = None
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    region: str = DEFAULT_REGION  # the region the request was sent to
    url: str = ""
    # Parses the body into the operation's document (the wire layer supplies it), so
    # the operation decides when parsing errors come relative to its other checks.
    parse_body: Callable[[bytes], Any] | None = None
    parsed: Any = None  # the document, once parsed (the call record shows it)
    faults: Any = None  # the double's FaultPlan, when it injects per-key errors

    def document(self) -> Any:
        if self.parse_body is None:
            raise S3Error(ErrorCode.MALFORMED_XML)
        self.parsed = self.parse_body(self.body)
        return self.parsed

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name, default)

    def flag(self, name: str) -> bool | None:
        """A true/false header; anything else is S3's InvalidArgument."""
        value = self.headers.get(name)
        if value is None:
            return None
        lowered = value.strip().lower()
        if lowered == "true":
            return True
        if lowered == "false":
            return False
        raise invalid_argument(f"Invalid value for header {name}", name, value)

    def integer(self, name: str, *, minimum: int = 0, source: str = "query") -> int | None:
        """A whole-number query parameter (or header, with ``source="header"``)."""
        value = (self.query if source == "query" else self.headers).get(name)
        if value is None:
            return None
        try:
            number = whole_number(value)
        except ValueError:
            raise invalid_argument(
                "Provided " + name + " not an integer or within integer range", name, value
            ) from None
        if number < minimum:
            raise invalid_argument(f"Argument {name} must be an integer between {minimum} and 2147483647", name, value)
        return number

    def require_bucket(self) -> str:
        if not self.bucket:
            raise S3Error(ErrorCode.INVALID_REQUEST, "A bucket name is required")
        return self.bucket

    def require_key(self) -> str:
        if not self.key:
            raise S3Error(ErrorCode.INVALID_REQUEST, "An object key is required")
        return self.key


_WHOLE_NUMBER = re.compile(r"-?[0-9]+")


def whole_number(value: str) -> int:
    """An ASCII whole number, as S3 reads one: no spaces, underscores or other digits."""
    if _WHOLE_NUMBER.fullmatch(value) is None:
        raise ValueError(value)
    return int(value)


def parse_timestamp(text: str) -> _dt.datetime:
    """A time as botocore sends one: an HTTP date (RFC 7231; one without a zone is GMT)
    or ISO 8601. Always aware; ValueError if it is neither."""
    text = text.strip()
    try:
        if text[:1].isdigit():
            instant = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            instant = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        raise ValueError(text) from None
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=_dt.timezone.utc)


def http_date(instant: _dt.datetime) -> str:
    """RFC 7231 date, as S3 sends Last-Modified."""
    return instant.astimezone(_dt.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")


def iso_time(instant: _dt.datetime) -> str:
    """ISO 8601 with milliseconds, as S3 writes times in XML."""
    instant = instant.astimezone(_dt.timezone.utc)
    return instant.strftime("%Y-%m-%dT%H:%M:%S.") + f"{instant.microsecond // 1000:03d}Z"
