"""S3 Express One Zone sessions: CreateSession's credentials and the token check.

S3 API reference, CreateSession: a session's temporary credentials (access key id,
secret access key, session token, expiration) are scoped to one directory bucket and
expire after 5 minutes; a zonal request carries the token in
``x-amz-s3session-token``. A ``ReadWrite`` session (the default) may run every zonal
operation; a ``ReadOnly`` one only GetObject, HeadObject, ListObjectsV2,
GetObjectAttributes, ListParts and ListMultipartUploads.

A token here names its bucket, mode and expiration and is signed with a key made once
per process, so a client that keeps its cached session across doubles (a module-level
client under a fresh double per test) is still recognised; a token s3double did not
make is refused as malformed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass

SESSION_LIFETIME = _dt.timedelta(minutes=5)
READ_ONLY_OPERATIONS = frozenset(
    {"GetObject", "HeadObject", "ListObjectsV2", "GetObjectAttributes", "ListParts",
     "ListMultipartUploads"}
)
_KEY = secrets.token_bytes(32)
_MAC_SIZE = hashlib.sha256().digest_size
_ACCESS_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


class SessionMode(enum.Enum):
    READ_WRITE = "ReadWrite"
    READ_ONLY = "ReadOnly"


class SessionRefusal(enum.Enum):
    MALFORMED = "malformed"  # not a token s3double made
    OTHER_BUCKET = "other-bucket"  # made for another bucket
    EXPIRED = "expired"
    READ_ONLY = "read-only"  # a ReadOnly session asked for a write


@dataclass(frozen=True, slots=True)
class Session:
    bucket: str
    mode: SessionMode
    expiration: _dt.datetime
    access_key_id: str = ""
    secret_access_key: str = ""
    token: str = ""


def create_session(bucket: str, mode: SessionMode, now: _dt.datetime) -> Session:
    """New temporary credentials for ``bucket``, valid until ``now`` + 5 minutes."""
    expiration = (now + SESSION_LIFETIME).replace(microsecond=0)
    payload = "\n".join(
        (bucket, mode.value, expiration.isoformat(), secrets.token_urlsafe(96))
    ).encode()
    token = base64.b64encode(_mac(payload) + payload).decode()
    access_key_id = "ASIA" + "".join(secrets.choice(_ACCESS_KEY_ALPHABET) for _ in range(16))
    secret = base64.b64encode(secrets.token_bytes(30)).decode()
    return Session(bucket, mode, expiration, access_key_id, secret, token)


def read_token(token: str) -> Session | None:
    """The session a token describes, or None if s3double did not make it."""
    try:
        raw = base64.b64decode(token.encode("ascii"), validate=True)
        mac, payload = raw[:_MAC_SIZE], raw[_MAC_SIZE:]
        if not hmac.compare_digest(mac, _mac(payload)):
            return None
        bucket, mode, expiration, _ = payload.decode().split("\n")
        return Session(bucket, SessionMode(mode), _dt.datetime.fromisoformat(expiration))
    except (UnicodeError, binascii.Error, ValueError):
        return None


def session_refusal(
    token: str, bucket: str, operation: str, now: _dt.datetime
) -> SessionRefusal | None:
    """Why a zonal request carrying ``token`` may not run ``operation`` on ``bucket``."""
    session = read_token(token)
    if session is None:
        return SessionRefusal.MALFORMED
    if session.bucket != bucket:
        return SessionRefusal.OTHER_BUCKET
    if now >= session.expiration:
        return SessionRefusal.EXPIRED
    if session.mode is SessionMode.READ_ONLY and operation not in READ_ONLY_OPERATIONS:
        return SessionRefusal.READ_ONLY
    return None


def _mac(payload: bytes) -> bytes:
    return hmac.new(_KEY, payload, hashlib.sha256).digest()
