"""S3Request: one S3 REST request as the operations see it, read-only, with typed values.

Built by the wire layer from what a client sent, whichever door it came through;
kept free of botocore so any front end can build one. Header names are lower-case.
Headers and query parameters become typed values through ``s3double.values``, here,
so the string ``"false"`` never reaches the model as a truthy value and a malformed
number is S3's InvalidArgument, never a Python exception.

The body is read into the operation's document (``document()``) when the operation
asks, so the operation decides where body errors come among its other checks.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from .. import values
from ..errors import ErrorCode, Message, S3Error, invalid_argument
from .results import KeyError_

DEFAULT_REGION = "us-east-1"
T = TypeVar("T")


class KeyFaults(Protocol):
    """Per-key errors a test asked the double to inject (``S3Double.faults``)."""

    def key_fault(self, key: str, version_id: str | None) -> KeyError_ | None: ...


@dataclass(frozen=True, slots=True)
class S3Request:
    operation: str
    method: str
    bucket: str | None = None
    key: str | None = None
    query: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    region: str = DEFAULT_REGION  # the region the request was sent to
    url: str = ""
    # Reads the body into the operation's document (the wire layer supplies it).
    reader: Callable[[bytes], Any] | None = None
    key_faults: KeyFaults | None = None

    def document(self) -> Any:
        """The body as the operation's typed document; MalformedXML without a reader."""
        if self.reader is None:
            raise S3Error(ErrorCode.MALFORMED_XML)
        return self.reader(self.body)

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name, default)

    def _header_value(self, name: str, read: Callable[[str], T | None]) -> T | None:
        """The header read by ``read``; None if absent, S3's InvalidArgument if malformed."""
        text = self.headers.get(name)
        if text is None:
            return None
        value = read(text)
        if value is None:
            raise invalid_argument(Message.INVALID_HEADER_VALUE.format(name=name), name, text)
        return value

    def flag(self, name: str) -> bool | None:
        """A true/false header; anything else is S3's InvalidArgument."""
        return self._header_value(name, values.boolean)

    def integer(self, name: str, *, minimum: int = 0, source: str = "query") -> int | None:
        """A whole-number query parameter (or header, with ``source="header"``)."""
        text = (self.query if source == "query" else self.headers).get(name)
        if text is None:
            return None
        number = values.whole_number(text, maximum=values.INT64_MAX)
        if number is None:
            raise invalid_argument(Message.NOT_AN_INTEGER.format(name=name), name, text)
        if number < minimum:
            raise invalid_argument(
                Message.INTEGER_BETWEEN.format(name=name, minimum=minimum), name, text
            )
        return number

    def time(self, name: str) -> _dt.datetime | None:
        """A header holding a time (HTTP date, ISO 8601 or epoch seconds)."""
        return self._header_value(name, values.timestamp)

    def require_bucket(self) -> str:
        if not self.bucket:
            raise S3Error(ErrorCode.INVALID_REQUEST, Message.BUCKET_NAME_REQUIRED)
        return self.bucket

    def require_key(self) -> str:
        if not self.key:
            raise S3Error(ErrorCode.INVALID_REQUEST, Message.KEY_REQUIRED)
        return self.key
