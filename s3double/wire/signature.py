"""AWS Signature Version 4, checked as S3 checks it: the ``Authorization`` header or a
presigned URL's query (``X-Amz-Signature``), against the server's known credentials.

The canonical request follows the SigV4 signing guide ("Create a canonical request"):
method, the path exactly as sent (S3 does not normalise or re-encode it), the query's
names and values URI-encoded and sorted, each signed header's trimmed value, the signed
header names, and the payload hash the client declared (``x-amz-content-sha256``;
``UNSIGNED-PAYLOAD`` for a presigned URL). Streaming uploads
(``STREAMING-AWS4-HMAC-SHA256-PAYLOAD``) are checked by their seed signature; the
per-chunk signatures are not.

Signature Version 2 (``Authorization: AWS AKID:signature``, and the ``AWSAccessKeyId``/
``Signature``/``Expires`` query that boto3's ``generate_presigned_url`` still writes by
default) is checked by the S3 developer guide's "Signing and authenticating REST
requests": the string to sign is method, Content-MD5, Content-Type, Date (or Expires),
the ``x-amz-*`` headers, and the resource (``/bucket/key`` with its subresources).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, quote

from botocore.auth import HmacV1Auth

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


def _mismatch(
    access_key: str, string_to_sign: str, provided: str, canonical: str | None
) -> S3Error:
    error = S3Error(
        ErrorCode.SIGNATURE_DOES_NOT_MATCH, AWSAccessKeyId=access_key,
        StringToSign=string_to_sign, SignatureProvided=provided,
    )
    if canonical is not None:  # SigV4's; SigV2 has none
        error.fields["CanonicalRequest"] = canonical
    return error


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


def _v2_string_to_sign(
    method: str, resource: str, query: list[tuple[str, str]], headers: Mapping[str, str], date: str
) -> str:
    amz = sorted((name, value.strip()) for name, value in headers.items() if name.startswith("x-amz-"))
    subresources = sorted(
        (name, value) for name, value in query if name in HmacV1Auth.QSAOfInterest
    )
    if subresources:
        resource += "?" + "&".join(f"{name}={value}" if value else name for name, value in subresources)
    lines = [method, headers.get("content-md5", ""), headers.get("content-type", ""), date]
    return "\n".join(lines + [f"{name}:{value}" for name, value in amz] + [resource])


def verify_v2(
    method: str, raw_target: str, resource: str, headers: Mapping[str, str],
    credentials: Mapping[str, str], now: datetime,
) -> None:
    """SigV2: ``resource`` is ``/bucket/key`` as sent, whichever addressing style."""
    query = parse_qsl(raw_target.partition("?")[2], keep_blank_values=True)
    fields = dict(query)
    if "Signature" in fields:
        access_key, provided = fields.get("AWSAccessKeyId", ""), fields["Signature"]
        date = fields.get("Expires", "")
        if date.isdigit() and now.timestamp() > int(date):
            raise S3Error(ErrorCode.ACCESS_DENIED, Message.REQUEST_EXPIRED)
    else:
        access_key, _, provided = headers.get("authorization", "")[len("AWS ") :].partition(":")
        date = "" if "x-amz-date" in headers else headers.get("date", "")
    secret = credentials.get(access_key)
    if secret is None:
        raise S3Error(ErrorCode.INVALID_ACCESS_KEY_ID, AWSAccessKeyId=access_key)
    # A bucket's own resource is "/bucket" by the guide and "/bucket/" as botocore signs it.
    bare_bucket = resource.count("/") == 1 and len(resource) > 1
    resources = [resource, resource + "/"] if bare_bucket else [resource]
    for candidate in resources:
        string_to_sign = _v2_string_to_sign(method, candidate, query, headers, date)
        digest = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha1).digest()
        if hmac.compare_digest(base64.b64encode(digest).decode(), provided):
            return
    raise _mismatch(access_key, string_to_sign, provided, None)


def is_v2(raw_target: str, headers: Mapping[str, str]) -> bool:
    query = raw_target.partition("?")[2]
    return headers.get("authorization", "").startswith("AWS ") or (
        "Signature=" in query and "AWSAccessKeyId=" in query
    )


def verify(
    method: str, raw_target: str, headers: Mapping[str, str], credentials: Mapping[str, str],
    now: datetime, resource: str = "",
) -> None:
    """Raise S3's error unless the request is signed with one of ``credentials``
    (access key id -> secret). ``headers`` have lower-case names; ``resource`` is the
    SigV2 resource (``/bucket/key`` as sent)."""
    if is_v2(raw_target, headers):
        verify_v2(method, raw_target, resource, headers, credentials, now)
        return
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
