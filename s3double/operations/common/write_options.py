"""The write options of PutObject, CopyObject and CreateMultipartUpload: the headers that
give a new version its ACL, encryption, storage class, website redirect, tags, and
the checks S3 makes on them, read into the ``ObjectOptions`` the version keeps.

The bucket settings these depend on (Object Ownership, Block Public Access, default
encryption) are read here, and only here, from the bucket's configurations
(``model.configuration``, set by the bucket configuration operations), which start at
S3's defaults for a new bucket: ACLs disabled (BucketOwnerEnforced), public ACLs
blocked, SSE-S3 (tests/data/aws/facts-acl-ownership.md §4.1, §5.1; facts-encryption.md
§2.2).

What a bucket owner enforced bucket accepts (facts-acl-ownership.md §4.5): no ACL, the
``bucket-owner-full-control`` canned ACL (S3 API reference, PutObject ``x-amz-acl``;
ceph/s3-tests ``_test_object_ownership_bucket_owner_enforced``), or any ACL that grants
only the bucket owner, "a custom ACL ... that grants the same permissions" (botocore's
ObjectOwnership documentation): so ``private`` and ``bucket-owner-read`` written by
the bucket owner pass (reported for ``private`` in thephpleague/flysystem#1580) and
the same written by another account do not (s3-tests). Everything else is 400
AccessControlListNotSupported, and an accepted ACL is not kept: reading it answers the
bucket owner's FULL_CONTROL.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import unquote_plus

from ...errors import ErrorCode, Message, S3Error, invalid_argument, not_implemented
from ...model import acl as acls
from ...model import encryption as sse
from ...model import storage
from ...model.bucket import Bucket
from ...model.object_options import STANDARD, Encryption, Grant, ObjectOptions, compact
from ...model.store import Store
from ...model.tagging import tag_set_problem
from ..request import S3Request

BUCKET_OWNER_ENFORCED = "BucketOwnerEnforced"
ACL = "x-amz-acl"
# PutObject, CopyObject and CreateMultipartUpload take every grant header but write.
OBJECT_GRANT_HEADERS = (
    "x-amz-grant-full-control", "x-amz-grant-read", "x-amz-grant-read-acp", "x-amz-grant-write-acp",
)
SSE = "x-amz-server-side-encryption"
KMS_KEY = "x-amz-server-side-encryption-aws-kms-key-id"
BUCKET_KEY = "x-amz-server-side-encryption-bucket-key-enabled"
CUSTOMER = "x-amz-server-side-encryption-customer-"
COPY_SOURCE_CUSTOMER = "x-amz-copy-source-server-side-encryption-customer-"
CUSTOMER_FIELDS = ("algorithm", "key", "key-md5")
CUSTOMER_HEADERS = tuple(CUSTOMER + field for field in CUSTOMER_FIELDS)
COPY_SOURCE_CUSTOMER_HEADERS = tuple(COPY_SOURCE_CUSTOMER + field for field in CUSTOMER_FIELDS)
ENCRYPTION_HEADERS = (SSE, KMS_KEY, BUCKET_KEY, *CUSTOMER_HEADERS)
STORAGE_CLASS = "x-amz-storage-class"
REDIRECT = "x-amz-website-redirect-location"
TAGGING = "x-amz-tagging"
WRITE_OPTION_HEADERS = (ACL, *OBJECT_GRANT_HEADERS, *ENCRYPTION_HEADERS, STORAGE_CLASS, REDIRECT)
# What a directory bucket does not take (S3 API reference, PutObject: "not supported for
# directory buckets"); refused by name rather than ignored.
_NOT_FOR_DIRECTORY_BUCKETS = (ACL, *OBJECT_GRANT_HEADERS, *CUSTOMER_HEADERS, REDIRECT, TAGGING)
MAX_METADATA_BYTES = 2048
_REDIRECT_PREFIXES = ("/", "http://", "https://")


# -- bucket settings ------------------------------------------------------------------------


def object_ownership(bucket: Bucket) -> str:
    return bucket.ownership.value


def blocks_public_acls(bucket: Bucket) -> bool:
    return bucket.public_access_block.block_public_acls


def default_encryption(bucket: Bucket) -> Encryption | None:
    """The bucket's default encryption; None: SSE-S3."""
    return bucket.default_encryption


def acls_enabled(bucket: Bucket) -> bool:
    return object_ownership(bucket) != BUCKET_OWNER_ENFORCED


# -- the request's options -----------------------------------------------------------------


def write_options(store: Store, bucket: Bucket, request: S3Request) -> ObjectOptions | None:
    """Everything the write options of ``request`` give the new version (None: defaults),
    checked as S3 checks them."""
    if bucket.is_directory:
        _refuse_on_directory_bucket(request)
    return compact(ObjectOptions(
        acl=requested_acl(store, bucket, request, OBJECT_GRANT_HEADERS),
        encryption=requested_encryption(store, bucket, request),
        storage_class=requested_storage_class(bucket, request),
        website_redirect=requested_redirect(request),
    ))


