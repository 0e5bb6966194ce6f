"""Is a URL an Amazon S3 endpoint, and which bucket, key and region does it name?

For requests that reach s3double without botocore's help (a presigned URL fetched with
``requests`` or ``urllib``, a client whose session predates ``import s3double``), the
URL is all there is. S3's endpoints, from botocore's endpoint rules:

* path style: ``s3.amazonaws.com/bucket/key``, ``s3.us-west-2.amazonaws.com/bucket/key``,
  ``s3-us-west-2.amazonaws.com``, ``s3.dualstack.us-west-2.amazonaws.com``;
* virtual-hosted style: the bucket before any of those (``bucket.s3.amazonaws.com/key``),
  or before ``s3-accelerate``; S3 Express zonal endpoints
  (``bucket--usw2-az1--x-s3.s3express-usw2-az1.us-west-2.amazonaws.com``);
* China regions end in ``amazonaws.com.cn``.

Other hosts (access points, S3 Control, a custom ``endpoint_url``) are not S3 here.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

_HOST = re.compile(
    r"^(?:(?P<bucket>.+)\.)?"
    r"(?:s3express-control\.(?P<control_region>[a-z0-9-]+)"
    r"|s3express-[a-z0-9-]+\.(?P<zonal_region>[a-z0-9-]+)"
    r"|s3-accelerate(?:\.dualstack)?"
    r"|s3(?:-fips)?(?:[.-]dualstack)?(?:[.-](?P<region>[a-z]{2}(?:-[a-z]+)+-\d+))?)"
    r"\.amazonaws\.com(?:\.cn)?$"
)
DEFAULT_REGION = "us-east-1"


class S3Location(NamedTuple):
    host: str
    bucket: str | None
    key: str | None
    query: str  # as sent, still percent-encoded
    region: str
    path: str  # as sent, still percent-encoded
    virtual: bool  # the bucket is in the host


def s3_location(url: str, host_header: str | None = None) -> S3Location | None:
    """Where ``url`` points, when it is an S3 endpoint; None for any other host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (host_header or parts.netloc).rpartition("@")[2].split(":")[0].lower()
    match = _HOST.match(host)
    if match is None:
        return None
    region = (
        match.group("region") or match.group("zonal_region") or match.group("control_region")
        or DEFAULT_REGION
    )
    bucket = match.group("bucket")
    path = unquote(parts.path)
    if bucket is not None:
        return S3Location(host, bucket, path[1:] or None, parts.query, region, parts.path, True)
    trimmed = path[1:]
    name, slash, key = trimmed.partition("/")
    return S3Location(
        host, name or None, key if slash and key else None, parts.query, region, parts.path, False
    )


def is_s3_url(url: str) -> bool:
    return s3_location(url) is not None
