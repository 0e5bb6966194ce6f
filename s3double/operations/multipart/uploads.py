"""Multipart uploads: CreateMultipartUpload, UploadPart, CompleteMultipartUpload and
AbortMultipartUpload.

The rules (part numbers, ordering, the 5 MiB minimum, the ``-N`` ETag) live in
``model.uploads``; this module reads the request and picks S3's answer. Messages are
S3's recorded ones: LocalStack's AWS-validated snapshots (tests/aws/services/s3/
test_s3.snapshot.json: test_multipart_no_such_upload, test_complete_multipart_parts_order,
test_complete_multipart_parts_checksum, test_multipart_parts_checksum_exceptions) and
S3's error documents quoted in client issues (EntityTooSmall, InvalidPart).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from urllib.parse import quote

from ...errors import ErrorCode, Message, S3Error, not_implemented
from ...model.bucket import Bucket, VersioningState
from ...model.object_options import with_part_sizes
from ...model.store import Store
from ...model.uploads import (
    COMPOSITE,
    FULL_OBJECT,
    MIN_PART_SIZE,
    Assembled,
    MultipartUpload,
    Rejected,
    Rejection,
    RequestedPart,
)
from ...model.versions import Checksum
from ..common.authorization import authorize
from ..common.conditional import IF_MATCH_INITIATED_TIME, same_second
from ..common.integrity import (
    CHECKSUM_HEADERS,
    DIGESTS,
    checksum_of,
    verify_checksum,
    verify_content_md5,
)
from ..common.lookup import STORED_HEADERS, existing_bucket, new_object_fields, object_key
from ..common.option_headers import encryption_headers, encryption_of
from ..common.parts import part_number
from ..common.protection import LOCK_HEADERS, requested_lock
from ..common.write_options import (
    CUSTOMER,
    CUSTOMER_HEADERS,
    TAGGING,
    WRITE_OPTION_HEADERS,
    check_metadata_size,
    customer_key,
    requested_tags,
    write_options,
)
from ..declaration import operation
from ..objects.put import check_write_condition
from ..request import S3Request
from ..results import Empty, UploadCompleted, UploadCreated

CHECKSUM_ALGORITHM = "x-amz-checksum-algorithm"
CHECKSUM_TYPE = "x-amz-checksum-type"
OBJECT_SIZE = "x-amz-mp-object-size"
# Algorithms S3 names (botocore's ChecksumAlgorithm enum) that s3double does not compute.
UNMODELLED_ALGORITHMS = frozenset({"SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128"})


def upload_named(bucket: Bucket, key: str, request: S3Request) -> MultipartUpload:
    """The upload the request names, for this key; S3's 404 NoSuchUpload otherwise."""
    upload_id = request.query.get("uploadId", "")
    upload = bucket.uploads.get(upload_id, key)
    if upload is None:
        raise S3Error(ErrorCode.NO_SUCH_UPLOAD, UploadId=upload_id)
    return upload


def _checksum_setting(request: S3Request) -> tuple[str | None, str | None]:
    """x-amz-checksum-algorithm and x-amz-checksum-type; the type defaults to
    FULL_OBJECT for CRC64NVME and COMPOSITE otherwise (S3 user guide, "Checking object
    integrity": SHA checksums cannot be full-object, CRC64NVME cannot be composite)."""
    algorithm = request.headers.get(CHECKSUM_ALGORITHM)
    kind = request.headers.get(CHECKSUM_TYPE)
    if algorithm is None:
        if kind is not None:
            raise not_implemented(CHECKSUM_TYPE)
        return None, None
    algorithm = algorithm.strip().upper()
    if algorithm in UNMODELLED_ALGORITHMS:
        raise not_implemented(CHECKSUM_ALGORITHM)
    if algorithm not in DIGESTS:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.UNSUPPORTED_CHECKSUM_ALGORITHM)
    kind = (kind or (FULL_OBJECT if algorithm == "CRC64NVME" else COMPOSITE)).strip().upper()
    if kind not in (COMPOSITE, FULL_OBJECT):
        raise not_implemented(CHECKSUM_TYPE)
    if (kind == COMPOSITE and algorithm == "CRC64NVME") or (
        kind == FULL_OBJECT and algorithm.startswith("SHA")
    ):
        raise S3Error(
            ErrorCode.INVALID_REQUEST,
            Message.CHECKSUM_TYPE_ALGORITHM.format(kind=kind, algorithm=algorithm.lower()),
        )
    return algorithm, kind


