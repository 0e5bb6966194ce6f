"""The catalogue of S3 errors s3double answers with, and the exception that carries one.

Each entry holds S3's own code, HTTP status and default message, as recorded from
Amazon S3 (see the S3 API reference, "Error responses"). Every other message S3
answers with is a named template in ``Message``, filled in (``.format(...)``) at the
place that knows the request's values; no S3 message is written anywhere else
(``tests/test_message_catalogue.py`` checks).

Pure: imports nothing outside the standard library, so any layer may use it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any


class ErrorCode(enum.Enum):
    """An S3 error: (code, HTTP status, default message)."""

    ACCESS_DENIED = ("AccessDenied", 403, "Access Denied")
    BAD_DIGEST = ("BadDigest", 400, "The Content-MD5 you specified did not match what we received.")
    BUCKET_ALREADY_EXISTS = (
        "BucketAlreadyExists",
        409,
        "The requested bucket name is not available. The bucket namespace is shared by all "
        "users of the system. Please select a different name and try again.",
    )
    BUCKET_ALREADY_OWNED_BY_YOU = (
        "BucketAlreadyOwnedByYou",
        409,
        "Your previous request to create the named bucket succeeded and you already own it.",
    )
    BUCKET_NOT_EMPTY = ("BucketNotEmpty", 409, "The bucket you tried to delete is not empty")
    ILLEGAL_LOCATION_CONSTRAINT = (
        "IllegalLocationConstraintException",
        400,
        "The unspecified location constraint is incompatible for the region specific endpoint "
        "this request was sent to.",
    )
    ILLEGAL_VERSIONING_CONFIGURATION = (
        "IllegalVersioningConfigurationException",
        400,
        "The Versioning element must be specified",
    )
    INVALID_BUCKET_STATE = (
        "InvalidBucketState",
        409,
        "The request is not valid with the current state of the bucket.",
    )
    INCOMPLETE_BODY = (
        "IncompleteBody",
        400,
        "You did not provide the number of bytes specified by the Content-Length HTTP header",
    )
    INTERNAL_ERROR = ("InternalError", 500, "We encountered an internal error. Please try again.")
    SERVICE_UNAVAILABLE = ("ServiceUnavailable", 503, "Service is unable to handle request.")
    SLOW_DOWN = ("SlowDown", 503, "Please reduce your request rate.")
    INVALID_ARGUMENT = ("InvalidArgument", 400, "Invalid Argument")
    INVALID_BUCKET_NAME = ("InvalidBucketName", 400, "The specified bucket is not valid.")
    INVALID_DIGEST = ("InvalidDigest", 400, "The Content-MD5 you specified was invalid.")
    INVALID_PART = (
        "InvalidPart",
        400,
        "One or more of the specified parts could not be found.  The part may not have been "
        "uploaded, or the specified entity tag may not match the part's entity tag.",
    )
    INVALID_PART_ORDER = (
        "InvalidPartOrder",
        400,
        "The list of parts was not in ascending order. Parts must be ordered by part number.",
    )
    BAD_REQUEST = ("BadRequest", 400, "Bad Request")
    INVALID_TAG = ("InvalidTag", 400, "The TagKey you have provided is invalid")
    ENTITY_TOO_SMALL = (
        "EntityTooSmall",
        400,
        "Your proposed upload is smaller than the minimum allowed size",
    )
    INVALID_LOCATION_CONSTRAINT = (
        "InvalidLocationConstraint",
        400,
        "The specified location-constraint is not valid",
    )
    INVALID_URI = ("InvalidURI", 400, "Couldn't parse the specified URI.")
    INVALID_RANGE = ("InvalidRange", 416, "The requested range is not satisfiable")
    # S3 Express One Zone: session tokens (S3's "Error responses" list) and appends
    # (the PutObject error shapes of the S3 API reference).
    EXPIRED_TOKEN = ("ExpiredToken", 400, "The provided token has expired.")
    INVALID_TOKEN = ("InvalidToken", 400, "The provided token is malformed or otherwise invalid.")
    INVALID_WRITE_OFFSET = (
        "InvalidWriteOffset",
        400,
        "The write offset value that you specified does not match the current object size.",
    )
    TOO_MANY_PARTS = (
        "TooManyParts",
        400,
        "You have attempted to add more parts than the maximum of 10000 that are allowed for "
        "this object. You can use the CopyObject operation to copy this object to another "
        "and then add more data to the newly copied object.",
    )
    INVALID_REQUEST = ("InvalidRequest", 400, "Invalid Request")
    KEY_TOO_LONG = ("KeyTooLongError", 400, "Your key is too long")
    MALFORMED_POLICY = ("MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'")
    MALFORMED_XML = (
        "MalformedXML",
        400,
        "The XML you provided was not well-formed or did not validate against our published schema",
    )
    METHOD_NOT_ALLOWED = (
        "MethodNotAllowed",
        405,
        "The specified method is not allowed against this resource.",
    )
    NO_SUCH_OBJECT_LOCK_CONFIGURATION = (
        "NoSuchObjectLockConfiguration",
        404,
        "The specified object does not have a ObjectLock configuration",
    )
    OBJECT_LOCK_CONFIGURATION_NOT_FOUND = (
        "ObjectLockConfigurationNotFoundError",
        404,
        "Object Lock configuration does not exist for this bucket",
    )
    MISSING_REQUEST_BODY = ("MissingRequestBodyError", 400, "Request Body is empty")
    NO_SUCH_BUCKET = ("NoSuchBucket", 404, "The specified bucket does not exist")
    NO_SUCH_BUCKET_POLICY = ("NoSuchBucketPolicy", 404, "The bucket policy does not exist")
    NO_SUCH_KEY = ("NoSuchKey", 404, "The specified key does not exist.")
    NO_SUCH_VERSION = ("NoSuchVersion", 404, "The specified version does not exist.")
    NO_SUCH_UPLOAD = (
        "NoSuchUpload",
        404,
        "The specified upload does not exist. The upload ID may be invalid, or the upload "
        "may have been aborted or completed.",
    )
    NOT_MODIFIED = ("NotModified", 304, "Not Modified")
    NOT_IMPLEMENTED = (
        "NotImplemented",
        501,
        "A header you provided implies functionality that is not implemented",
    )
    PRECONDITION_FAILED = (
        "PreconditionFailed",
        412,
        "At least one of the pre-conditions you specified did not hold",
    )

    def __init__(self, code: str, status: int, message: str) -> None:
        self.code = code
        self.status = status
        self.message = message


class Message:
    """Messages S3 builds for a particular request, by name; ``.format(...)`` fills in
    what the request named. The one place, with ``ErrorCode``, where S3's wording lives."""

    BUCKET_NAME_REQUIRED = "A bucket name is required"
    KEY_REQUIRED = "An object key is required"
    INVALID_HEADER_VALUE = "Invalid value for header {name}"
    NOT_AN_INTEGER = "Provided {name} not an integer or within integer range"
    INTEGER_BETWEEN = "Argument {name} must be an integer between {minimum} and 2147483647"
    INVALID_VERSION_ID = "Invalid version id specified"
    INVALID_ENCODING_TYPE = "Invalid Encoding Method specified in Request"
    PART_NUMBER_RANGE = "Part number must be an integer between 1 and 10000, inclusive"
    RETAIN_UNTIL_FORMAT = "The retain until date must be provided in ISO 8601 format"
    TOO_MANY_OBJECT_TAGS = "Object tags cannot be greater than 10"
    DUPLICATE_TAG_KEY = "Cannot provide multiple Tags with the same key"
    INVALID_TAG_KEY = "The TagKey you have provided is invalid"
    INVALID_TAG_VALUE = "The TagValue you have provided is invalid"
    SYSTEM_OBJECT_TAG = "Your TagKey cannot be prefixed with aws:"
    # aws-chunked framing broken anywhere (versitygw#1666, S3's answer for any malformed encoding).
    BODY_ENDED_UNEXPECTEDLY = "The request body terminated unexpectedly"
    ACCESS_POINT_NOT_IMPLEMENTED = (
        "s3double does not model access points, Object Lambda access points, Outposts or "
        "Multi-Region Access Points ({what}); the request was applied to no bucket"
    )
    OPERATION_NOT_IMPLEMENTED = "s3double does not implement the S3 operation {operation} yet"
    FUNCTIONALITY_NOT_IMPLEMENTED = (
        "s3double does not implement the {kind} {what!r} yet; "
        "it refuses the request rather than ignore it"
    )

    # Buckets (CreateBucket, DeleteBucket, ListBuckets, directory buckets).
    LOCATION_CONSTRAINT_INCOMPATIBLE = (
        "The {constraint} location constraint is incompatible for the region specific "
        "endpoint this request was sent to."
    )
    BUCKET_NOT_EMPTY_VERSIONED = (
        ErrorCode.BUCKET_NOT_EMPTY.message + ". You must delete all versions in the bucket."
    )
    MAX_BUCKETS_RANGE = "Argument max-buckets must be an integer between 1 and 10000"
    MAX_DIRECTORY_BUCKETS_RANGE = (
        "Argument max-directory-buckets must be an integer between 0 and 1000"
    )
    INVALID_SESSION_MODE = "Invalid session mode"
    INVALID_CONTINUATION_TOKEN = "The continuation token provided is incorrect"
    DIRECTORY_NOT_SUPPORTED = "This operation is not supported for directory buckets."
    DIRECTORY_OPERATION_NOT_IMPLEMENTED = (
        "s3double does not implement {operation} on directory buckets yet"
    )
    VERSIONING_STATE_LOCKED = (
        "An Object Lock configuration is present on this bucket, so the versioning state "
        "cannot be changed."
    )

    # Conditional writes (PutObject's additionalMessage field).
    MULTIPLE_CONDITIONS = "Multiple conditional request headers present in the request"
    CONDITION_NOT_ACCEPTED = "We don't accept the provided value of {header} header for this API"

    # Integrity: Content-MD5 and the x-amz-checksum-* headers.
    HEADER_VALUE_INVALID = "Value for {header} header is invalid."
    CHECKSUM_NOT_SENT = (
        "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* "
        "or x-amz-trailer headers were found."
    )
    MULTIPLE_CHECKSUMS = (
        "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."
    )
    CHECKSUM_MISMATCH = "The {algorithm} you specified did not match the calculated checksum."
    INTEGRITY_REQUIRED = (
        "Missing required header for this request: Content-MD5 OR x-amz-checksum-*"
    )

    # Object lock and MFA delete.
    OBJECT_PROTECTED = "Access Denied because object protected by object lock."
    MFA_REQUIRED = "Mfa Authentication must be used for this request"
    LOCK_CONFIGURATION_MISSING = "Bucket is missing Object Lock Configuration"
    BYPASS_WITHOUT_LOCK = (
        "x-amz-bypass-governance-retention is only applicable to Object Lock enabled buckets."
    )
    RETAIN_UNTIL_PAST = "The retain until date must be in the future!"
    UNKNOWN_LOCK_MODE = "Unknown wormMode directive."
    LOCK_HEADERS_PAIRED = (
        "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied"
    )
    LEGAL_HOLD_VALUE = "Legal Hold must be either of 'ON' or 'OFF'"
    LOCK_INTEGRITY_REQUIRED = (
        "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with "
        "Object Lock parameters"
    )
    LOCK_NEEDS_VERSIONING = (
        "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration"
    )
    RETENTION_PERIOD_POSITIVE = "Default retention period must be a positive integer value."
    RETENTION_PERIOD_TOO_LARGE = "Default retention period too large."

    # Listings.
    MAX_KEYS_NEGATIVE = "max-keys cannot be negative"
    DIRECTORY_START_AFTER = "StartAfter is not supported for directory buckets."
    DIRECTORY_DELIMITER = "For directory buckets, / is the only supported delimiter."
    DIRECTORY_PREFIX = (
        "For directory buckets, only prefixes that end in a delimiter (/) are supported."
    )
    VERSION_MARKER_WITHOUT_KEY_MARKER = (
        "A version-id marker cannot be specified without a key marker."
    )
    VERSION_MARKER_EMPTY = "A version-id marker cannot be empty."

    # Multipart uploads and appends.
    UNSUPPORTED_CHECKSUM_ALGORITHM = (
        "Checksum algorithm provided is unsupported. Please try again with any of the "
        "valid types: [CRC32, CRC32C, SHA1, SHA256]"
    )
    CHECKSUM_TYPE_ALGORITHM = (
        "The {kind} checksum type cannot be used with the {algorithm} checksum algorithm."
    )
    PART_CHECKSUM_TYPE_MISMATCH = (
        "Checksum Type mismatch occurred, expected checksum Type: {expected}, "
        "actual checksum Type: {actual}"
    )
    APPEND_CHECKSUM_TYPE_MISMATCH = PART_CHECKSUM_TYPE_MISMATCH + "."
    PART_CHECKSUM_MISSING = (
        "The upload was created using a {algorithm} checksum. The complete request must "
        "include the checksum for each part. It was missing for part {number} in the request."
    )
    PART_CHECKSUM_MISMATCH = (
        "The {algorithm} you specified for part {number} did not match what we received."
    )
    OBJECT_SIZE_MISMATCH = (
        "The provided '{header}' header value {declared} does not match what was "
        "computed: {size}"
    )
    APPEND_EMPTY_BODY = "Request body cannot be empty when 'write offset' is specified."
    APPEND_WITH_METADATA = (
        "Cannot specify both a write offset value and user-defined object metadata for "
        "existing objects."
    )

    # CopyObject.
    COPY_SOURCE_REQUIRED = (
        "Copy Source must mention the source bucket and key: sourcebucket/sourcekey"
    )
    COPY_SOURCE_ENCODING = "Invalid copy source encoding"
    COPY_SOURCE_KEY = "Invalid copy source object key"
    COPY_SOURCE_DELETE_MARKER = (
        "The source of a copy request may not specifically refer to a delete marker by "
        "version id."
    )
    UNKNOWN_METADATA_DIRECTIVE = "Unknown metadata directive."
    COPY_TO_ITSELF = (
        "This copy request is illegal because it is trying to copy an object to itself "
        "without changing the object's metadata, storage class, website redirect location "
        "or encryption attributes."
    )

    # DeleteObjects on directory buckets.
    DELETE_KEY_BLANK = (
        "Object keys in DeleteObjects requests must contain at least one non-white "
        "space character"
    )
    DELETE_KEY_CONTROL = (
        "Object keys in DeleteObjects requests cannot contain Unicode control characters"
    )
    DELETE_CONDITION_DIRECTORY_ONLY = (
        "{element} conditions in DeleteObjects apply only to directory buckets"
    )

    # Bucket policies: MalformedPolicy, by what is wrong. Recorded against S3 (LocalStack's
    # snapshots, others' reports): NOT_JSON, MISSING_STATEMENT, INVALID_PRINCIPAL,
    # INVALID_ACTION, INVALID_RESOURCE, ACTION_RESOURCE_MISMATCH, SYNTAX (for "Action":
    # null), TOO_LARGE. versitygw's catalogue of S3's answers: INVALID_JSON,
    # EMPTY_STATEMENT, INVALID_VERSION, INVALID_EFFECT. IAM's wording: DUPLICATE_SID.
    # MISSING_FIELD follows "Missing required field Statement" and the widely reported
    # "Missing required field Principal".
    POLICY_NOT_JSON = ErrorCode.MALFORMED_POLICY.message
    POLICY_INVALID_JSON = "This policy contains invalid Json"
    POLICY_SYNTAX = "Invalid policy syntax."
    POLICY_TOO_LARGE = "Normalized policy document exceeds the maximum allowed size of 20480 bytes"
    POLICY_INVALID_VERSION = "The policy must contain a valid version string"
    POLICY_MISSING_STATEMENT = "Missing required field Statement"
    POLICY_EMPTY_STATEMENT = "Could not parse the policy: Statement is empty!"
    POLICY_DUPLICATE_SID = "Statement IDs (SID) in a single policy must be unique."
    POLICY_MISSING_FIELD = "Missing required field {detail}"
    POLICY_INVALID_EFFECT = "Invalid effect: {detail}"
    POLICY_INVALID_PRINCIPAL = "Invalid principal in policy"
    POLICY_INVALID_ACTION = "Policy has invalid action"
    POLICY_INVALID_RESOURCE = "Policy has invalid resource"
    POLICY_ACTION_RESOURCE_MISMATCH = "Action does not apply to any resource(s) in statement"


