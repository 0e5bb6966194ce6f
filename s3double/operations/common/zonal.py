"""Directory buckets at the door: the operations they refuse, and session tokens.

Checked for every request before its handler runs (and before the expected-owner
check), so a refused request never reaches the model.

* S3 API reference: versioning, object lock, ListObjects, ListObjectVersions and
  GetBucketLocation are "not supported for directory buckets"; MFA delete is not
  supported either; DeleteBucket with x-amz-expected-bucket-owner "fails with the HTTP
  status code 501 Not Implemented". Each is 501 NotImplemented here. Bucket policies
  do exist for directory buckets, with s3express actions s3double does not model: 501.
* S3 API reference, CreateSession: zonal operations other than CopyObject and
  HeadBucket are authorized by the session token in ``x-amz-s3session-token``. A
  token s3double did not make is 400 InvalidToken, an expired one 400 ExpiredToken
  (S3's answers for a bad or expired security token), one made for another bucket
  403 AccessDenied, and a ReadOnly session asking for a write 403 AccessDenied.
  A zonal request without a token is served as an IAM-signed one: S3 accepts SigV4
  with IAM credentials there, which botocore sends when S3 Express session auth is
  disabled (``Config(s3={"disable_s3_express_session_auth": True})``).
"""

from __future__ import annotations

from ...errors import ErrorCode, Message, S3Error
from ...model.sessions import SessionRefusal, session_refusal
from ...model.store import Store
from ..request import S3Request

SESSION_TOKEN = "x-amz-s3session-token"
SESSION_OPERATIONS = frozenset(
    {"PutObject", "GetObject", "HeadObject", "DeleteObject", "DeleteObjects", "ListObjectsV2",
     "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "AbortMultipartUpload",
     "ListParts", "ListMultipartUploads"}
)
NOT_FOR_DIRECTORY_BUCKETS = frozenset(
    {"ListObjects", "ListObjectVersions", "GetBucketLocation", "PutBucketVersioning",
     "GetBucketVersioning", "PutObjectLockConfiguration", "GetObjectLockConfiguration",
     "PutObjectRetention", "GetObjectRetention", "PutObjectLegalHold", "GetObjectLegalHold"}
)
NOT_MODELLED = frozenset({"PutBucketPolicy", "GetBucketPolicy", "DeleteBucketPolicy"})
_TOKEN_ERRORS = {
    SessionRefusal.MALFORMED: ErrorCode.INVALID_TOKEN,
    SessionRefusal.EXPIRED: ErrorCode.EXPIRED_TOKEN,
    SessionRefusal.OTHER_BUCKET: ErrorCode.ACCESS_DENIED,
    SessionRefusal.READ_ONLY: ErrorCode.ACCESS_DENIED,
}


def check_directory_request(store: Store, request: S3Request) -> None:
    """Refuse what a directory bucket does not serve, and a bad session token."""
    bucket = store.bucket(request.bucket) if request.bucket else None
    if bucket is None or not bucket.is_directory:
        return
    operation = request.operation
    if operation in NOT_FOR_DIRECTORY_BUCKETS:
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Message.DIRECTORY_NOT_SUPPORTED)
    if operation in NOT_MODELLED:
        raise S3Error(
            ErrorCode.NOT_IMPLEMENTED,
            Message.DIRECTORY_OPERATION_NOT_IMPLEMENTED.format(operation=operation),
        )
    for header in _unsupported_headers(operation):
        if header in request.headers:
            raise S3Error(ErrorCode.NOT_IMPLEMENTED, Header=header)
    token = request.headers.get(SESSION_TOKEN)
    if token is not None and operation in SESSION_OPERATIONS:
        refused = session_refusal(token, bucket.name, operation, store.now())
        if refused is not None:
            raise S3Error(_TOKEN_ERRORS[refused])


def _unsupported_headers(operation: str) -> tuple[str, ...]:
    if operation == "DeleteBucket":
        return ("x-amz-expected-bucket-owner",)
    if operation in ("DeleteObject", "DeleteObjects"):
        return ("x-amz-mfa",)
    return ()