@operation(
    "CreateMultipartUpload",
    headers=(
        *STORED_HEADERS, CHECKSUM_ALGORITHM, CHECKSUM_TYPE, *WRITE_OPTION_HEADERS, TAGGING,
        *LOCK_HEADERS,
    ),
    header_prefixes=("x-amz-meta-",),
    query={"uploads"},
)
def create_multipart_upload(store: Store, request: S3Request) -> UploadCreated:
    """The write options, tags and object lock settings given here are the completed
    object's (S3 API reference, CreateMultipartUpload; facts-copy-multipart.md §7)."""
    bucket = existing_bucket(store, request)
    key = object_key(request)
    authorize(store, bucket, request, "s3:PutObject", key)
    algorithm, kind = _checksum_setting(request)
    verify_content_md5(request)
    verify_checksum(request)
    fields = new_object_fields(request)
    check_metadata_size(fields["metadata"])
    options, tags = write_options(store, bucket, request), requested_tags(request)
    now = store.now()
    retention, legal_hold = requested_lock(request, bucket, now, integrity=False)
    upload = bucket.uploads.initiate(
        key, initiated=now, initiator=store.account_id, checksum_algorithm=algorithm,
        checksum_type=kind, options=options, tags=tags, retention=retention,
        legal_hold=legal_hold, replaces=bucket.current(key), **fields,
    )
    headers = encryption_headers(encryption_of(options))
    if algorithm is not None and kind is not None:
        headers.update({CHECKSUM_ALGORITHM: algorithm, CHECKSUM_TYPE: kind})
    return UploadCreated(bucket.name, key, upload.upload_id, headers)


def _check_part_algorithm(upload: MultipartUpload, checksum: Checksum | None) -> None:
    """A part of an upload created with a checksum algorithm carries that checksum."""
    expected = upload.checksum_algorithm
    actual = checksum.algorithm if checksum is not None else None
    if expected is not None and actual != expected:
        raise S3Error(
            ErrorCode.INVALID_REQUEST,
            Message.PART_CHECKSUM_TYPE_MISMATCH.format(
                expected=expected.lower(), actual=actual.lower() if actual else "null"
            ),
        )


def _check_part_encryption(request: S3Request, upload: MultipartUpload) -> None:
    """An SSE-C upload's parts carry its key; other uploads' parts carry none
    (facts-encryption.md §5.5)."""
    encryption = encryption_of(upload.options)
    stored = encryption.customer_key_md5 if encryption is not None else None
    sent = any(name in request.headers for name in CUSTOMER_HEADERS)
    if sent != (stored is not None):
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.PART_SSE_C_REQUIRED)
    if sent and customer_key(request, CUSTOMER) != stored:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.PART_SSE_C_MISMATCH)


@operation("UploadPart", headers=CUSTOMER_HEADERS, query={"partNumber", "uploadId"}, body=bytes)
def upload_part(store: Store, request: S3Request) -> Empty:
    """S3 API reference, UploadPart: the part's ETag is its MD5; a part number used
    again replaces the earlier part."""
    bucket = existing_bucket(store, request)
    key = object_key(request)
    authorize(store, bucket, request, "s3:PutObject", key)
    upload = upload_named(bucket, key, request)
    _check_part_encryption(request, upload)
    number = part_number(request)
    verify_content_md5(request)
    checksum = verify_checksum(request)
    _check_part_algorithm(upload, checksum)
    kept = checksum if upload.checksum_algorithm is not None else None
    part = upload.upload_part(number, request.body, now=store.now(), checksum=kept)
    headers = {"ETag": part.etag, **encryption_headers(encryption_of(upload.options))}
    if checksum is not None:
        headers[f"x-amz-checksum-{checksum.algorithm.lower()}"] = checksum.value
    return Empty(headers=headers)