class S3Error(Exception):
    """A request-level S3 error: raised by operations, rendered as S3's XML error.

    ``fields`` become extra elements of the ``<Error>`` document (``BucketName``,
    ``Key``, ``ArgumentName`` ...), in the order given; ``headers`` are sent with it.
    """

    def __init__(
        self,
        error: ErrorCode,
        message: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        **fields: str,
    ) -> None:
        self.error = error
        self.code = error.code
        self.status = error.status
        self.message = message if message is not None else error.message
        self.fields = fields
        self.headers = dict(headers or {})
        super().__init__(f"{error.code}: {self.message}")

    @classmethod
    def custom(cls, code: str, status: int, message: str) -> S3Error:
        """An error outside the catalogue (a test's injected fault)."""
        error = cls(ErrorCode.INTERNAL_ERROR, message)
        error.code, error.status = code, status
        return error


def by_code(code: str) -> ErrorCode | None:
    """The catalogue entry for an S3 error code (``"SlowDown"``), if there is one."""
    for entry in ErrorCode:
        if entry.code == code:
            return entry
    return None


def not_implemented(what: str, kind: str = "header") -> S3Error:
    """S3's 501 for functionality s3double does not model yet, naming what was asked."""
    error = S3Error(
        ErrorCode.NOT_IMPLEMENTED, Message.FUNCTIONALITY_NOT_IMPLEMENTED.format(kind=kind, what=what)
    )
    if kind == "header":
        error.fields["Header"] = what
    return error


