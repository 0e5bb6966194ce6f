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


class ErrorCode(enum.Enum):
    """An S3 error: (code, HTTP status, default message)."""

    ACCESS_DENIED = ("AccessDenied", 403, "Access Denied")
    # Write options, object ACLs, archived objects (tests/data/aws/facts-acl-ownership.md,
    # facts-encryption.md, facts-storage-class-restore.md, facts-misc-answers.md).
    ACCESS_CONTROL_LIST_NOT_SUPPORTED = (
        "AccessControlListNotSupported", 400, "The bucket does not allow ACLs"
    )
    MALFORMED_ACL = (
        "MalformedACLError",
        400,
        "The XML you provided was not well-formed or did not validate against our published schema",
    )
    MISSING_SECURITY_HEADER = ("MissingSecurityHeader", 400, "Your request was missing a required header")
    UNEXPECTED_CONTENT = ("UnexpectedContent", 400, "This request does not support content")
    INVALID_ENCRYPTION_ALGORITHM = (
        "InvalidEncryptionAlgorithmError",
        400,
        "The Encryption request you specified is not valid. Supported value: AES256.",
    )
    KMS_NOT_FOUND = ("KMS.NotFoundException", 400, "Invalid keyId")
    INVALID_STORAGE_CLASS = ("InvalidStorageClass", 400, "The storage class you specified is not valid")
    INVALID_OBJECT_STATE = (
        "InvalidObjectState", 403, "The operation is not valid for the object's storage class"
    )
    RESTORE_ALREADY_IN_PROGRESS = (
        "RestoreAlreadyInProgress", 409, "Object restore is already in progress."
    )
    INVALID_REDIRECT_LOCATION = (
        "InvalidRedirectLocation",
        400,
        "The website redirect location must have a prefix of 'http://' or 'https://' or '/'.",
    )
    METADATA_TOO_LARGE = (
        "MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size"
    )
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
    # The HTTP server's request checks (S3 API reference, "Error responses"; the
    # signature messages as AWS's Redshift guide and the AWS CLI's issue template quote them).
    SIGNATURE_DOES_NOT_MATCH = (
        "SignatureDoesNotMatch",
        403,
        "The request signature we calculated does not match the signature you provided. "
        "Check your key and signing method.",
    )
    INVALID_ACCESS_KEY_ID = (
        "InvalidAccessKeyId",
        403,
        "The AWS Access Key Id you provided does not exist in our records.",
    )
    MISSING_CONTENT_LENGTH = ("MissingContentLength", 411, "You must provide the Content-Length HTTP header.")
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
    # Bucket configurations (tests/data/aws/facts-bucket-configuration.md, facts-lifecycle.md,
    # facts-acl-ownership.md, facts-misc-answers.md): the "absent" answers first.
    NO_SUCH_TAG_SET = ("NoSuchTagSet", 404, "The TagSet does not exist")
    NO_SUCH_LIFECYCLE_CONFIGURATION = (
        "NoSuchLifecycleConfiguration", 404, "The lifecycle configuration does not exist"
    )
    NO_SUCH_CORS_CONFIGURATION = ("NoSuchCORSConfiguration", 404, "The CORS configuration does not exist")
    NO_SUCH_WEBSITE_CONFIGURATION = (
        "NoSuchWebsiteConfiguration", 404, "The specified bucket does not have a website configuration"
    )
    REPLICATION_CONFIGURATION_NOT_FOUND = (
        "ReplicationConfigurationNotFoundError", 404, "The replication configuration was not found"
    )
    OWNERSHIP_CONTROLS_NOT_FOUND = (
        "OwnershipControlsNotFoundError", 404, "The bucket ownership controls were not found"
    )
    NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION = (
        "NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found"
    )
    CROSS_LOCATION_LOGGING_PROHIBITTED = (  # sic: S3's spelling
        "CrossLocationLoggingProhibitted", 403, "Cross S3 location logging not allowed. "
    )
    INVALID_TARGET_BUCKET_FOR_LOGGING = (
        "InvalidTargetBucketForLogging", 400, "The target bucket for logging does not exist"
    )
    INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP = (
        "InvalidBucketAclWithObjectOwnership",
        400,
        "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
    )
    INVALID_BUCKET_OWNER_ACCOUNT_ID = (
        "InvalidBucketOwnerAWSAccountID",
        400,
        "The value of the expected bucket owner parameter must be an AWS Account ID...",
    )

    # Presigned URLs and POST forms (LocalStack's recordings of AWS, tests/data/aws/facts-presigned.md).
    AUTHORIZATION_QUERY_PARAMETERS_ERROR = (
        "AuthorizationQueryParametersError",
        400,
        "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
        "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
    )
    ENTITY_TOO_LARGE = ("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size")
    INVALID_POLICY_DOCUMENT = (
        "InvalidPolicyDocument",
        400,
        "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one "
        "property specified.",
    )

    def __init__(self, code: str, status: int, message: str) -> None:
        self.code = code
        self.status = status
        self.message = message


