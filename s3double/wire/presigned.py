"""Check a presigned URL as S3 does: its parameters, its key, its signature, its expiry.

Signature Version 4 query signing (``X-Amz-Algorithm`` ... ``X-Amz-Signature``), per
"Authenticating Requests: Using Query Parameters (AWS Signature Version 4)" in the S3
API reference, and Signature Version 2 (``AWSAccessKeyId``, ``Expires``, ``Signature``),
per "Signing and authenticating REST requests" in the S3 user guide. Both are computed
here from the request as received, independently of botocore's signers, with the
double's own secret (``presign_signing``): a URL signed with any other key is
refused with ``InvalidAccessKeyId``, as S3 refuses a key it does not know. Expiry is
judged by the double's clock, so ``double.clock.advance(...)`` expires a URL.

S3's answers (tests/data/aws/facts-presigned.md): a URL past its expiry, ``403
AccessDenied`` "Request has expired" (with ``X-Amz-Expires``, ``Expires`` and
``ServerTime``); an altered URL, ``403 SignatureDoesNotMatch``; ``X-Amz-Expires`` over
a week, ``400 AuthorizationQueryParametersError``.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import quote, unquote

from ..errors import ErrorCode, Message, S3Error
from .presign_signing import ACCESS_KEY_ID, SECRET_ACCESS_KEY

V4_PARAMETERS = (
    "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date",
    "X-Amz-SignedHeaders", "X-Amz-Expires",
)
V2_PARAMETERS = ("AWSAccessKeyId", "Signature", "Expires")
AUTH_PARAMETERS = frozenset((*V4_PARAMETERS, *V2_PARAMETERS, "X-Amz-Security-Token"))
WEEK = 604800
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
# botocore's HmacV1Auth.QSAOfInterest: the sub-resources a SigV2 string to sign names.
V2_SUBRESOURCES = frozenset(
    {
        "accelerate", "acl", "cors", "defaultObjectAcl", "location", "logging", "partNumber",
        "policy", "requestPayment", "torrent", "versioning", "versionId", "versions", "website",
        "uploads", "uploadId", "response-content-type", "response-content-language",
        "response-expires", "response-cache-control", "response-content-disposition",
        "response-content-encoding", "delete", "lifecycle", "tagging", "restore",
        "storageClass", "notification", "replication", "analytics", "metrics", "inventory",
        "select", "select-type", "object-lock",
    }
)


def is_presigned(query: Mapping[str, str]) -> bool:
    return any(name in query for name in V4_PARAMETERS) or any(name in query for name in V2_PARAMETERS)


def _encode(text: str) -> str:
    return quote(text, safe="-_.~")


def canonical_path(raw_path: str) -> str:
    """The path as S3 signs it: each byte of the key URI-encoded once, ``/`` kept."""
    return quote(unquote(raw_path), safe="/~") or "/"


def _pairs(raw_query: str) -> list[tuple[str, str]]:
    pairs = []
    for part in filter(None, raw_query.split("&")):
        name, _, value = part.partition("=")
        pairs.append((unquote(name.replace("+", " ")), unquote(value.replace("+", " "))))
    return pairs


def check_presigned(
    method: str, host: str, raw_path: str, raw_query: str, headers: Mapping[str, str],
    now: _dt.datetime, *, bucket: str | None, virtual_host: bool,
) -> None:
    """Raise S3's error when the presigned request is not valid now; ``headers`` have
    lower-case names."""
    query = dict(_pairs(raw_query))
    if any(name in query for name in V4_PARAMETERS):
        _check_v4(method, host, raw_path, raw_query, query, headers, now)
    else:
        _check_v2(method, raw_path, query, headers, now, bucket=bucket, virtual_host=virtual_host)


# -- Signature Version 4 ----------------------------------------------------------------


def _v4_parameters(query: Mapping[str, str]) -> tuple[str, str, str, _dt.datetime, int]:
    """(access key, scope, signed headers, date, expires) of a complete V4 query."""
    if not all(name in query for name in V4_PARAMETERS):
        raise S3Error(ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR)
    try:
        date = _dt.datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=_dt.timezone.utc)
    except ValueError:
        raise S3Error(ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, Message.INVALID_DATE) from None
    expires = query["X-Amz-Expires"]
    if not expires.isdigit() or int(expires) > WEEK:
        raise S3Error(ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, Message.EXPIRES_TOO_LONG)
    access_key, _, scope = query["X-Amz-Credential"].partition("/")
    return access_key, scope, query["X-Amz-SignedHeaders"], date, int(expires)


def _check_v4(
    method: str, host: str, raw_path: str, raw_query: str, query: Mapping[str, str],
    headers: Mapping[str, str], now: _dt.datetime,
) -> None:
    access_key, scope, signed_headers, date, expires = _v4_parameters(query)
    if access_key != ACCESS_KEY_ID:
        raise S3Error(ErrorCode.INVALID_ACCESS_KEY_ID, AWSAccessKeyId=access_key)
    unsigned = sorted(
        name for name in headers if name.startswith("x-amz-") and name not in signed_headers.split(";")
    )
    if unsigned:
        raise S3Error(ErrorCode.ACCESS_DENIED, Message.UNSIGNED_HEADERS, HeadersNotSigned=", ".join(unsigned))
    canonical = canonical_request_v4(method, host, raw_path, raw_query, headers, signed_headers)
    string_to_sign = "\n".join(
        ("AWS4-HMAC-SHA256", query["X-Amz-Date"], scope, hashlib.sha256(canonical.encode()).hexdigest())
    )
    expected = hmac.new(signing_key_v4(SECRET_ACCESS_KEY, scope), string_to_sign.encode(), hashlib.sha256)
    if not hmac.compare_digest(expected.hexdigest(), query["X-Amz-Signature"]):
        raise S3Error(
            ErrorCode.SIGNATURE_DOES_NOT_MATCH, AWSAccessKeyId=access_key,
            StringToSign=string_to_sign, SignatureProvided=query["X-Amz-Signature"],
            CanonicalRequest=canonical,
        )
    expiry = date + _dt.timedelta(seconds=expires)
    if now > expiry:
        error = S3Error(ErrorCode.ACCESS_DENIED, Message.REQUEST_EXPIRED)
        error.fields.update({"X-Amz-Expires": str(expires), "Expires": _iso(expiry), "ServerTime": _iso(now)})
        raise error


def canonical_request_v4(
    method: str, host: str, raw_path: str, raw_query: str, headers: Mapping[str, str],
    signed_headers: str,
) -> str:
    pairs = sorted(
        (_encode(name), _encode(value)) for name, value in _pairs(raw_query) if name != "X-Amz-Signature"
    )
    query = "&".join(f"{name}={value}" for name, value in pairs)
    names = signed_headers.split(";")
    values = {**headers, "host": headers.get("host", host)}
    lines = [f"{name}:{' '.join(values.get(name, '').split())}" for name in names]
    return "\n".join(
        (method, canonical_path(raw_path), query, "\n".join(lines) + "\n", signed_headers, UNSIGNED_PAYLOAD)
    )


def signing_key_v4(secret: str, scope: str) -> bytes:
    """HMAC chain over the scope ``date/region/service/aws4_request``."""
    key = ("AWS4" + secret).encode()
    for part in scope.split("/"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


# -- Signature Version 2 ----------------------------------------------------------------


def _check_v2(
    method: str, raw_path: str, query: Mapping[str, str], headers: Mapping[str, str],
    now: _dt.datetime, *, bucket: str | None, virtual_host: bool,
) -> None:
    if not all(name in query for name in V2_PARAMETERS):
        raise S3Error(ErrorCode.ACCESS_DENIED, Message.QUERY_AUTH_V2_PARAMETERS)
    if query["AWSAccessKeyId"] != ACCESS_KEY_ID:
        raise S3Error(ErrorCode.INVALID_ACCESS_KEY_ID, AWSAccessKeyId=query["AWSAccessKeyId"])
    expires = query["Expires"]
    resource = canonical_path(raw_path)
    if virtual_host and bucket:
        resource = f"/{bucket}{resource}"
    string_to_sign = string_to_sign_v2(method, headers, expires, resource, query)
    digest = hmac.new(SECRET_ACCESS_KEY.encode(), string_to_sign.encode(), hashlib.sha1).digest()
    if not hmac.compare_digest(base64.b64encode(digest).decode(), query["Signature"]):
        raise S3Error(
            ErrorCode.SIGNATURE_DOES_NOT_MATCH, AWSAccessKeyId=query["AWSAccessKeyId"],
            StringToSign=string_to_sign, SignatureProvided=query["Signature"],
        )
    expiry = _dt.datetime.fromtimestamp(int(expires), _dt.timezone.utc) if expires.isdigit() else None
    if expiry is None or now > expiry:
        raise S3Error(
            ErrorCode.ACCESS_DENIED, Message.REQUEST_EXPIRED,
            Expires=_iso(expiry) if expiry else expires, ServerTime=_iso(now),
        )


def string_to_sign_v2(
    method: str, headers: Mapping[str, str], expires: str, resource: str, query: Mapping[str, str]
) -> str:
    amz = sorted((name, value.strip()) for name, value in headers.items() if name.startswith("x-amz-"))
    subresources = sorted((name, value) for name, value in query.items() if name in V2_SUBRESOURCES)
    if subresources:
        resource += "?" + "&".join(f"{name}={value}" if value else name for name, value in subresources)
    lines = [method, headers.get("content-md5", ""), headers.get("content-type", ""), expires]
    lines += [f"{name}:{value}" for name, value in amz]
    return "\n".join([*lines, resource])


def _iso(instant: _dt.datetime) -> str:
    return instant.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