def invalid_argument(message: str, name: str, value: str | None) -> S3Error:
    """InvalidArgument with S3's ArgumentName / ArgumentValue fields."""
    error = S3Error(ErrorCode.INVALID_ARGUMENT, message, ArgumentName=name)
    if value is not None:
        error.fields["ArgumentValue"] = value
    return error


class UnservedRequestError(RuntimeError):
    """A request that an active double will not serve and will not let reach the network."""


class DoubleFailure(AssertionError):
    """Raised when a double is left, if it failed while serving (a bug in s3double): each
    such request was answered 500 InternalError, undone, and recorded in
    ``calls.failures``; the first failure's exception is the cause. An AssertionError,
    so the test that used the double fails. ``S3Double(fail_on_internal_error=False)``
    leaves the 500s as the only sign."""

    def __init__(self, failures: list[Any]) -> None:
        self.failures = failures
        first = failures[0]
        super().__init__(
            f"the S3 double failed while serving {len(failures)} request(s), each answered "
            f"500 InternalError and undone; the first, {first.operation} on bucket "
            f"{first.bucket!r}, raised {type(first.internal_error).__name__}: "
            f"{first.internal_error}. Its traceback is the cause below; all are in "
            "calls.failures. This is a bug in s3double: please report it."
        )


# Where the guide to other AWS services, account ids and regions lives.
GUIDE = "docs/migrating-from-moto.md in s3double's repository"


