"""Where an HTTP request to the server points: bucket, key, region, the query S3 sees.

Virtual-hosted style when the Host header is ``<bucket>.<base>`` for a known base host
(``localhost``, ``s3.localhost``, ``127.0.0.1.nip.io`` and other ``<ip>.nip.io`` /
``<ip>.sslip.io`` names, ``s3.<region>.amazonaws.com``, or a base the server was given),
else path style ``/<bucket>/<key>``. The path is URL-decoded. The region is the one the
client signed for (the SigV4 credential scope of ``Authorization`` or of the
``X-Amz-Credential`` query parameter), us-east-1 when unsigned.

Presigned URLs carry their signature in the query (``X-Amz-Algorithm``,
``X-Amz-Credential`` ...); those are authentication, not parameters of the operation,
so they are taken out before routing and before the 501 check of unmodelled names.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode

from ..operations.request import DEFAULT_REGION

DEFAULT_BASE_HOSTS = ("localhost", "s3.localhost", "localhost.localstack.cloud")
# Wildcard DNS services that answer <anything>.<ip>.nip.io with <ip>.
_WILDCARD_DNS = re.compile(r"(?:^|\.)((?:\d{1,3}\.){3}\d{1,3}\.(?:nip|sslip)\.io)$")
_AMAZON = re.compile(r"(?:^|\.)(s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com)$")
_CREDENTIAL = re.compile(r"Credential=([^,\s]+)")
# The query parameters of a presigned URL (SigV4 query authentication).
PRESIGN_PARAMETERS = frozenset(
    {
        "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires",
        "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token",
    }
)

_V2_PARAMETERS = frozenset({"AWSAccessKeyId", "Signature", "Expires"})


@dataclass(frozen=True, slots=True)
class Location:
    bucket: str | None
    key: str | None
    query: str  # the query string the operation sees: presign parameters taken out
    host: str  # the Host header, port removed
    resource: str  # /bucket/key as sent (still URL-encoded), whichever style: SigV2 signs it


def host_name(host_header: str) -> str:
    """``b.localhost:9000`` -> ``b.localhost``; ``[::1]:9000`` -> ``::1``."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host[1:]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def virtual_bucket(host: str, base_hosts: Iterable[str] = ()) -> str | None:
    """The bucket named by the leading labels of ``host``, when the rest is a known base."""
    if not host or _is_ip(host):
        return None
    bases = [*base_hosts, *DEFAULT_BASE_HOSTS]
    for pattern in (_WILDCARD_DNS, _AMAZON):
        found = pattern.search(host)
        if found:
            bases.append(found.group(1))
    matching = [base for base in bases if host.endswith("." + base)]
    if not matching:
        return None
    base = max(matching, key=len)
    bucket = host[: -len(base) - 1]
    return bucket or None


def strip_presign(query_string: str) -> str:
    """The query without query-authentication parameters: SigV4's (names are
    case-insensitive), and SigV2's ``AWSAccessKeyId``, ``Signature``, ``Expires``."""
    v2 = "AWSAccessKeyId=" in query_string and "Signature=" in query_string
    if not v2 and "X-Amz-" not in query_string and "x-amz-" not in query_string:
        return query_string
    pairs = parse_qsl(query_string, keep_blank_values=True)
    kept = [
        (name, value) for name, value in pairs
        if name.lower() not in PRESIGN_PARAMETERS and not (v2 and name in _V2_PARAMETERS)
    ]
    return urlencode(kept, quote_via=quote)


def locate(raw_path: str, host_header: str, base_hosts: Iterable[str] = ()) -> Location:
    """Bucket, key and query of a request line's target and its Host header."""
    path, _, query = raw_path.partition("?")
    host = host_name(host_header)
    decoded = unquote(path)
    bucket = virtual_bucket(host, base_hosts)
    if bucket is not None:
        key = decoded[1:] if decoded.startswith("/") else decoded
        return Location(bucket, key or None, strip_presign(query), host, f"/{bucket}{path}")
    trimmed = decoded[1:] if decoded.startswith("/") else decoded
    if not trimmed:
        return Location(None, None, strip_presign(query), host, path)
    name, slash, key = trimmed.partition("/")
    return Location(name, key if slash and key else None, strip_presign(query), host, path)


def signing_region(authorization: str | None, query: dict[str, str]) -> str:
    """The region of the SigV4 credential scope (``AKID/date/region/s3/aws4_request``)."""
    credential = query.get("X-Amz-Credential")
    if credential is None and authorization:
        found = _CREDENTIAL.search(authorization)
        credential = found.group(1) if found else None
    if credential:
        parts = credential.split("/")
        if len(parts) == 5 and parts[2]:
            return parts[2]
    return DEFAULT_REGION
