"""Strategies for the wire fuzzer: requests near the valid ones, then broken (not a test module).

A request starts from an S3 operation's own shape in botocore's service model
(method, ``/{Bucket}/{Key+}?subresource``), names buckets and keys that exist in the
fuzzed store, and carries the headers and query parameters the operation declares,
so it reaches deep into the handlers. Then any part may be wrong: the method, the
bucket, the key, a value (empty, huge, negative, a malformed date or digest), an
unknown name, or the body (an XML document of the right vocabulary, truncated, with
a byte changed, an entity declaration, or plain noise).
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import re
import zlib
from dataclasses import dataclass, field
from email.utils import format_datetime
from urllib.parse import quote, urlencode

import botocore.session
from hypothesis import strategies as st

from s3double import S3Double
from s3double.model.deletion import delete_key
from s3double.model.locks import LockMode, Retention
from s3double.operations import COMMON_HEADERS, INTEGRITY_HEADERS, OPERATIONS
from s3double.strategies import bucket_names, object_keys, version_ids

S3_MODEL = botocore.session.get_session().get_service_model("s3")
BUCKETS = ["fuzz-plain", "fuzz-versioned", "fuzz-locked"]
KEYS = ["a", "a/b", "&<>", "k"]
METHODS = ["GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS"]
EPOCH = _dt.datetime(2025, 1, 2, tzinfo=_dt.timezone.utc)


def populate(double: S3Double) -> S3Double:
    """The fuzzed state: a plain, a versioned and an object lock bucket (seed it after
    activating: activation empties the store)."""
    double.clock.set(EPOCH)
    store = double.store
    plain = store.create_bucket("fuzz-plain")
    versioned = store.create_bucket("fuzz-versioned", versioning="Enabled")
    for key in KEYS:
        plain.put(key, key.encode() * 3)
        versioned.put(key, b"old")
        versioned.put(key, b"new")
    delete_key(versioned, "k", now=EPOCH)
    locked = store.create_bucket("fuzz-locked", object_lock=True)
    locked.put("a", b"kept", retention=Retention(LockMode.GOVERNANCE, EPOCH + _dt.timedelta(days=9)))
    locked.put("k", b"held", legal_hold=True)
    return double


def snapshot(double: S3Double) -> list[object]:
    """Everything a request could change: each bucket's settings and every entry."""
    return [
        (b.name, b.region, b.owner, b.versioning, b.object_lock_enabled, b.default_retention,
         b.mfa_delete, getattr(b, "policy", None),
         [entry for key in b.objects.index.walk() for entry in b.versions(key)])
        for b in double.store
    ]


# Children of each XML element S3 reads; a leaf takes text.
VOCABULARY = {
    "Delete": ["Object", "Quiet"],
    "Object": ["Key", "VersionId", "ETag", "LastModifiedTime", "Size"],
    "VersioningConfiguration": ["Status", "MfaDelete"],
    "ObjectLockConfiguration": ["ObjectLockEnabled", "Rule"],
    "Rule": ["DefaultRetention"],
    "DefaultRetention": ["Mode", "Days", "Years"],
    "Retention": ["Mode", "RetainUntilDate"],
    "LegalHold": ["Status"],
    "CreateBucketConfiguration": ["LocationConstraint", "Location", "Bucket"],
    "CompleteMultipartUpload": ["Part"],
    "Part": ["PartNumber", "ETag", "ChecksumCRC32"],
}
ROOTS = ["Delete", "VersioningConfiguration", "ObjectLockConfiguration", "Retention", "LegalHold",
         "CreateBucketConfiguration", "CompleteMultipartUpload"]


def _http_date(instant: _dt.datetime, zone: str) -> str:
    return format_datetime(instant, usegmt=True).replace("GMT", zone)


