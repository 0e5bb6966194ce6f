"""AWS Signature Version 4, checked as S3 checks it: the ``Authorization`` header or a
presigned URL's query (``X-Amz-Signature``), against the server's known credentials.

The canonical request follows the SigV4 signing guide ("Create a canonical request"):
method, the path exactly as sent (S3 does not normalise or re-encode it), the query's
names and values URI-encoded and sorted, each signed header's trimmed value, the signed
header names, and the payload hash the client declared (``x-amz-content-sha256``;
``UNSIGNED-PAYLOAD`` for a presigned URL). Streaming uploads
(``STREAMING-AWS4-HMAC-SHA256-PAYLOAD``) are checked by their seed signature; the
per-chunk signatures are not.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, quote

from ..errors import ErrorCode, Message, S3Error

ALGORITHM = "AWS4-HMAC-SHA256"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
_FIELD = re.compile(r"(Credential|SignedHeaders|Signature)=([^,\s]+)")
_SPACES = re.compile(r"\s+")


def _encode(text: str) -> str:
    return quote(text, safe="-_.~")


def canonical_query(pairs: list[tuple[str, str]]) -> str:
    encoded = sorted((_encode(name), _encode(value)) for name, value in pairs)
    return "&".join(f"{name}={value}" for name, value in encoded)


def canonical_request(
    method: str, path: str, pairs: list[tuple[str, str]], headers: Mapping[str, str],
    signed_headers: str, payload_hash: str,
) -> str:
    names = signed_headers.split(";")
    lines = "".join(f"{name}:{_SPACES.sub(' ', headers.get(name, '').strip())}\n" for name in names)
    return "\n".join(
        [method, path or "/", canonical_query(pairs), lines, signed_headers, payload_hash]
    )


def signing_key(secret: str, scope: str) -> bytes:
    """HMAC chain over the scope ``date/region/service/aws4_request``."""
    key = ("AWS4" + secret).encode()
    for part in scope.split("/"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def _mismatch(access_key: str, string_to_sign: str, provided: str, canonical: str) -> S3Error:
    return S3Error(
        ErrorCode.SIGNATURE_DOES_NOT_MATCH, AWSAccessKeyId=access_key,
        StringToSign=string_to_sign, SignatureProvided=provided, CanonicalRequest=canonical,
    )


def _parts(raw_target: str, headers: Mapping[str, str]) -> tuple[dict[str, str], str] | None:
    """The signature's fields (Credential, SignedHeaders, Signature, date) and the payload
    hash; None when the request is not signed with SigV4."""
    query = dict(parse_qsl(raw_target.partition("?")[2], keep_blank_values=True))
    if "X-Amz-Signature" in query:
        fields = {
            "Credential": query.get("X-Amz-Credential", ""),
            "SignedHeaders": query.get("X-Amz-SignedHeaders", "host"),
            "Signature": query["X-Amz-Signature"],
            "Date": query.get("X-Amz-Date", ""),
            "Expires": query.get("X-Amz-Expires", ""),
        }
        return fields, headers.get("x-amz-content-sha256", UNSIGNED_PAYLOAD)
    authorization = headers.get("authorization", "")
    if not authorization.startswith(ALGORITHM + " "):
        return None
    fields = dict(_FIELD.findall(authorization))
    fields["Date"] = headers.get("x-amz-date", "")
    return fields, headers.get("x-amz-content-sha256", UNSIGNED_PAYLOAD)


def _check_expiry(fields: Mapping[str, str], now: datetime) -> None:
    if not fields.get("Expires"):
        return
    try:
        signed_at = datetime.strptime(fields["Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        expires = int(fields["Expires"])
    except ValueError:
        return  # the signature check below refuses what does not parse
    if now > signed_at + timedelta(seconds=expires):
        raise S3Error(ErrorCode.ACCESS_DENIED, Message.REQUEST_EXPIRED)


def verify(
    method: str, raw_target: str, headers: Mapping[str, str], credentials: Mapping[str, str],
    now: datetime,
) -> None:
    """Raise S3's error unless the request is signed with one of ``credentials``
    (access key id -> secret). ``headers`` have lower-case names."""
    found = _parts(raw_target, headers)
    if found is None:
        raise S3Error(ErrorCode.ACCESS_DENIED)
    fields, payload_hash = found
    access_key, _, scope = fields.get("Credential", "").partition("/")
    secret = credentials.get(access_key)
    if secret is None:
        raise S3Error(ErrorCode.INVALID_ACCESS_KEY_ID, AWSAccessKeyId=access_key)
    _check_expiry(fields, now)
    path, _, query_string = raw_target.partition("?")
    pairs = [
        pair for pair in parse_qsl(query_string, keep_blank_values=True) if pair[0] != "X-Amz-Signature"
    ]
    canonical = canonical_request(
        method, path, pairs, headers, fields.get("SignedHeaders", ""), payload_hash
    )
    string_to_sign = "\n".join(
        [ALGORITHM, fields["Date"], scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    expected = hmac.new(signing_key(secret, scope), string_to_sign.encode(), hashlib.sha256).hexdigest()
    provided = fields.get("Signature", "")
    if not hmac.compare_digest(expected, provided):
        raise _mismatch(access_key, string_to_sign, provided, canonical)