def _refusal(rejected: Rejected, upload: MultipartUpload) -> S3Error:
    number, etag = str(rejected.part_number), rejected.etag or ""
    algorithm = (rejected.algorithm or "").lower()
    reason = rejected.reason
    if reason is Rejection.NOT_ASCENDING:
        return S3Error(ErrorCode.INVALID_PART_ORDER, UploadId=upload.upload_id)
    if reason is Rejection.NOT_FOUND:
        return S3Error(ErrorCode.INVALID_PART, UploadId=upload.upload_id, PartNumber=number, ETag=etag)
    if reason is Rejection.TOO_SMALL:
        return S3Error(
            ErrorCode.ENTITY_TOO_SMALL, ProposedSize=str(rejected.size),
            MinSizeAllowed=str(MIN_PART_SIZE), PartNumber=number, ETag=etag,
        )
    if reason is Rejection.CHECKSUM_MISSING:
        return S3Error(
            ErrorCode.INVALID_REQUEST,
            Message.PART_CHECKSUM_MISSING.format(algorithm=algorithm, number=number),
        )
    if reason is Rejection.OTHER_ALGORITHM:
        return S3Error(
            ErrorCode.BAD_DIGEST,
            Message.PART_CHECKSUM_MISMATCH.format(algorithm=algorithm, number=number),
        )
    return S3Error(ErrorCode.MALFORMED_XML)


def _object_checksum(request: S3Request, upload: MultipartUpload, assembled: Assembled,
                     body: bytes) -> Checksum | None:
    """The completed object's checksum: a full-object one is the checksum of the whole
    body (checked against x-amz-checksum-* if sent); a composite one is the checksum of
    the parts' binary checksums, then ``-`` and the number of parts."""
    algorithm = upload.checksum_algorithm
    sent = [(header, name) for header, name in CHECKSUM_HEADERS.items() if header in request.headers]
    if algorithm is None or upload.checksum_type != FULL_OBJECT:
        if sent:
            raise not_implemented(sent[0][0])
        if algorithm is None:
            return None
        digests = b"".join(
            base64.b64decode(part.checksum.value) for part in assembled.parts if part.checksum
        )
        return Checksum(
            algorithm, f"{checksum_of(algorithm, digests)}-{len(assembled.parts)}", COMPOSITE
        )
    value = checksum_of(algorithm, body)
    for header, name in sent:
        if name != algorithm:
            raise not_implemented(header)
        if request.headers[header].strip() != value:
            raise S3Error(
                ErrorCode.BAD_DIGEST,
                Message.CHECKSUM_MISMATCH.format(algorithm=algorithm.lower()),
            )
    return Checksum(algorithm, value)


def _check_object_size(request: S3Request, size: int) -> None:
    declared = request.integer(OBJECT_SIZE, source="header")
    if declared is not None and declared != size:
        raise S3Error(
            ErrorCode.INVALID_REQUEST,
            Message.OBJECT_SIZE_MISMATCH.format(header=OBJECT_SIZE, declared=declared, size=size),
        )


def _location(bucket: Bucket, key: str) -> str:
    host = "s3.amazonaws.com" if bucket.region == "us-east-1" else f"s3.{bucket.region}.amazonaws.com"
    return f"https://{bucket.name}.{host}/{quote(key)}"


@dataclass(frozen=True, slots=True)
class CompletionDocument:
    """A <CompleteMultipartUpload> body: the parts, in the order the request lists them."""

    parts: list[RequestedPart]


def _check_completion_condition(
    bucket: Bucket, key: str, upload: MultipartUpload, request: S3Request
) -> None:
    """If-Match / If-None-Match, checked as PutObject checks them (412, 404, S3's 501s),
    and then 409 ConditionalRequestConflict when the key was written or deleted after
    the upload began (facts-copy-multipart.md section 6). The upload stays."""
    check_write_condition(bucket, key, request)
    for header, condition in (("if-match", "If-Match"), ("if-none-match", "If-None-Match")):
        if header in request.headers and upload.key_written_since(bucket.current(key)):
            raise S3Error(ErrorCode.CONDITIONAL_REQUEST_CONFLICT, Condition=condition, Key=key)


