"""Readers for the values S3 requests carry, one per kind, and the time formats S3 writes.

Every reader takes text and returns the typed value, or ``None`` when the text is not
a value of that kind; the caller turns ``None`` into the error S3 sends for that
parameter (``S3Request`` does it for headers and query parameters). No reader raises,
so no malformed value reaches a caller as a Python exception.

Pure: the standard library only, so every layer may use it.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import enum
import re
from typing import TypeVar

E = TypeVar("E", bound=enum.Enum)

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1
_WHOLE_NUMBER = re.compile(r"-?[0-9]+")
_HEX_NUMBER = re.compile(r"[0-9A-Fa-f]+")
_RANGE = re.compile(r"bytes=([0-9]*)-([0-9]*)")
_EPOCH = re.compile(r"[0-9]+(\.[0-9]+)?")
_VERSION_ID = re.compile(r"[A-Za-z0-9._+/=-]{1,1024}")


def whole_number(text: str | None, *, maximum: int = INT64_MAX) -> int | None:
    """An ASCII whole number, as S3 reads one: an optional ``-``, then digits; no spaces,
    signs doubled, underscores or other scripts' digits. None past ``maximum``."""
    if text is None or _WHOLE_NUMBER.fullmatch(text) is None or len(text) > 40:
        return None
    number = int(text)
    return number if -maximum - 1 <= number <= maximum else None


def hex_number(text: str) -> int | None:
    """A chunk size in aws-chunked framing: hexadecimal digits only, never negative."""
    if _HEX_NUMBER.fullmatch(text) is None or len(text) > 16:
        return None
    return int(text, 16)


def boolean(text: str | None) -> bool | None:
    """``true`` or ``false``, in any case, around white space."""
    if text is None:
        return None
    lowered = text.strip().lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    return None


def enum_value(kind: type[E], text: str | None) -> E | None:
    """The member of ``kind`` whose value is ``text``, exactly."""
    if text is None:
        return None
    try:
        return kind(text)
    except ValueError:
        return None


def timestamp(text: str | None) -> _dt.datetime | None:
    """A time in any of S3's three formats: an HTTP date (RFC 7231 / RFC 822; one
    without a zone is GMT), ISO 8601, or seconds since the epoch. Always aware, and
    always within what ``datetime`` can convert to UTC."""
    if text is None:
        return None
    text = text.strip()
    try:
        if _EPOCH.fullmatch(text):
            instant = _dt.datetime.fromtimestamp(float(text), _dt.timezone.utc)
        elif text[:1].isdigit():
            instant = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            instant = email.utils.parsedate_to_datetime(text)
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=_dt.timezone.utc)
        instant.astimezone(_dt.timezone.utc)  # a zone pushing it past year 9999 overflows
    except (TypeError, ValueError, IndexError, OverflowError, OSError):
        return None
    return instant


def iso_instant(text: str | None) -> _dt.datetime | None:
    """An ISO 8601 time only (object lock's retain-until dates), kept to the millisecond
    as S3 reports it."""
    if text is None or not text.strip()[:1].isdigit() or _EPOCH.fullmatch(text.strip()):
        return None
    instant = timestamp(text)
    if instant is None:
        return None
    return instant.replace(microsecond=instant.microsecond // 1000 * 1000)


def byte_range(text: str | None) -> tuple[int | None, int | None] | None:
    """``bytes=first-last``, ``bytes=first-`` or ``bytes=-suffix`` as (first, last) with
    None for the part left out (a suffix is (None, length)); None if it is not a range."""
    if text is None:
        return None
    match = _RANGE.fullmatch(text.strip())
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    return _position(first), _position(last)


def _position(digits: str) -> int | None:
    """A range position; one past 64 bits reads as the largest (no object is that big,
    and ``int`` refuses strings of over 4,300 digits)."""
    if not digits:
        return None
    return int(digits) if len(digits) <= 19 else INT64_MAX


def version_id(text: str | None) -> str | None:
    """A version id as S3 could have issued one (``null``, or its URL-safe alphabet)."""
    if text is None or _VERSION_ID.fullmatch(text) is None:
        return None
    return text


def http_date(instant: _dt.datetime) -> str:
    """RFC 7231 date, as S3 sends Last-Modified."""
    return instant.astimezone(_dt.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")


def iso_time(instant: _dt.datetime) -> str:
    """ISO 8601 with milliseconds, as S3 writes times in XML."""
    instant = instant.astimezone(_dt.timezone.utc)
    return instant.strftime("%Y-%m-%dT%H:%M:%S.") + f"{instant.microsecond // 1000:03d}Z"
