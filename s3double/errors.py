"""The catalogue of S3 errors s3double answers with, and the exception that carries one.

Each entry holds S3's own code, HTTP status and default message, as recorded from
Amazon S3 (see the S3 API reference, "Error responses"). Messages that S3 builds
from the request (an argument name, an algorithm) are made with ``S3Error(...,
message=...)`` at the place that knows the value.

Pure: imports nothing outside the standard library, so any layer may use it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping


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
    INVALID_BUCKET_STATE = ("InvalidBucketState", 409, "The request is not valid with the current state of the bucket.")
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
    INVALID_PART_NUMBER = ("InvalidPartNumber", 416, "The requested partnumber is not satisfiable")
    CONDITIONAL_REQUEST_CONFLICT = (
        "ConditionalRequestConflict",
        409,
        "The conditional request cannot succeed due to a conflicting operation against this "
        "resource.",
    )
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
    OPERATION_NOT_IMPLEMENTED = "s3double does not implement the S3 operation {operation} yet"
    # Copies (tests/data/aws/facts-copy-multipart.md, facts-objects.md section 10).
    COPY_SOURCE_REQUIRED = (
        "Copy Source must mention the source bucket and key: sourcebucket/sourcekey"
    )
    INVALID_COPY_SOURCE = "Invalid copy source object key"
    INVALID_COPY_SOURCE_ENCODING = "Invalid copy source encoding"
    COPY_TO_ITSELF = (
        "This copy request is illegal because it is trying to copy an object to itself "
        "without changing the object's metadata, storage class, website redirect location "
        "or encryption attributes."
    )
    COPY_OF_DELETE_MARKER = (
        "The source of a copy request may not specifically refer to a delete marker by "
        "version id."
    )
    UNKNOWN_METADATA_DIRECTIVE = "Unknown metadata directive."
    UNKNOWN_TAGGING_DIRECTIVE = "Unknown tagging directive."
    COPY_SOURCE_RANGE_FORMAT = (
        "The x-amz-copy-source-range value must be of the form bytes=first-last where first "
        "and last are the zero-based offsets of the first and last bytes to copy"
    )
    COPY_RANGE_PAST_SIZE = "Range specified is not valid for source object of size: {size}"
    COPY_RANGE_INVALID = "The specified copy range is invalid for the source object size"
    RANGE_WITH_PART_NUMBER = "Cannot specify both Range header and partNumber query parameter"
    TAGGING_HEADER = (
        "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query "
        "parameters without tag name duplicates."
    )


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
        ErrorCode.NOT_IMPLEMENTED,
        f"s3double does not implement the {kind} {what!r} yet; "
        "it refuses the request rather than ignore it",
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
