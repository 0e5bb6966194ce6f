"""Results and errors -> (status, headers, body), in S3's own XML.

One named function per response shape. The headers every S3 response carries
(request id, id-2, Date, Server) are added by ``finish``.
"""

from __future__ import annotations

import base64
import functools
import os
import time
from collections.abc import Callable
from email.utils import formatdate
from typing import Any
from urllib.parse import quote_plus

from ..errors import S3Error
from ..model.acl import canonical_user_id
from ..model.storage import storage_class_of
from ..model.versions import ObjectVersion
from ..operations.results import (
    BucketList,
    CopyResult,
    DeleteResult,
    Empty,
    KeyListing,
    LegalHoldResult,
    LocationResult,
    LockConfigurationResult,
    ObjectContent,
    PartListing,
    PolicyDocument,
    RetentionResult,
    UploadCompleted,
    UploadCreated,
    UploadListing,
    VersioningResult,
    VersionListing,
)
from ..values import iso_time
from .xml import document, element, escape

Rendered = tuple[int, dict[str, str], bytes]
XML = {"Content-Type": "application/xml"}


_IDS_PER_DRAW = 256
_ready_ids: list[tuple[str, str]] = []
_date: list[tuple[int, str]] = [(0, "")]


def request_ids() -> tuple[str, str]:
    """A fresh (x-amz-request-id, x-amz-id-2) pair, cut from one draw of the system's
    random source per 256 responses."""
    while True:
        try:
            return _ready_ids.pop()
        except IndexError:
            raw = os.urandom(56 * _IDS_PER_DRAW)
            _ready_ids.extend(
                (raw[at : at + 8].hex().upper(), base64.b64encode(raw[at + 8 : at + 56]).decode())
                for at in range(0, len(raw), 56)
            )


def http_now() -> str:
    """The Date header: formatted once a second."""
    second = int(time.time())
    cached_second, text = _date[0]
    if cached_second != second:
        text = formatdate(second, usegmt=True)
        _date[0] = (second, text)
    return text


def finish(status: int, headers: dict[str, str], body: bytes, *, length: int | None = None) -> Rendered:
    """Add the headers every S3 response carries."""
    headers["x-amz-request-id"], headers["x-amz-id-2"] = request_ids()
    headers["Date"] = http_now()
    headers["Server"] = "AmazonS3"
    headers["Content-Length"] = str(len(body) if length is None else length)
    return status, headers, body


@functools.singledispatch
def render(result: Any, method: str) -> Rendered:
    raise TypeError(f"no renderer for {type(result).__name__}")


def render_error(error: S3Error, method: str) -> Rendered:
    """S3's <Error> document; HEAD and 304 responses carry the status and headers only."""
    headers = dict(error.headers)
    if method == "HEAD" or error.status == 304:
        return finish(error.status, headers, b"")
    request_id, host_id = request_ids()
    fields = "".join(element(name, value) for name, value in error.fields.items())
    inner = (
        element("Code", error.code)
        + (element("Message", error.message) if error.message else "")  # some errors have none
        + fields
        + element("RequestId", request_id) + element("HostId", host_id)
    )
    status, headers, body = finish(
        error.status, {**headers, **XML}, document("Error", inner, namespace=False)
    )
    headers["x-amz-request-id"], headers["x-amz-id-2"] = request_id, host_id
    return status, headers, body


@render.register
def render_empty(result: Empty, method: str) -> Rendered:
    return finish(result.status, dict(result.headers), b"")


@render.register
def render_object(result: ObjectContent, method: str) -> Rendered:
    body = b"" if method == "HEAD" else result.body
    return finish(result.status, dict(result.headers), body, length=len(result.body))


