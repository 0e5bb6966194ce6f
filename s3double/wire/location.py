"""Which bucket and key a request addresses: the client's own words first, then its URL.

botocore builds an S3 URL from the endpoint (which may carry a path of its own:
``endpoint_url="http://host:9000/prefix"``), the bucket (in the host, virtual-hosted
style, or as the path segment after the endpoint's path, path style) and the key (the
rest of the path). Read from the left, such a URL is ambiguous: ``/prefix/bucket/key``
has ``prefix`` first, and a path-style request to a host that begins with
``bucket.`` looks virtual-hosted. Both once reached the wrong bucket or key.

So the hook hands over what the client was asked to address (its ``Bucket`` and
``Key`` parameters), and ``locate`` checks them against the URL: the key ends the
path, and the bucket is in the host or ends the path before the key. Only when the
client's words are unknown (a session older than ``import s3double``, a fuzzer) or the
URL no longer carries them (a handler rewrote it) is the URL read alone: virtual-hosted
when the host is ``<bucket>.s3....amazonaws.com`` or begins with the bucket named, path
style otherwise.

Access points, Object Lambda access points, Outposts and Multi-Region Access Points are
not modelled. A request addressed to one by an ARN as ``Bucket``, or sent to one of
their hosts, is refused with 501 NotImplemented naming it, before any bucket is looked
up: it never acts on the bucket its key's first segment happens to name. An access
point alias (``...-s3alias``) is a name no bucket may take, so it finds no bucket.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from ..errors import ErrorCode, Message, S3Error

# The hosts botocore's endpoint rules build for each kind of access point.
ACCESS_POINT_HOSTS = (".s3-accesspoint.", ".s3-object-lambda.", ".s3-outposts.", ".accesspoint.s3-global.")
AWS_DOMAINS = (".amazonaws.com", ".amazonaws.com.cn")


class Location(NamedTuple):
    bucket: str | None
    key: str | None
    query: str


def locate(url: str, bucket_hint: str | None = None, key_hint: str | None = None) -> Location:
    """The bucket, key and raw query string ``url`` addresses; ``bucket_hint`` and
    ``key_hint`` are the client's ``Bucket`` and ``Key`` parameters, when known."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        raise S3Error(ErrorCode.INVALID_URI, URI=url) from None
    refuse_access_points(bucket_hint, host)
    path = unquote(parts.path)
    named = _as_named(path, host, bucket_hint, key_hint)
    if named is not None:
        return Location(*named, parts.query)
    return Location(*_from_url(path, host, bucket_hint), parts.query)


def refuse_access_points(bucket: str | None, host: str) -> None:
    """501 for a request addressed to an access point of any kind."""
    what = None
    if bucket is not None and bucket.startswith("arn:"):
        what = bucket
    elif any(marker in "." + host for marker in ACCESS_POINT_HOSTS):
        what = host
    if what is not None:
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Message.ACCESS_POINT_NOT_IMPLEMENTED.format(what=what))


def _as_named(
    path: str, host: str, bucket: str | None, key: str | None
) -> tuple[str | None, str | None] | None:
    """(bucket, key) as the client named them, if the URL carries both where botocore
    puts them; None when it does not (or nothing was named)."""
    if not bucket:
        return None
    before = path
    if key is not None:
        if not path.endswith("/" + key):
            return None
        before = path[: len(path) - len(key) - 1]
    before = before.rstrip("/") if key is None else before
    if before.endswith("/" + bucket) or host.startswith(bucket + "."):
        return bucket, key or None
    return None


def _from_url(path: str, host: str, bucket_hint: str | None) -> tuple[str | None, str | None]:
    """The URL read alone: virtual-hosted for a bucket in the host, else path style."""
    virtual = bucket_hint if bucket_hint and host.startswith(bucket_hint + ".") else _aws_virtual(host)
    if virtual is not None:
        return virtual, path[1:] or None
    trimmed = path[1:]
    if not trimmed:
        return None, None
    bucket, slash, key = trimmed.partition("/")
    return bucket, (key if slash and key else None)


def _aws_virtual(host: str) -> str | None:
    """``bucket`` of ``bucket.s3[...].amazonaws.com`` (S3 Express zonal hosts too)."""
    if not host.endswith(AWS_DOMAINS):
        return None
    labels = host.split(".")
    if len(labels) > 3 and labels[1].startswith("s3"):
        return labels[0]
    return None