def _refuse_on_directory_bucket(request: S3Request) -> None:
    for name in _NOT_FOR_DIRECTORY_BUCKETS:
        if name in request.headers:
            raise not_implemented(name)


def requested_acl(
    store: Store, bucket: Bucket, request: S3Request, grant_headers: tuple[str, ...]
) -> tuple[Grant, ...] | None:
    """The ACL the request's ``x-amz-acl`` or grant headers give (None: none given, or
    ACLs are disabled), refused as S3 refuses it."""
    grants = acl_from_headers(store, bucket, request, grant_headers)
    if grants is None:
        return None
    check_acl_allowed(bucket, grants, request.headers.get(ACL))
    return grants if acls_enabled(bucket) else None


def acl_from_headers(
    store: Store, bucket: Bucket, request: S3Request, grant_headers: tuple[str, ...]
) -> tuple[Grant, ...] | None:
    """The grants of a canned ACL or of grant headers, validated (facts-acl-ownership.md
    §2); None when the request names no ACL."""
    headers = request.headers
    canned = headers.get(ACL)
    granted = [name for name in grant_headers if name in headers]
    if canned is not None and granted:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.CANNED_AND_GRANTS)
    if canned is not None:
        if canned not in acls.OBJECT_CANNED_ACLS:
            raise invalid_argument(Message.NO_MESSAGE, ACL, canned)
        writer = acls.canonical_user_id(store.account_id)
        return acls.canned_grants(canned, writer, acls.canonical_user_id(bucket.owner))
    if not granted:
        return None
    grants: list[Grant] = []
    for name in granted:
        found = acls.header_grants(name, headers[name])
        if isinstance(found, acls.GrantProblem):
            raise grant_error(found, name)
        grants += found
    return tuple(grants)


def grant_error(problem: acls.GrantProblem, header: str, *, body: bool = False) -> S3Error:
    """S3's answer to a grantee it refuses, in a grant header or (``body``) an
    AccessControlPolicy document (facts-acl-ownership.md §2)."""
    reason = problem.reason
    if reason is acls.GrantReason.GROUP_URI:
        return invalid_argument(Message.INVALID_GROUP_URI, "Group/URI" if body else "uri", problem.value)
    if reason is acls.GrantReason.ID:
        return invalid_argument(Message.INVALID_ID, "CanonicalUser/ID" if body else "id", problem.value)
    if reason is acls.GrantReason.EMAIL:
        return S3Error(ErrorCode.NOT_IMPLEMENTED, Message.EMAIL_GRANTEE)
    return invalid_argument(Message.ARGUMENT_FORMAT, header, problem.value)


def check_acl_allowed(bucket: Bucket, grants: tuple[Grant, ...], canned: str | None) -> None:
    """Object Ownership first (the module's docstring), then Block Public Access: a
    public ACL is 403 AccessDenied while BlockPublicAcls is on (facts-acl-ownership.md §5.3)."""
    if not acls_enabled(bucket):
        owner = acls.canonical_user_id(bucket.owner)
        if canned != acls.BUCKET_OWNER_FULL_CONTROL and not acls.grants_only_to(grants, owner):
            raise S3Error(ErrorCode.ACCESS_CONTROL_LIST_NOT_SUPPORTED)
        return
    if blocks_public_acls(bucket) and acls.is_public(grants):
        raise S3Error(ErrorCode.ACCESS_DENIED)


def requested_encryption(store: Store, bucket: Bucket, request: S3Request) -> Encryption | None:
    """SSE-C, SSE-KMS or SSE-S3 as the request (or else the bucket's default) asks;
    None for SSE-S3 (facts-encryption.md §3, §4)."""
    headers = request.headers
    algorithm = headers.get(SSE)
    if any(name in headers for name in CUSTOMER_HEADERS):
        if algorithm is not None:
            raise invalid_argument(Message.SSE_C_INCOMPATIBLE, SSE, algorithm)
        md5 = customer_key(request, CUSTOMER)
        return Encryption(sse.SSE_S3, customer_algorithm=sse.CUSTOMER_ALGORITHM, customer_key_md5=md5)
    bucket_key = request.flag(BUCKET_KEY)
    key_id = headers.get(KMS_KEY)
    if algorithm is not None and algorithm not in sse.ALGORITHMS:
        raise invalid_argument(Message.SSE_NOT_SUPPORTED, SSE, algorithm)
    if key_id is not None and algorithm not in sse.KMS_ALGORITHMS:
        raise invalid_argument(Message.KMS_KEY_WITHOUT_KMS, SSE, algorithm)
    default = default_encryption(bucket)
    if algorithm is None:
        if default is None or default.algorithm not in sse.KMS_ALGORITHMS:
            return None
        algorithm, key_id = default.algorithm, default.kms_key_id
    if algorithm == sse.SSE_S3:
        return None
    use_bucket_key = bucket_key if bucket_key is not None else bool(default and default.bucket_key)
    return Encryption(
        algorithm, kms_key_arn(store, bucket, key_id),
        bucket_key=use_bucket_key and algorithm == sse.SSE_KMS,
    )