@operation(
    "CompleteMultipartUpload", headers=(OBJECT_SIZE, "if-match", "if-none-match"),
    query={"uploadId"}, body=CompletionDocument,
)
def complete_multipart_upload(store: Store, request: S3Request) -> UploadCompleted:
    """S3 API reference, CompleteMultipartUpload: the parts become one new object
    version, as a PutObject of their concatenation would, with the ``-N`` ETag and the
    metadata given at creation; the upload is then gone."""
    bucket = existing_bucket(store, request)
    key = object_key(request)
    authorize(store, bucket, request, "s3:PutObject", key)
    upload = upload_named(bucket, key, request)
    _check_completion_condition(bucket, key, upload, request)
    verify_content_md5(request)
    if "x-amz-sdk-checksum-algorithm" in request.headers:
        raise not_implemented("x-amz-sdk-checksum-algorithm")
    requested = request.document().parts
    if bucket.is_directory and [part.number for part in requested] != list(
        range(1, len(requested) + 1)
    ):  # S3 API reference, CompletedPart: on directory buckets, 1, 2, 3 ...
        raise S3Error(ErrorCode.INVALID_PART_ORDER, UploadId=upload.upload_id)
    assembled = upload.assemble(requested)
    if isinstance(assembled, Rejected):
        raise _refusal(assembled, upload)
    body = assembled.body
    _check_object_size(request, len(body))
    checksum = _object_checksum(request, upload, assembled, body)
    version = bucket.put(
        key, body, etag=assembled.etag, now=store.now(), checksum=checksum,
        content_type=upload.content_type, metadata=upload.metadata, headers=upload.headers,
        parts=len(assembled.parts),
        options=with_part_sizes(upload.options, tuple(part.size for part in assembled.parts)),
        tags=upload.tags,
        retention=upload.retention, legal_hold=upload.legal_hold,
    )
    bucket.uploads.remove(upload.upload_id)
    headers = encryption_headers(encryption_of(upload.options), customer=False)
    if bucket.versioning is VersioningState.ENABLED:  # as PutObject: Suspended sends none
        headers["x-amz-version-id"] = version.version_id
    return UploadCompleted(
        _location(bucket, key), bucket.name, key, version.etag, headers,
        (checksum.algorithm, checksum.value) if checksum is not None else None,
        upload.checksum_type,
    )


@operation("AbortMultipartUpload", headers=(IF_MATCH_INITIATED_TIME,), query={"uploadId"})
def abort_multipart_upload(store: Store, request: S3Request) -> Empty:
    """204; the upload and its parts are gone.

    S3 API reference, AbortMultipartUpload, ``x-amz-if-match-initiated-time`` (directory
    buckets only; on a general purpose bucket 501, as S3 answers DeleteObject's
    directory-only headers): a time other than the upload's initiation (to the second)
    is 412 PreconditionFailed; a match, or an upload that no longer exists, is 204."""
    bucket = existing_bucket(store, request)
    key = object_key(request)
    if IF_MATCH_INITIATED_TIME in request.headers and not bucket.is_directory:
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Header=IF_MATCH_INITIATED_TIME)
    initiated = request.time(IF_MATCH_INITIATED_TIME)
    authorize(store, bucket, request, "s3:AbortMultipartUpload", key)
    if initiated is not None:
        found = bucket.uploads.get(request.query.get("uploadId", ""), key)
        if found is None:
            return Empty(status=204)
        if not same_second(found.initiated, initiated):
            raise S3Error(ErrorCode.PRECONDITION_FAILED, Condition=IF_MATCH_INITIATED_TIME)
    upload = upload_named(bucket, key, request)
    bucket.uploads.remove(upload.upload_id)
    return Empty(status=204)