@render.register
def render_delete_result(result: DeleteResult, method: str) -> Rendered:
    parts = []
    for deleted in () if result.quiet else result.deleted:
        inner = element("Key", deleted.key)
        if deleted.version_id is not None:
            inner += element("VersionId", deleted.version_id)
        if deleted.delete_marker:
            inner += "<DeleteMarker>true</DeleteMarker>"
            inner += element("DeleteMarkerVersionId", deleted.delete_marker_version_id or "")
        parts.append(f"<Deleted>{inner}</Deleted>")
    for error in result.errors:
        inner = element("Key", error.key)
        if error.version_id is not None:
            inner += element("VersionId", error.version_id)
        inner += element("Code", error.code) + element("Message", error.message)
        parts.append(f"<Error>{inner}</Error>")
    return finish(200, dict(XML), document("DeleteResult", "".join(parts)))


@render.register
def render_versioning(result: VersioningResult, method: str) -> Rendered:
    inner = ""
    if result.status is not None:
        inner += element("Status", result.status)
    if result.mfa_delete is not None:
        inner += element("MfaDelete", result.mfa_delete)
    return finish(200, dict(XML), document("VersioningConfiguration", inner))


@render.register
def render_location(result: LocationResult, method: str) -> Rendered:
    region = "" if result.region == "us-east-1" else escape(result.region)
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">{region}</LocationConstraint>'
    ).encode()
    return finish(200, dict(XML), body)


def _owner(account_id: str) -> str:
    return f"<Owner>{element('ID', canonical_user_id(account_id))}</Owner>"


@render.register
def render_bucket_list(result: BucketList, method: str) -> Rendered:
    buckets = "".join(
        "<Bucket>" + element("Name", bucket.name)
        + element("CreationDate", iso_time(bucket.created))
        + element("BucketRegion", bucket.region) + "</Bucket>"
        for bucket in result.buckets
    )
    inner = f"<Buckets>{buckets}</Buckets>{_owner(result.owner)}"
    if result.continuation_token is not None:
        inner += element("ContinuationToken", result.continuation_token)
    if result.prefix is not None:
        inner += element("Prefix", result.prefix)
    return finish(200, dict(XML), document("ListAllMyBucketsResult", inner))


@render.register
def render_copy_result(result: CopyResult, method: str) -> Rendered:
    inner = element("ETag", result.etag) + element("LastModified", iso_time(result.last_modified))
    if result.checksum is not None:
        algorithm, value = result.checksum
        inner += element(f"Checksum{algorithm}", value)
    return finish(200, {**result.headers, **XML}, document("CopyObjectResult", inner))


def _encoder(encoding_type: str | None) -> Callable[[str], str]:
    if encoding_type == "url":
        return lambda text: quote_plus(text, safe="/")
    return lambda text: text


def _object_entry(
    version: ObjectVersion, encode: Callable[[str], str], owner: str | None, storage_class: str = "STANDARD"
) -> str:
    inner = (
        element("Key", encode(version.key))
        + element("LastModified", iso_time(version.last_modified))
        + element("ETag", version.etag)
    )
    if version.checksum is not None:
        inner += element("ChecksumAlgorithm", version.checksum.algorithm)
        inner += element("ChecksumType", version.checksum.type)
    inner += f"<Size>{version.size}</Size>"
    if owner is not None:
        inner += _owner(owner)
    if version.options is not None and version.options.storage_class != "STANDARD":
        storage_class = version.options.storage_class  # the class the version was given
    return f"<Contents>{inner}<StorageClass>{storage_class}</StorageClass></Contents>"


def _prefixes(prefixes: list[str], encode: Callable[[str], str]) -> str:
    return "".join(
        f"<CommonPrefixes>{element('Prefix', encode(prefix))}</CommonPrefixes>" for prefix in prefixes
    )