def kms_key_arn(store: Store, bucket: Bucket, key_id: str | None) -> str:
    """The key ARN S3 echoes for a KMS key id (None: the AWS managed key aws/s3)."""
    if key_id is None:
        return sse.managed_key_arn(bucket.region, store.account_id)
    found = sse.resolve_key_id(key_id, bucket.region, store.account_id)
    if found is sse.KeyIdProblem.OTHER_REGION:
        raise S3Error(ErrorCode.KMS_NOT_FOUND, Message.KMS_INVALID_ARN.format(region=sse.arn_region(key_id)))
    if found is sse.KeyIdProblem.ALIAS:
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Message.KMS_ALIAS.format(alias=key_id))
    if isinstance(found, sse.KeyIdProblem):
        raise S3Error(ErrorCode.KMS_NOT_FOUND, Message.KMS_INVALID_KEY_ID.format(key=key_id))
    return found


_CUSTOMER_KEY_MESSAGES = {
    sse.CustomerKeyProblem.NO_ALGORITHM: Message.SSE_C_NO_ALGORITHM,
    sse.CustomerKeyProblem.NO_KEY: Message.SSE_C_NO_KEY,
    sse.CustomerKeyProblem.KEY_SIZE: Message.SSE_C_KEY_INVALID,
    sse.CustomerKeyProblem.MD5_MISMATCH: Message.SSE_C_MD5_MISMATCH,
}


def customer_key(request: S3Request, prefix: str) -> str:
    """The MD5 of the SSE-C key in the headers starting with ``prefix``, or S3's error
    (ArgumentName is always x-amz-server-side-encryption: facts-encryption.md §4)."""
    headers = request.headers
    algorithm, key, md5 = (headers.get(prefix + field) for field in CUSTOMER_FIELDS)
    found = sse.customer_key_md5(algorithm, key, md5)
    if found is sse.CustomerKeyProblem.ALGORITHM:
        raise S3Error(ErrorCode.INVALID_ENCRYPTION_ALGORITHM, ArgumentName=SSE, ArgumentValue=algorithm or "")
    if isinstance(found, sse.CustomerKeyProblem):
        raise invalid_argument(_CUSTOMER_KEY_MESSAGES[found], SSE, None)
    return found


def requested_storage_class(bucket: Bucket, request: S3Request) -> str:
    """The class asked for; one the bucket does not store is 400 InvalidStorageClass
    (facts-storage-class-restore.md §1.3). A directory bucket's EXPRESS_ONEZONE is kept
    as the default (its reads report it anyway)."""
    asked = request.headers.get(STORAGE_CLASS)
    if asked is None:
        return STANDARD
    if not storage.accepted(asked, directory=bucket.is_directory):
        raise S3Error(ErrorCode.INVALID_STORAGE_CLASS, StorageClassRequested=asked)
    return STANDARD if asked == storage.EXPRESS_ONEZONE else asked


def requested_redirect(request: S3Request) -> str | None:
    """facts-copy-multipart.md §3.9: ``/``, ``http://`` or ``https://`` first."""
    value = request.headers.get(REDIRECT)
    if value is not None and not value.startswith(_REDIRECT_PREFIXES):
        raise S3Error(ErrorCode.INVALID_REDIRECT_LOCATION)
    return value


def requested_tags(request: S3Request) -> tuple[tuple[str, str], ...]:
    """``x-amz-tagging``: URL query syntax ``k1=v1&k2=v2`` (facts-bucket-configuration.md
    §1.8): empty pieces are skipped, a key alone has an empty value, a repeated key or a
    second ``=`` is InvalidArgument; then the tag rules of PutObjectTagging."""
    from ..objects.tagging import tag_error  # the operation that owns the tag answers

    text = request.headers.get(TAGGING)
    if text is None:
        return ()
    tags: dict[str, str] = {}
    for piece in filter(None, text.split("&")):
        key, _, value = piece.partition("=")
        key = unquote_plus(key)
        if "=" in value or key in tags:
            raise invalid_argument(Message.TAGGING_HEADER, TAGGING, text)
        tags[key] = unquote_plus(value)
    pairs = tuple(tags.items())
    problem = tag_set_problem(pairs)
    if problem is not None:
        raise tag_error(problem)
    return pairs


def check_metadata_size(metadata: Mapping[str, str]) -> None:
    """User metadata: at most 2 KB, the UTF-8 bytes of each key (without ``x-amz-meta-``)
    and value (facts-misc-answers.md §4)."""
    size = sum(len(key.encode()) + len(value.encode()) for key, value in metadata.items())
    if size > MAX_METADATA_BYTES:
        raise S3Error(ErrorCode.METADATA_TOO_LARGE, Size=str(size), MaxSizeAllowed=str(MAX_METADATA_BYTES))
