"""The typed documents operations read from request bodies, one reader per document type.

DeleteObjects bodies are on the hot path: they are parsed with the standard
library's ElementTree (about 7x faster than xmltodict on 1,000 keys). The rarer
configuration bodies are read with xmltodict. A declaration's ``body=`` names the
document type; ``READERS`` holds the one reader for each.
"""

from __future__ import annotations

import datetime as _dt
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from typing import Any

from .. import values
from ..errors import ErrorCode, Message, S3Error, not_implemented
from ..model.locks import DefaultRetention, LockMode
from ..model.uploads import RequestedPart
from ..operations.buckets.buckets import BucketConfiguration
from ..operations.buckets.directory import DirectoryConfiguration
from ..operations.common.protection import parse_retain_until
from ..operations.configuration.versioning import VersioningConfiguration
from ..operations.locking.configuration import LockConfiguration
from ..operations.locking.retention import LegalHoldDocument, RetentionDocument
from ..operations.multipart.uploads import CompletionDocument
from ..operations.objects.delete_objects import DeleteRequest, ObjectIdentifier
from .plain_delete import plain_delete_request
from .xml import local_name, malformed, parse_document, parse_element


def parse_delete(body: bytes) -> DeleteRequest:
    """The DeleteObjects body: <Delete><Object><Key/>[<VersionId/>]</Object>...[<Quiet/>]."""
    plain = plain_delete_request(body)
    if plain is not None:
        return plain
    root = parse_element(body)
    if local_name(root.tag) != "Delete":
        raise malformed()
    objects: list[ObjectIdentifier] = []
    quiet = False
    for child in root:
        name = local_name(child.tag)
        if name == "Object":
            objects.append(_object_identifier(child))
        elif name == "Quiet":
            quiet = _boolean(child.text)
        else:
            raise malformed()
    return DeleteRequest(objects, quiet)


def _object_identifier(element: ElementTree.Element) -> ObjectIdentifier:
    key = version_id = etag = last_modified = size = None
    for child in element:
        name = local_name(child.tag)
        if len(child) or (child.tail or "").strip():  # <Key>k<x/>2</Key>: not one value
            raise malformed()
        if name == "Key" and key is None:
            key = child.text or ""
        elif name == "VersionId" and version_id is None:
            version_id = child.text or ""
        elif name == "ETag" and etag is None:
            etag = child.text or ""
        elif name == "LastModifiedTime" and last_modified is None:
            last_modified = parse_time(child.text or "")
        elif name == "Size" and size is None:
            size = _whole_number(child.text)
        else:
            raise malformed()
    if not key:
        raise malformed()
    return ObjectIdentifier(key, version_id, etag, last_modified, size)


def parse_time(text: str) -> _dt.datetime:
    """A timestamp as botocore writes it (RFC 822, as in HTTP dates) or ISO 8601."""
    instant = values.timestamp(text)
    if instant is None:
        raise malformed()
    return instant


def _whole_number(text: str | None) -> int:
    number = values.whole_number((text or "").strip())
    if number is None or number < 0:
        raise malformed()
    return number


def _boolean(text: str | None) -> bool:
    value = values.boolean(text)
    if value is None:
        raise malformed()
    return value


def parse_bucket_configuration(body: bytes) -> BucketConfiguration:
    """``<LocationConstraint>``, or a directory bucket's ``<Location>`` and ``<Bucket>``."""
    document = parse_document(body, "CreateBucketConfiguration")
    unknown = set(document) - {"LocationConstraint", "Location", "Bucket", "@xmlns"}
    if unknown:
        raise not_implemented(sorted(unknown)[0], "element")
    constraint = document.get("LocationConstraint")
    if "LocationConstraint" in document and not constraint:
        raise malformed()
    if "Location" not in document and "Bucket" not in document:
        return BucketConfiguration(constraint)
    if constraint is not None:
        raise malformed()
    location = _fields(document.get("Location"), "Location", ("Type", "Name"))
    bucket = _fields(document.get("Bucket"), "Bucket", ("Type", "DataRedundancy"))
    return BucketConfiguration(None, DirectoryConfiguration(
        location["Type"], location["Name"], bucket["Type"], bucket["DataRedundancy"]
    ))


def _fields(element: Any, name: str, known: tuple[str, ...]) -> dict[str, str]:
    """The text of ``known`` children of ``element`` ("" when absent); others are 501."""
    if not isinstance(element, dict):
        raise malformed()
    unknown = sorted(set(element) - set(known))
    if unknown:
        raise not_implemented(f"{name}.{unknown[0]}", "element")
    if any(not isinstance(element.get(field, ""), (str, type(None))) for field in known):
        raise malformed()
    return {field: element.get(field) or "" for field in known}


def parse_versioning(body: bytes) -> VersioningConfiguration:
    document = parse_document(body, "VersioningConfiguration")
    if set(document) - {"Status", "MfaDelete", "@xmlns"}:
        raise malformed()
    status = document.get("Status")
    if status is not None and status not in ("Enabled", "Suspended"):
        raise malformed()
    mfa_delete = document.get("MfaDelete")
    if mfa_delete is not None and mfa_delete not in ("Enabled", "Disabled"):
        raise malformed()
    return VersioningConfiguration(status, mfa_delete)