@render.register
def render_key_listing(result: KeyListing, method: str) -> Rendered:
    encode = _encoder(result.encoding_type)
    page = result.page
    head = element("Name", result.bucket) + element("Prefix", encode(result.prefix))
    if result.version == 1:
        head += element("Marker", encode(result.marker))
        if page.is_truncated and result.delimiter and page.last is not None:
            head += element("NextMarker", encode(page.last))
    head += f"<MaxKeys>{result.max_keys}</MaxKeys>"
    if result.delimiter:
        head += element("Delimiter", encode(result.delimiter))
    if result.encoding_type is not None:
        head += element("EncodingType", result.encoding_type)
    if result.version == 2:
        head += f"<KeyCount>{len(page.objects) + len(page.common_prefixes)}</KeyCount>"
        if result.continuation_token is not None:
            head += element("ContinuationToken", result.continuation_token)
        if result.next_continuation_token is not None:
            head += element("NextContinuationToken", result.next_continuation_token)
        if result.start_after is not None:
            head += element("StartAfter", encode(result.start_after))
    head += f"<IsTruncated>{'true' if page.is_truncated else 'false'}</IsTruncated>"
    owner = result.owner if result.version == 1 or result.fetch_owner else None
    body = "".join(_object_entry(version, encode, owner, result.storage_class) for version in page.objects)
    body += _prefixes(page.common_prefixes, encode)
    return finish(200, dict(XML), document("ListBucketResult", head + body))


@render.register
def render_version_listing(result: VersionListing, method: str) -> Rendered:
    encode = _encoder(result.encoding_type)
    page = result.page
    head = (
        element("Name", result.bucket) + element("Prefix", encode(result.prefix))
        + element("KeyMarker", encode(result.key_marker))
        + element("VersionIdMarker", result.version_id_marker)
    )
    if page.is_truncated:
        if page.next_key_marker is not None:
            head += element("NextKeyMarker", encode(page.next_key_marker))
        if page.next_version_id_marker is not None:
            head += element("NextVersionIdMarker", page.next_version_id_marker)
    head += f"<MaxKeys>{result.max_keys}</MaxKeys>"
    if result.delimiter:
        head += element("Delimiter", encode(result.delimiter))
    if result.encoding_type is not None:
        head += element("EncodingType", result.encoding_type)
    head += f"<IsTruncated>{'true' if page.is_truncated else 'false'}</IsTruncated>"
    owner = _owner(result.owner)
    parts = []
    for entry, is_latest in page.entries:
        common = (
            element("Key", encode(entry.key)) + element("VersionId", entry.version_id)
            + f"<IsLatest>{'true' if is_latest else 'false'}</IsLatest>"
            + element("LastModified", iso_time(entry.last_modified))
        )
        if isinstance(entry, ObjectVersion):
            checksum = ""
            if entry.checksum is not None:
                checksum = element("ChecksumAlgorithm", entry.checksum.algorithm)
                checksum += element("ChecksumType", entry.checksum.type)
            parts.append(
                f"<Version>{common}{element('ETag', entry.etag)}{checksum}<Size>{entry.size}</Size>"
                f"<StorageClass>{storage_class_of(entry.options)}</StorageClass>{owner}</Version>"
            )
        else:
            parts.append(f"<DeleteMarker>{common}{owner}</DeleteMarker>")
    body = "".join(parts) + _prefixes(page.common_prefixes, encode)
    return finish(200, dict(XML), document("ListVersionsResult", head + body))


@render.register
def render_lock_configuration(result: LockConfigurationResult, method: str) -> Rendered:
    inner = "<ObjectLockEnabled>Enabled</ObjectLockEnabled>"
    rule = result.rule
    if rule is not None:
        period = f"<Days>{rule.days}</Days>" if rule.days is not None else f"<Years>{rule.years}</Years>"
        inner += f"<Rule><DefaultRetention><Mode>{rule.mode.value}</Mode>{period}</DefaultRetention></Rule>"
    return finish(200, dict(XML), document("ObjectLockConfiguration", inner))


@render.register
def render_retention(result: RetentionResult, method: str) -> Rendered:
    retention = result.retention
    inner = element("Mode", retention.mode.value) + element(
        "RetainUntilDate", iso_time(retention.retain_until)
    )
    return finish(200, dict(XML), document("Retention", inner))


@render.register
def render_legal_hold(result: LegalHoldResult, method: str) -> Rendered:
    inner = element("Status", "ON" if result.on else "OFF")
    return finish(200, dict(XML), document("LegalHold", inner))


@render.register
def render_policy(result: PolicyDocument, method: str) -> Rendered:
    """GetBucketPolicy: the JSON itself is the body (botocore's payload member Policy)."""
    return finish(200, {"Content-Type": "application/json"}, result.text.encode("utf-8"))