class Message:
    """Messages S3 builds for a particular request, by name; ``.format(...)`` fills in
    what the request named. The one place, with ``ErrorCode``, where S3's wording lives."""

    BUCKET_NAME_REQUIRED = "A bucket name is required"
    REQUEST_EXPIRED = "Request has expired"  # a presigned URL past X-Amz-Expires (AccessDenied)
    KEY_REQUIRED = "An object key is required"
    INVALID_HEADER_VALUE = "Invalid value for header {name}"
    INVALID_QUERY_VALUE = "Invalid value for query parameter {name}"
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
    INTERNAL_DOUBLE_ERROR = (
        "s3double failed {count} time(s) while serving, answering 500 InternalError and "
        "undoing each request; the first: {first}. Please report it; "
        "S3Double(raise_internal_errors=False) lets a test go on regardless."
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
    UNKNOWN_METADATA_DIRECTIVE = "Unknown metadata directive."
    INVALID_COPY_SOURCE = "Invalid copy source object key"
    INVALID_COPY_SOURCE_ENCODING = "Invalid copy source encoding"
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
    # Presigned URLs and POST forms.
    REQUEST_EXPIRED = "Request has expired"
    QUERY_AUTH_V2_PARAMETERS = (
        "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters"
    )
    EXPIRES_TOO_LONG = (
        "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires "
        "must be less than 604800 seconds"
    )
    INVALID_DATE = "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""
    UNSIGNED_HEADERS = "There were headers present in the request which were not signed"
    POST_POLICY_EXPIRED = "Invalid according to Policy: Policy expired."
    POST_CONDITION_FAILED = "Invalid according to Policy: Policy Condition failed: {condition}"
    POST_EXTRA_FIELDS = "Invalid according to Policy: Extra input fields: {fields}"
    POST_FIELD_MISSING = (
        "Bucket POST must contain a field named '{name}'.  If it is specified, please check the "
        "order of the fields."
    )
    POST_FILE_MISSING = "POST requires exactly one file upload per request."
    POST_NOT_MULTIPART = "Bucket POST must be of the enclosure-type multipart/form-data"

    # ACLs (facts-acl-ownership.md §2)
    NO_MESSAGE = ""  # S3 sends no <Message> with this error
    INVALID_GROUP_URI = "Invalid group uri"
    INVALID_ID = "Invalid id"
    ARGUMENT_FORMAT = "Argument format not recognized"
    CANNED_AND_GRANTS = "Specifying both Canned ACLs and Header Grants is not allowed"
    EMAIL_GRANTEE = (
        "Email grantees are no longer served by S3 (HTTP 405 since 2025-10-01, no error code "
        "documented); s3double does not model them"
    )
    # Encryption (facts-encryption.md §3, §4, §5, §6)
    SSE_NOT_SUPPORTED = "The encryption method specified is not supported"
    KMS_KEY_WITHOUT_KMS = (
        "Server Side Encryption with AWS KMS managed key requires HTTP header "
        "x-amz-server-side-encryption : aws:kms"
    )
    KMS_INVALID_KEY_ID = "Invalid keyId '{key}'"
    KMS_INVALID_ARN = "Invalid arn {region}"
    KMS_ALIAS = (
        "s3double has no KMS and cannot resolve the alias {alias!r}; name the key by its id or "
        "ARN, or use alias/aws/s3"
    )
    SSE_C_INCOMPATIBLE = (
        "Server Side Encryption with Customer provided key is incompatible with the encryption "
        "method specified"
    )
    SSE_C_NO_ALGORITHM = (
        "Requests specifying Server Side Encryption with Customer provided keys must provide a "
        "valid encryption algorithm."
    )
    SSE_C_NO_KEY = (
        "Requests specifying Server Side Encryption with Customer provided keys must provide an "
        "appropriate secret key."
    )
    SSE_C_KEY_INVALID = "The secret key was invalid for the specified algorithm."
    SSE_C_MD5_MISMATCH = "The calculated MD5 hash of the key did not match the hash that was provided."
    SSE_C_REQUIRED = (
        "The object was stored using a form of Server Side Encryption. The correct parameters "
        "must be provided to retrieve the object."
    )
    SSE_C_WRONG_KEY = (
        "Requests specifying Server Side Encryption with Customer provided keys must provide the "
        "correct secret key."
    )
    SSE_C_NOT_APPLICABLE = "The encryption parameters are not applicable to this object."
    PART_SSE_C_REQUIRED = (
        "The multipart upload initiate requested encryption. Subsequent part requests must "
        "include the appropriate encryption parameters."
    )
    PART_SSE_C_MISMATCH = "The provided encryption parameters did not match the ones used originally."
    # Tags in x-amz-tagging (facts-bucket-configuration.md §1.8)
    COPY_OF_DELETE_MARKER = (
        "The source of a copy request may not specifically refer to a delete marker by "
        "version id."
    )
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
    # Archived objects (facts-storage-class-restore.md §3)
    INTELLIGENT_TIERING_DAYS = (
        "INTELLIGENT_TIERING objects are not subject to restore expiry. Do not specify Days when "
        "restoring this object"
    )
    EXPEDITED_DEEP_ARCHIVE = (
        "Expedited retrievals are not offered for DEEP_ARCHIVE objects; S3's answer to one is not "
        "recorded, so s3double refuses it as not implemented"
    )
    # GetObjectAttributes (facts-copy-multipart.md §5.4)
    ATTRIBUTES_MISSING = (
        "The x-amz-object-attributes header specifying the attributes to be retrieved is either "
        "missing or empty"
    )
    ATTRIBUTE_INVALID = "Invalid attribute name specified."
    # CopyObject's x-amz-checksum-algorithm (facts-copy-multipart.md §3.8)
    CHECKSUM_ALGORITHM_UNSUPPORTED = (
        "Checksum algorithm provided is unsupported. Please try again with any of the valid "
        "types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"
    )
    # x-amz-mfa (facts-misc-answers.md §1.3)
    MFA_FORMAT = (
        "Mfa header is invalid -- the header should be formatted as {serialNumber}(space){tokenCode}"
    )

    # Bucket configurations (facts-bucket-configuration.md, facts-lifecycle.md,
    # facts-encryption.md, facts-acl-ownership.md)
    TOO_MANY_BUCKET_TAGS = "Bucket tag count cannot be greater than 50"
    SYSTEM_BUCKET_TAG = "System tags cannot be added/updated by requester"
    LIFECYCLE_DATE_NOT_MIDNIGHT = "'Date' must be at midnight GMT"
    LIFECYCLE_NOT_POSITIVE = "'{name}' for {action} action must be a positive integer"
    LIFECYCLE_DUPLICATE_TAG_KEYS = "Duplicate Tag Keys are not allowed."
    LIFECYCLE_ID_TOO_LONG = "ID length should not exceed allowed limit of 255"
    LIFECYCLE_DUPLICATE_ID = "Rule ID must be unique. Found same ID for more than one rule"
    LIFECYCLE_TOO_MANY_RULES = (
        "The number of lifecycle rules must not exceed the allowed limit of 1000 rules."
    )
    LIFECYCLE_NO_ACTION = "At least one action needs to be specified in a rule"
    LIFECYCLE_ABORT_WITH_TAGS = "AbortIncompleteMultipartUpload cannot be specified with Tags."
    LIFECYCLE_MARKER_WITH_SIZE = "ExpiredObjectDeleteMarker cannot be specified with Object Size."
    LIFECYCLE_MARKER_WITH_TAGS = "ExpiredObjectDeleteMarker cannot be specified with Tags."
    LIFECYCLE_NEWER_WITHOUT_FILTER = (
        "NewerNoncurrentVersions cannot be specified without a Filter element"
    )
    TRANSITION_MINIMUM_SIZE = "Invalid TransitionDefaultMinimumObjectSize found: {value}"
    KMS_KEY_NOT_APPLICABLE = (
        "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or "
        "aws:kms:dsse"
    )
    CORS_METHOD = "Found unsupported HTTP method in CORS config. Unsupported method is {method}"
    WEBSITE_SUFFIX = "The IndexDocument Suffix is not well formed"
    WEBSITE_NO_SUFFIX = "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty"
    WEBSITE_REDIRECT_ALL = "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules."
    WEBSITE_PROTOCOL = (
        "Invalid protocol, protocol can be http or https. If not defined the protocol will be "
        "selected automatically."
    )
    WEBSITE_REPLACE_BOTH = "You can only define ReplaceKeyPrefix or ReplaceKey but not both."
    WEBSITE_EMPTY_CONDITION = (
        "Condition cannot be empty. To redirect all requests without a condition, the condition "
        "element shouldn't be present."
    )
    ACCELERATE_DOTTED_NAME = (
        "S3 Transfer Acceleration is not supported for buckets with periods (.) in their names"
    )
    REPLICATION_NEEDS_VERSIONING = (
        "Versioning must be 'Enabled' on the bucket to apply a replication configuration"
    )
    REPLICATION_DESTINATION = "Destination bucket must have versioning enabled."
    INVALID_OBJECT_OWNERSHIP = "Invalid x-amz-object-ownership header: {value}"
    EXPECTED_OWNER_NOT_ACCOUNT = ErrorCode.INVALID_BUCKET_OWNER_ACCOUNT_ID.message + " [{value}]"


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
        self.internal: str | None = None  # an InternalError's cause: s3double's traceback
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


class InternalDoubleError(AssertionError):
    """s3double itself failed while serving a request (a bug in the double, not in the
    code under test): the request was answered 500 InternalError and undone."""


class UnservedRequestError(RuntimeError):
    """A request that an active double will not serve and will not let reach the network."""


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