def _mode(value: Any) -> LockMode:
    try:
        return LockMode(value)
    except ValueError:
        raise malformed() from None


# S3 user guide, "Object Lock": a default retention period is at most 100 years.
MAX_PERIOD = {"Days": 36500, "Years": 100}


def _period(value: Any, name: str) -> int:
    """A default retention period: positive, and at most 100 years (versitygw#1738 and
    #2195 quote S3's answers; see tests/data/aws/facts-hostile-input.md, 3)."""
    number = values.whole_number(value.strip()) if isinstance(value, str) else None
    if number is None:
        raise malformed()
    if number <= 0:
        raise S3Error(ErrorCode.INVALID_ARGUMENT, Message.RETENTION_PERIOD_POSITIVE, ArgumentName=name)
    if number > MAX_PERIOD[name]:
        raise S3Error(ErrorCode.INVALID_ARGUMENT, Message.RETENTION_PERIOD_TOO_LARGE, ArgumentName=name)
    return number


def parse_lock_configuration(body: bytes) -> LockConfiguration:
    """<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled>
    [<Rule><DefaultRetention><Mode/>(<Days/>|<Years/>)</DefaultRetention></Rule>]"""
    document = parse_document(body, "ObjectLockConfiguration")
    if document.get("ObjectLockEnabled") != "Enabled" or set(document) - {
        "ObjectLockEnabled", "Rule", "@xmlns"
    }:
        raise malformed()
    if "Rule" not in document:
        return LockConfiguration(None)
    rule = document["Rule"] or {}
    retention = rule.get("DefaultRetention") if isinstance(rule, dict) else None
    if not isinstance(retention, dict) or set(rule) != {"DefaultRetention"}:
        raise malformed()
    if set(retention) - {"Mode", "Days", "Years"} or ("Days" in retention) == ("Years" in retention):
        raise malformed()
    mode = _mode(retention.get("Mode"))
    if "Days" in retention:
        return LockConfiguration(DefaultRetention(mode, days=_period(retention["Days"], "Days")))
    return LockConfiguration(DefaultRetention(mode, years=_period(retention["Years"], "Years")))


def parse_retention(body: bytes) -> RetentionDocument:
    """<Retention><Mode/><RetainUntilDate/></Retention>; an empty one removes it."""
    document = parse_document(body, "Retention")
    fields = set(document) - {"@xmlns"}
    if not fields:
        return RetentionDocument(None, None)
    if fields != {"Mode", "RetainUntilDate"}:
        raise malformed()
    until = parse_retain_until(str(document["RetainUntilDate"]), "RetainUntilDate")
    return RetentionDocument(_mode(document["Mode"]), until)


def parse_legal_hold(body: bytes) -> LegalHoldDocument:
    """<LegalHold><Status>ON|OFF</Status></LegalHold>"""
    document = parse_document(body, "LegalHold")
    status = document.get("Status")
    if set(document) - {"Status", "@xmlns"} or status not in ("ON", "OFF"):
        raise malformed()
    return LegalHoldDocument(status == "ON")


_PART_CHECKSUMS = {f"Checksum{name}": name for name in ("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256")}


def parse_complete_multipart(body: bytes) -> CompletionDocument:
    """<CompleteMultipartUpload><Part><PartNumber/><ETag/>[<ChecksumCRC32/>...]</Part>...

    No body, or a document without parts, is MalformedXML (ceph/s3-tests,
    test_multipart_upload_empty)."""
    root = parse_element(body)
    if local_name(root.tag) != "CompleteMultipartUpload" or any(local_name(c.tag) != "Part" for c in root):
        raise malformed()
    parts = [_requested_part(child) for child in root]
    if not parts:
        raise malformed()
    return CompletionDocument(parts)


def _requested_part(element: ElementTree.Element) -> RequestedPart:
    number: int | None = None
    etag: str | None = None
    checksums: dict[str, str] = {}
    for child in element:
        name, text = local_name(child.tag), (child.text or "").strip()
        if len(child):
            raise malformed()
        if name == "PartNumber" and number is None and values.whole_number(text) is not None:
            number = values.whole_number(text)
        elif name == "ETag" and etag is None:
            etag = text
        elif name in _PART_CHECKSUMS:
            checksums[_PART_CHECKSUMS[name]] = text
        elif name.startswith("Checksum"):
            raise not_implemented(name, "element")
        else:
            raise malformed()
    if number is None or etag is None:
        raise malformed()
    return RequestedPart(number, etag, checksums)


READERS: dict[type, Callable[[bytes], Any]] = {
    DeleteRequest: parse_delete,
    BucketConfiguration: parse_bucket_configuration,
    VersioningConfiguration: parse_versioning,
    LockConfiguration: parse_lock_configuration,
    RetentionDocument: parse_retention,
    LegalHoldDocument: parse_legal_hold,
    CompletionDocument: parse_complete_multipart,
}