@render.register
def render_upload_created(result: UploadCreated, method: str) -> Rendered:
    inner = (
        element("Bucket", result.bucket) + element("Key", result.key)
        + element("UploadId", result.upload_id)
    )
    return finish(200, {**result.headers, **XML}, document("InitiateMultipartUploadResult", inner))


@render.register
def render_upload_completed(result: UploadCompleted, method: str) -> Rendered:
    inner = (
        element("Location", result.location) + element("Bucket", result.bucket)
        + element("Key", result.key) + element("ETag", result.etag)
    )
    if result.checksum is not None:
        algorithm, value = result.checksum
        inner += element(f"Checksum{algorithm}", value)
    if result.checksum_type is not None:
        inner += element("ChecksumType", result.checksum_type)
    return finish(200, {**result.headers, **XML}, document("CompleteMultipartUploadResult", inner))


def _upload_checksum(algorithm: str | None, kind: str | None) -> str:
    if algorithm is None or kind is None:
        return ""
    return element("ChecksumAlgorithm", algorithm) + element("ChecksumType", kind)


def _initiator(account_id: str) -> str:
    return f"<Initiator>{element('ID', canonical_user_id(account_id))}</Initiator>{_owner(account_id)}"


@render.register
def render_part_listing(result: PartListing, method: str) -> Rendered:
    upload, page = result.upload, result.page
    head = (
        element("Bucket", result.bucket) + element("Key", upload.key)
        + element("UploadId", upload.upload_id)
        + f"<PartNumberMarker>{result.part_number_marker}</PartNumberMarker>"
        + f"<NextPartNumberMarker>{page.parts[-1].number if page.parts else 0}</NextPartNumberMarker>"
        + f"<MaxParts>{result.max_parts}</MaxParts>"
        + f"<IsTruncated>{'true' if page.is_truncated else 'false'}</IsTruncated>"
    )
    parts = []
    for part in page.parts:
        checksum = ""
        if part.checksum is not None:
            checksum = element(f"Checksum{part.checksum.algorithm}", part.checksum.value)
        parts.append(
            f"<Part><PartNumber>{part.number}</PartNumber>"
            + element("LastModified", iso_time(part.last_modified)) + element("ETag", part.etag)
            + f"<Size>{part.size}</Size>{checksum}</Part>"
        )
    tail = (
        _initiator(upload.initiator)
        + f"<StorageClass>{storage_class_of(upload.options)}</StorageClass>"
        + _upload_checksum(upload.checksum_algorithm, upload.checksum_type)
    )
    return finish(200, dict(XML), document("ListPartsResult", head + "".join(parts) + tail))


@render.register
def render_upload_listing(result: UploadListing, method: str) -> Rendered:
    encode = _encoder(result.encoding_type)
    page = result.page
    head = (
        element("Bucket", result.bucket) + element("KeyMarker", encode(result.key_marker))
        + element("UploadIdMarker", result.upload_id_marker)
        + element("NextKeyMarker", encode(page.next_key_marker))
        + element("NextUploadIdMarker", page.next_upload_id_marker)
    )
    if result.prefix:
        head += element("Prefix", encode(result.prefix))
    if result.delimiter:
        head += element("Delimiter", encode(result.delimiter))
    head += f"<MaxUploads>{result.max_uploads}</MaxUploads>"
    head += f"<IsTruncated>{'true' if page.is_truncated else 'false'}</IsTruncated>"
    uploads = "".join(
        "<Upload>" + element("Key", encode(upload.key)) + element("UploadId", upload.upload_id)
        + _initiator(upload.initiator)
        + f"<StorageClass>{storage_class_of(upload.options)}</StorageClass>"
        + element("Initiated", iso_time(upload.initiated))
        + _upload_checksum(upload.checksum_algorithm, upload.checksum_type) + "</Upload>"
        for upload in page.uploads
    )
    tail = _prefixes(page.common_prefixes, encode)
    if result.encoding_type is not None:
        tail += element("EncodingType", result.encoding_type)
    return finish(200, dict(XML), document("ListMultipartUploadsResult", head + uploads + tail))
