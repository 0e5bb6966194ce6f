"""ListObjectVersions: versions and delete markers, newest first per key."""

from __future__ import annotations

from ...errors import Message, invalid_argument
from ...model.listing import list_versions
from ...model.store import Store
from ..common.authorization import authorize
from ..common.lookup import existing_bucket
from ..declaration import operation
from ..request import S3Request
from ..results import VersionListing
from .parameters import LIST_QUERY, PAGE_LIMIT, common_parameters


@operation("ListObjectVersions", query=(*LIST_QUERY, "versions", "key-marker", "version-id-marker"))
def list_object_versions(store: Store, request: S3Request) -> VersionListing:
    bucket = existing_bucket(store, request)
    authorize(store, bucket, request, "s3:ListBucketVersions")
    max_keys, encoding, prefix, delimiter = common_parameters(
        request, Message.MAX_KEYS_NEGATIVE, "max-keys"
    )
    key_marker = request.query.get("key-marker", "")
    version_id_marker = request.query.get("version-id-marker")
    if version_id_marker is not None:
        if not key_marker:
            raise invalid_argument(
                Message.VERSION_MARKER_WITHOUT_KEY_MARKER,
                "version-id-marker", version_id_marker,
            )
        if version_id_marker == "":
            raise invalid_argument(
                Message.VERSION_MARKER_EMPTY, "version-id-marker", ""
            )
        if not bucket.issued(version_id_marker):
            raise invalid_argument(Message.INVALID_VERSION_ID, "version-id-marker", version_id_marker)
    page = list_versions(
        bucket, prefix=prefix, delimiter=delimiter, key_marker=key_marker,
        version_id_marker=version_id_marker or "", max_keys=min(max_keys, PAGE_LIMIT),
    )
    return VersionListing(bucket.name, page, prefix, delimiter, key_marker,
                          version_id_marker or "", max_keys, encoding, bucket.owner)
