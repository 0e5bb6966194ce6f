"""(method, path, query) -> S3 operation name.

botocore names the operation in its event (``before-send.s3.DeleteObjects``);
this table derives the same name from the request alone, so a front end without
botocore's help (a real HTTP server) can reuse the operations. A test checks that
both agree for every request the suite sends.
"""

from __future__ import annotations

from collections.abc import Mapping

_BUCKET_SUBRESOURCES = {
    ("GET", "versioning"): "GetBucketVersioning",
    ("PUT", "versioning"): "PutBucketVersioning",
    ("GET", "versions"): "ListObjectVersions",
    ("GET", "location"): "GetBucketLocation",
    ("POST", "delete"): "DeleteObjects",
    ("PUT", "object-lock"): "PutObjectLockConfiguration",
    ("GET", "object-lock"): "GetObjectLockConfiguration",
    ("PUT", "policy"): "PutBucketPolicy",
    ("GET", "policy"): "GetBucketPolicy",
    ("DELETE", "policy"): "DeleteBucketPolicy",
    ("GET", "uploads"): "ListMultipartUploads",
    ("GET", "session"): "CreateSession",
}
_OBJECT_SUBRESOURCES = {
    ("PUT", "retention"): "PutObjectRetention",
    ("GET", "retention"): "GetObjectRetention",
    ("PUT", "legal-hold"): "PutObjectLegalHold",
    ("GET", "legal-hold"): "GetObjectLegalHold",
    ("POST", "uploads"): "CreateMultipartUpload",
}
_BUCKET_PLAIN = {"PUT": "CreateBucket", "HEAD": "HeadBucket", "DELETE": "DeleteBucket", "GET": "ListObjects"}
_OBJECT_PLAIN = {"PUT": "PutObject", "GET": "GetObject", "HEAD": "HeadObject", "DELETE": "DeleteObject"}
# Query parameters that are arguments, not subresources naming another operation.
_ARGUMENTS = {
    "prefix", "delimiter", "max-keys", "encoding-type", "marker", "start-after",
    "continuation-token", "fetch-owner", "key-marker", "version-id-marker", "versionId",
    "max-buckets", "bucket-region", "x-id", "max-uploads", "upload-id-marker", "max-parts",
    "part-number-marker", "max-directory-buckets",
}
# Requests naming an upload (?uploadId=...); a PUT also names the part (?partNumber=...).
_UPLOAD_ID_METHODS = {
    "POST": "CompleteMultipartUpload", "DELETE": "AbortMultipartUpload", "GET": "ListParts",
}


def route(
    method: str, bucket: str | None, key: str | None, query: Mapping[str, str],
    headers: Mapping[str, str], host: str = "",
) -> str | None:
    """The operation a request asks for, or None when it is not one s3double knows.

    ``host`` tells the S3 Express Regional endpoint (``s3express-control.<region>``),
    where ``GET /`` is ListDirectoryBuckets rather than ListBuckets."""
    subresources = [name for name in query if name not in _ARGUMENTS]
    if bucket is None:
        if method != "GET" or subresources:
            return None
        return "ListDirectoryBuckets" if host.startswith("s3express-control.") else "ListBuckets"
    if key is None:
        if query.get("list-type") == "2" and method == "GET":
            return "ListObjectsV2" if subresources == ["list-type"] else None
        if not subresources:
            return _BUCKET_PLAIN.get(method)
        if len(subresources) == 1:
            return _BUCKET_SUBRESOURCES.get((method, subresources[0]))
        return None
    if "uploadId" in subresources:
        return _upload_operation(method, set(subresources), headers)
    if subresources:
        if len(subresources) == 1:
            return _OBJECT_SUBRESOURCES.get((method, subresources[0]))
        return None
    if method == "PUT" and "x-amz-copy-source" in headers:
        return "CopyObject"
    return _OBJECT_PLAIN.get(method)


def _upload_operation(method: str, names: set[str], headers: Mapping[str, str]) -> str | None:
    """UploadPart, CompleteMultipartUpload, AbortMultipartUpload or ListParts (a PUT
    with x-amz-copy-source is UploadPartCopy, which s3double does not serve)."""
    if method == "PUT":
        served = names == {"uploadId", "partNumber"} and "x-amz-copy-source" not in headers
        return "UploadPart" if served else None
    return _UPLOAD_ID_METHODS.get(method) if names == {"uploadId"} else None