# Numbers as S3 never reads them (issue 13): other scripts' digits, signs doubled or
# leading, spaces, exponents, hexadecimal, superscripts, and sizes past any integer.
NUMBERS = st.one_of(
    st.sampled_from([
        "--5", "+5", "-0", "+0", "- 5", " 5", "5 ", "\u00a05", "5\u200b", "1e3", "0x10", "1_0",
        "\u0663", "\uff11\uff12", "\u00b2", "\u2460", "\u0967\u0966", "\U0001d7d9", "9" * 40,
        str(2**63), str(-(2**63) - 1), str(2**31), "-2147483649", "1" * 4000, "9" * 5000,
        "bytes=0-" + "9" * 5000, "bytes=" + "9" * 5000 + "-", "bytes=-" + "9" * 5000,
    ]),
    st.integers().map(str),
    st.integers(4290, 4400).map(lambda digits: "9" * digits),  # past int()'s 4,300-digit limit
    st.builds(lambda sign, digits: sign + digits, st.sampled_from(["", "-", "+", "--", "-+"]),
              st.text(st.characters(categories=["Nd"]), min_size=1, max_size=6)),
)

DATES = st.builds(
    _http_date,
    st.datetimes(min_value=_dt.datetime(1970, 1, 2), max_value=_dt.datetime(2100, 1, 1),
                 timezones=st.just(_dt.timezone.utc)),
    st.sampled_from(["GMT", "-0000", "+0000", "+0100", "UTC", ""]),
) | st.datetimes(timezones=st.none() | st.just(_dt.timezone.utc)).map(lambda d: d.isoformat())
VALUES = st.one_of(
    st.sampled_from([
        "true", "false", "TRUE", "ON", "OFF", "Enabled", "Suspended", "Disabled", "GOVERNANCE",
        "COMPLIANCE", "url", "null", "*", "", " ", "0", "-1", "1", "2", "1000", "1001", "10000",
        "2147483648", "99999999999999999999", "1_000", "\u0661\u0662", "bytes=0-0", "bytes=-1",
        "bytes=5-", "bytes=1-0", "bytes=0-0,2-3", "bytes=-0", "aws-chunked", "CRC32", "SHA256",
        "REPLACE", "COPY", "fuzz-plain/a", "/fuzz-versioned/a?versionId=null", "fuzz-plain/a?x=1",
        '"d41d8cd98f00b204e9800998ecf8427e"', "123456789012", "111122223333", "serial 123456",
    ]),
    NUMBERS,
    DATES,
    version_ids(),
    st.binary(max_size=24).map(lambda b: base64.b64encode(b).decode()),
    st.text(max_size=16),
)


@st.composite
def xml_element(draw: st.DrawFn, name: str, depth: int = 0) -> str:
    children = VOCABULARY.get(name)
    if children is None or depth > 3 or draw(st.integers(0, 9)) == 0:
        text = draw(st.one_of(VALUES, st.sampled_from(KEYS), object_keys(max_bytes=40)))
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    else:
        names = draw(st.lists(st.sampled_from(children), max_size=4))
        text = "".join(draw(xml_element(child, depth + 1)) for child in names)
    return f"<{name}>{text}</{name}>"


@st.composite
def xml_documents(draw: st.DrawFn, root: str | None = None) -> bytes:
    name = root or draw(st.sampled_from(ROOTS))
    xmlns = draw(st.sampled_from(['', ' xmlns="http://s3.amazonaws.com/doc/2006-03-01/"']))
    inner = draw(xml_element(name))[len(name) + 2 :]
    head = draw(st.sampled_from(['', '<?xml version="1.0" encoding="UTF-8"?>\n']))
    return f"{head}<{name}{xmlns}>{inner}".encode("utf-8", "surrogatepass")


def _policy(effect: str, action: str, resource: str) -> bytes:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": effect, "Principal": "*", "Action": action, "Resource": resource}]}).encode()


POLICIES = st.builds(
    _policy, st.sampled_from(["Allow", "Deny", "deny"]),
    st.sampled_from(["s3:DeleteObject", "s3:*", "s3:Get*", "ec2:*", "s3:Nope"]),
    st.sampled_from(["arn:aws:s3:::fuzz-plain/*", "arn:aws:s3:::other/*", "*", "arn:aws:s3:::fuzz-plain"]),
)