def unserved_service(service: str, operation: str) -> UnservedRequestError:
    """Another AWS service's call, stopped by an active double. The way forward is never
    to let it reach AWS: that would use whatever credentials the machine has."""
    return UnservedRequestError(
        f"s3double serves S3 and STS GetCallerIdentity only: the {service} call {operation} "
        "was stopped before reaching the network. Code that needs the account id can ask "
        "STS GetCallerIdentity, which answers the double's account_id "
        "(mock_s3(account_id='111122223333')); a test of another service needs a double "
        f"of that service. See 'Other AWS services' in {GUIDE}."
    )


def unhooked_request(method: str, url: str) -> UnservedRequestError:
    """A request that reached botocore's network layer past every handler (its session
    predates ``import s3double``) and is not an S3 request the double could serve."""
    return UnservedRequestError(
        f"s3double is active, and {method} {url} reached botocore's network layer: the "
        "client's session was created before s3double was imported, and this is not an "
        "S3 request, so it was stopped. Import s3double before creating botocore sessions."
    )


def ended_double(name: str) -> UnservedRequestError:
    """A call whose double has left: its context's (a thread that outlived its block), or,
    with no double active, the one its client was made in (a leaky fixture)."""
    return UnservedRequestError(
        f"this call belongs to {name}, which is no longer active, so it was stopped before "
        "reaching the network (a client or thread that outlived its s3double block would "
        "otherwise send it to AWS, with whatever credentials the machine has). Make the "
        "call inside the block, or make the client outside it."
    )


def ambiguous_double(names: list[str]) -> UnservedRequestError:
    """A call from a context without a double while several are active elsewhere."""
    return UnservedRequestError(
        "this call's context has no s3double of its own, and several are active in other "
        f"threads or tasks ({', '.join(names)}); serving one of them would be a guess, so it "
        "was stopped. Make the call inside a block, in a thread or task started there."
    )


EXAMPLE_CREDENTIALS_OUTSIDE = (
    "Unable to locate credentials: this client was made inside an s3double block, and the "
    "example credentials it was given there sign nothing after the block"
)


class ConfigFileError(RuntimeError):
    """Inside a double, the AWS config file does not parse (botocore still reads it)."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"the AWS config file {path!r} does not parse. Inside a double s3double reads "
            "no profile, but botocore parses the whole file itself whenever it makes a "
            "client. Point AWS_CONFIG_FILE at a file that parses (os.devnull in tests), or "
            f"fix the file. See 'AWS profiles' in {GUIDE}."
        )
