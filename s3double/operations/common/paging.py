"""Continuation tokens for the bucket listings (ListBuckets, ListDirectoryBuckets):
opaque to the caller, the name a page resumes after."""

from __future__ import annotations

import base64
import binascii

from ...errors import Message, invalid_argument


def bucket_token(last_name: str) -> str:
    return base64.urlsafe_b64encode(last_name.encode()).decode()


def decode_bucket_token(token: str | None) -> str:
    """Where a ListBuckets / ListDirectoryBuckets page resumes."""
    if token is None:
        return ""
    try:
        return base64.urlsafe_b64decode(token.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise invalid_argument(
            Message.INVALID_CONTINUATION_TOKEN, "continuation-token", token
        ) from None
