"""GetObjectAttributes: the attributes ``x-amz-object-attributes`` asks for, of a version.

S3's answers (tests/data/aws/facts-copy-multipart.md §5, recorded/
get_object_attributes.json): only the elements asked for, among ``ETag`` (unquoted),
``Checksum``, ``ObjectParts`` (multipart objects only; for others it is left out even
when asked), ``StorageClass`` (STANDARD included) and ``ObjectSize``; the time and the
version travel in headers. An unknown name is 400 InvalidArgument, a missing or empty
header 400 InvalidRequest; a current delete marker is 404 NoSuchKey. s3double keeps no
part list after completion, so ObjectParts reports ``TotalPartsCount`` only, and
``x-amz-max-parts`` / ``x-amz-part-number-marker`` are refused as not implemented.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.bucket import Bucket, VersioningState
from ...model.storage import EXPRESS_ONEZONE, storage_class_of
from ...model.store import Store
from ...model.versions import ObjectVersion
from ..common.authorization import authorize
from ..common.lookup import existing_bucket, object_key, resolve_version
from ..common.option_headers import check_customer_key
from ..common.write_options import CUSTOMER_HEADERS
from ..declaration import operation
from ..request import S3Request

OBJECT_ATTRIBUTES = "x-amz-object-attributes"
ATTRIBUTES = ("ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize")


def requested_attributes(request: S3Request) -> set[str]:
    text = (request.headers.get(OBJECT_ATTRIBUTES) or "").strip()
    if not text:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.ATTRIBUTES_MISSING)
    names = {name.strip() for name in text.split(",")}
    for name in sorted(names):
        if name not in ATTRIBUTES:
            raise invalid_argument(Message.ATTRIBUTE_INVALID, OBJECT_ATTRIBUTES, name)
    return names


@operation(
    "GetObjectAttributes", headers=(OBJECT_ATTRIBUTES, *CUSTOMER_HEADERS),
    query={"attributes", "versionId"}, root="GetObjectAttributesResponse",
)
def get_object_attributes(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = existing_bucket(store, request)
    key = object_key(request)
    version_id = request.query.get("versionId")
    for action in ("s3:GetObject", "s3:GetObjectAttributes"):  # the API reference's pair
        authorize(store, bucket, request, action, key, version_id)
    asked = requested_attributes(request)
    version = resolve_version(bucket, key, version_id, "GET")
    check_customer_key(request, version)
    result: dict[str, Any] = {"LastModified": version.last_modified}
    if bucket.versioning is not VersioningState.UNVERSIONED:
        result["VersionId"] = version.version_id
    for name in ATTRIBUTES:
        value = _attribute(bucket, version, name) if name in asked else None
        if value is not None:
            result[name] = value
    return result


def _attribute(bucket: Bucket, version: ObjectVersion, name: str) -> Any:
    if name == "ETag":
        return version.etag.strip('"')
    if name == "Checksum":
        checksum = version.checksum
        if checksum is None:
            return None
        return {f"Checksum{checksum.algorithm}": checksum.value, "ChecksumType": checksum.type}
    if name == "ObjectParts":  # a multipart object's ETag ends in -N
        return {"TotalPartsCount": version.parts} if "-" in version.etag else None
    if name == "StorageClass":
        return EXPRESS_ONEZONE if bucket.is_directory else storage_class_of(version.options)
    return version.size
