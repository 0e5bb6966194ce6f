"""ListParts and ListMultipartUploads: the uploads in progress, and their parts."""

from __future__ import annotations

from ...errors import Message, invalid_argument
from ...model.store import Store
from ..common.authorization import authorize
from ..common.lookup import existing_bucket, object_key
from ..declaration import operation
from ..request import S3Request
from ..results import PartListing, UploadListing
from .uploads import upload_named

PAGE_LIMIT = 1000


@operation("ListParts", query={"uploadId", "max-parts", "part-number-marker"})
def list_parts(store: Store, request: S3Request) -> PartListing:
    """Parts by number, at most 1,000 a page; ``NextPartNumberMarker`` resumes."""
    bucket = existing_bucket(store, request)
    key = object_key(request)
    authorize(store, bucket, request, "s3:ListMultipartUploadParts", key)
    upload = upload_named(bucket, key, request)
    max_parts = request.integer("max-parts")
    marker = request.integer("part-number-marker") or 0
    max_parts = PAGE_LIMIT if max_parts is None else max_parts
    page = upload.list_parts(after=marker, max_parts=min(max_parts, PAGE_LIMIT))
    return PartListing(bucket.name, upload, page, marker, max_parts, store.account_id)


@operation(
    "ListMultipartUploads",
    query={"uploads", "prefix", "delimiter", "key-marker", "upload-id-marker", "max-uploads",
           "encoding-type"},
)
def list_multipart_uploads(store: Store, request: S3Request) -> UploadListing:
    """In-progress uploads by key, then initiation; at most 1,000 a page. An
    upload-id-marker without a key-marker is ignored, as S3 documents."""
    bucket = existing_bucket(store, request)
    authorize(store, bucket, request, "s3:ListBucketMultipartUploads")
    query = request.query
    max_uploads = request.integer("max-uploads")
    max_uploads = PAGE_LIMIT if max_uploads is None else max_uploads
    encoding = query.get("encoding-type")
    if encoding is not None and encoding != "url":
        raise invalid_argument(Message.INVALID_ENCODING_TYPE, "encoding-type", encoding)
    prefix, delimiter = query.get("prefix", ""), query.get("delimiter", "")
    key_marker = query.get("key-marker", "")
    upload_id_marker = query.get("upload-id-marker", "") if key_marker else ""
    page = bucket.uploads.page(
        prefix=prefix, delimiter=delimiter, key_marker=key_marker,
        upload_id_marker=upload_id_marker, max_uploads=min(max_uploads, PAGE_LIMIT),
    )
    return UploadListing(bucket.name, page, prefix, delimiter, key_marker, upload_id_marker,
                         max_uploads, encoding, store.account_id)