@st.composite
def broken(draw: st.DrawFn, body: bytes) -> bytes:
    """``body`` as it is, or truncated, with a byte changed, an entity, or noise."""
    how = draw(st.sampled_from(["keep", "keep", "truncate", "flip", "entity", "noise"]))
    if how == "truncate" and body:
        return body[: draw(st.integers(0, len(body) - 1))]
    if how == "flip" and body:
        at = draw(st.integers(0, len(body) - 1))
        return body[:at] + bytes([draw(st.integers(0, 255))]) + body[at + 1 :]
    if how == "entity":
        return b'<!DOCTYPE d [<!ENTITY e "x">]>' + body
    if how == "noise":
        return draw(st.binary(max_size=64))
    return body


@st.composite
def often(draw: st.DrawFn, usual: st.SearchStrategy, *unusual: st.SearchStrategy) -> object:
    """``usual`` three times in four (and when shrinking), else one of ``unusual``."""
    return draw(usual if draw(st.integers(0, 3)) < 3 else st.one_of(*unusual))


@dataclass
class FakePrepared:
    """What ``serve`` reads of botocore's ``AWSPreparedRequest``."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class FuzzRequest:
    operation: str
    bucket: str | None  # the bucket botocore would have been given (the URL's hint)
    prepared: FakePrepared
    key: str | None = None  # the key botocore would have been given, when it was


def _integrity(draw: st.DrawFn, body: bytes) -> dict[str, str]:
    md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
    crc = base64.b64encode(zlib.crc32(body).to_bytes(4, "big")).decode()
    options = st.sampled_from([{}, {"Content-MD5": md5}, {"Content-MD5": md5}, {"x-amz-checksum-crc32": crc},
                               {"x-amz-checksum-crc32": crc, "x-amz-sdk-checksum-algorithm": "CRC32"},
                               {"Content-MD5": base64.b64encode(b"0" * 16).decode()}])
    return dict(draw(options))


@st.composite
def fuzz_requests(draw: st.DrawFn, operation: str) -> FuzzRequest:
    """A request for ``operation`` (one s3double serves, or any other name)."""
    shape = S3_MODEL.operation_model(operation).http if operation in OPERATIONS else {}
    method = draw(often(st.just(shape.get("method", "GET")), st.sampled_from(METHODS)))
    bucket = draw(often(st.sampled_from(BUCKETS), bucket_names(), st.text(max_size=8)))
    key = draw(often(st.sampled_from(KEYS), object_keys(), object_keys(xml_forbidden=True),
                     st.just("x" * 1025)))
    uri = shape.get("requestUri", "/{Bucket}/{Key+}")
    path, _, subresource = uri.partition("?")
    path = path.replace("{Bucket}", quote(bucket, safe="")).replace("{Key+}", quote(key, safe="/~"))
    if draw(st.integers(0, 9)) == 0:
        path = draw(st.sampled_from(["/", "//", "/" + bucket + "/", "/%ZZ", "/%ED%A0%80"]))
    known = sorted(OPERATIONS[operation].query) if operation in OPERATIONS else []
    names = st.sampled_from(known) | st.text(max_size=6) if known else st.text(max_size=6)
    query = draw(st.dictionaries(names, VALUES, max_size=3))
    if subresource:
        name, _, value = subresource.partition("=")
        query.setdefault(name, value)
    body = _body(draw, operation)
    headers = _headers(draw, operation) | _integrity(draw, body)
    if draw(st.integers(0, 5)) == 0:
        body, framing = draw(chunked(body))
        headers |= framing
    url, bucket_hint = _address(draw, bucket, path, query)
    key_hint = key if "{Key+}" in uri and draw(st.booleans()) else None
    return FuzzRequest(operation, bucket_hint, FakePrepared(method, url, headers, body), key_hint)


ENDPOINTS = ["aws", "aws", "aws", "prefix", "named-host", "local", "access-point"]
BASES = {"aws": "https://s3.amazonaws.com", "prefix": "http://localhost:9000/prefix",
         "local": "http://localhost:9000", "named-host": "http://{bucket}.example.com"}
ACCESS_POINT = ("arn:aws:s3:us-east-1:123456789012:accesspoint/ap",
                "https://ap-123456789012.s3-accesspoint.us-east-1.amazonaws.com")


def _address(draw: st.DrawFn, bucket: str, path: str, query: dict[str, str]) -> tuple[str, str]:
    """The URL (and the Bucket botocore was given) for ``path``: AWS's endpoint, an
    endpoint with a path of its own, a host that begins with the bucket's name, or a
    local one, path style or virtual-hosted; or an access point (its ARN as Bucket)."""
    tail = "?" + urlencode(query) if query else ""
    quoted = "/" + quote(bucket, safe="")
    after = path[len(quoted):] if path == quoted or path.startswith(quoted + "/") else None
    endpoint = draw(st.sampled_from(ENDPOINTS))
    if endpoint == "access-point":
        arn, base = ACCESS_POINT
        return f"{base}{after or '/'}{tail}", arn
    base = BASES[endpoint].format(bucket=bucket)
    hostable = re.fullmatch(r"[a-z0-9][a-z0-9.-]*", bucket) is not None and after is not None
    if hostable and draw(st.booleans()):  # virtual-hosted, for names that can be a host
        scheme, _, rest = base.partition("://")
        host, slash, prefix = rest.partition("/")
        return f"{scheme}://{bucket}.{host}{slash}{prefix}{after or '/'}{tail}", bucket
    return f"{base}{path}{tail}", bucket


def _body(draw: st.DrawFn, operation: str) -> bytes:
    if operation == "PutBucketPolicy":
        return draw(broken(draw(POLICIES)))
    roots = {"DeleteObjects": "Delete", "PutBucketVersioning": "VersioningConfiguration",
             "PutObjectLockConfiguration": "ObjectLockConfiguration", "PutObjectRetention": "Retention",
             "PutObjectLegalHold": "LegalHold", "CreateBucket": "CreateBucketConfiguration",
             "CompleteMultipartUpload": "CompleteMultipartUpload"}
    if operation in roots:
        document = draw(broken(draw(xml_documents(roots[operation]) | xml_documents())))
        return draw(reencoded(document))
    return draw(st.binary(max_size=32))


ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-8-sig", "latin-1"]
BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00",
        "utf-32-be": b"\x00\x00\xfe\xff"}


@st.composite
def reencoded(draw: st.DrawFn, document: bytes) -> bytes:
    """``document`` as sent (UTF-8), or re-encoded in UTF-16 or UTF-32 (either byte
    order, with or without a byte order mark), with an XML declaration naming the
    encoding, another one, or none."""
    if draw(st.integers(0, 2)) < 2:
        return document
    text = document.decode("utf-8", "replace")
    if text.startswith("<?xml"):
        text = text.partition("?>")[2].lstrip()
    encoding = draw(st.sampled_from(ENCODINGS))
    declared = draw(st.sampled_from([None, encoding, "UTF-16", "UTF-8", "UTF-32"]))
    if declared is not None:
        text = f'<?xml version="1.0" encoding="{declared.upper()}"?>' + text
    body = text.encode(encoding, "replace")
    if encoding in BOMS and draw(st.booleans()):
        body = BOMS[encoding] + body
    return body


@st.composite
def chunked(draw: st.DrawFn, body: bytes) -> tuple[bytes, dict[str, str]]:
    """``body`` in aws-chunked framing, well formed (chunks of any size, extensions, a
    trailer) or broken: a size negative, signed, in other digits, huge or missing; data
    without its CRLF; trailers never closed; the whole cut short."""
    cuts = sorted(draw(st.lists(st.integers(0, len(body)), max_size=3)))
    pieces = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True) if b > a]
    frames = [f"{len(piece):x}".encode() + draw(st.sampled_from([b"", b";chunk-signature=ab"])) + b"\r\n"
              + piece + b"\r\n" for piece in pieces]
    trailer = draw(st.sampled_from([b"", b"x-amz-checksum-crc32:AAAAAA==\r\n", b"x-amz-meta-a:b\r\n"]))
    framed = b"".join(frames) + b"0\r\n" + trailer + b"\r\n"
    how = draw(st.sampled_from(["keep", "keep", "size", "crlf", "unclosed", "cut"]))
    if how == "size":
        bad = draw(st.sampled_from(
            ["-6", "-0", "+3", "\u0663", "\uff11", "ffffffffffffffffffff", "", " 3", "3 "]
        ))
        framed = bad.encode() + b"\r\n" + framed.partition(b"\r\n")[2]
    elif how == "crlf" and pieces:
        framed = framed.replace(pieces[0] + b"\r\n", pieces[0] + b"XX", 1)
    elif how == "unclosed":
        framed = framed[:-2]
    elif how == "cut":
        framed = framed[: draw(st.integers(0, max(0, len(framed) - 1)))]
    length = draw(often(st.just(str(len(body))), NUMBERS))
    return framed, {"Content-Encoding": "aws-chunked", "x-amz-decoded-content-length": length}


ETAGS = st.sampled_from(['"d41d8cd98f00b204e9800998ecf8427e"', "*", '"nope"', "", "a, *"])
COPY_SOURCES = st.builds(
    lambda b, k, q: f"{b}/{quote(k)}{q}", st.sampled_from(BUCKETS), st.sampled_from(KEYS),
    st.sampled_from(["", "?versionId=null", "?versionId=x", "?x=1"]),
)
RANGES = st.builds(lambda first, last: f"bytes={first}-{last}", st.sampled_from(["", "0", "1"]) | NUMBERS,
                   st.sampled_from(["", "0", "2"]) | NUMBERS)
# Values shaped for what a header means, so a request gets past the first check.
SHAPED = {
    "range": RANGES, "x-amz-decoded-content-length": NUMBERS, "x-amz-write-offset-bytes": NUMBERS,
    "if-modified-since": DATES, "if-unmodified-since": DATES, "expires": DATES,
    "x-amz-object-lock-retain-until-date": DATES, "x-amz-if-match-last-modified-time": DATES,
    "if-match": ETAGS, "if-none-match": ETAGS, "x-amz-copy-source": COPY_SOURCES,
}


def _headers(draw: st.DrawFn, operation: str) -> dict[str, str]:
    declared = sorted(OPERATIONS[operation].headers) if operation in OPERATIONS else []
    others = st.sampled_from([*sorted(INTEGRITY_HEADERS), "content-type", "range", "x-amz-meta-a",
                              "x-amz-copy-source", "x-amz-expected-bucket-owner"])
    unusual = (others, st.sampled_from(sorted(COMMON_HEADERS)), st.text(min_size=1, max_size=8))
    names = often(st.sampled_from(declared), *unusual) if declared else st.one_of(unusual)
    chosen = draw(st.lists(names, max_size=4, unique=True))
    if draw(often(st.just(True), st.just(False))):
        chosen += [name for name in _required_headers(operation) if name not in chosen]
    return {name: draw(often(SHAPED.get(name.lower(), VALUES), VALUES)) for name in chosen}


def _required_headers(operation: str) -> list[str]:
    """The headers botocore always sends for ``operation`` (x-amz-copy-source...)."""
    if operation not in S3_MODEL.operation_names:
        return []
    shape = S3_MODEL.operation_model(operation).input_shape
    members = [shape.members[name] for name in getattr(shape, "required_members", [])]
    return [m.serialization["name"].lower() for m in members if m.serialization.get("location") == "header"]
