"""What operations return: plain values the wire layer renders as S3's responses.

Headers an operation decides (``x-amz-version-id``, ``ETag`` ...) travel in
``headers``; the wire layer adds the ones every S3 response carries.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..model.bucket import Bucket
from ..model.listing import KeyPage, VersionPage
from ..model.locks import DefaultRetention, Retention
from ..model.outcomes import Deleted
from ..model.sessions import Session
from ..model.uploads import MultipartUpload, PartPage, UploadPage
from ..model.versions import ObjectVersion


@dataclass(slots=True)
class Empty:
    """A response with no body (200 or 204)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ObjectContent:
    """GetObject / HeadObject: the object's headers, and its bytes (or a range)."""

    version: ObjectVersion
    headers: dict[str, str]
    body: bytes
    status: int = 200


@dataclass(frozen=True, slots=True)
class KeyError_:
    """A per-key <Error> inside a DeleteObjects result."""

    key: str
    version_id: str | None
    code: str
    message: str
    injected: bool = False  # made by the double's fault plan, not by S3's rules


@dataclass(slots=True)
class DeleteResult:
    """Every key's outcome (quiet mode only changes what is rendered)."""

    deleted: list[Deleted]
    errors: list[KeyError_]
    quiet: bool


@dataclass(slots=True)
class VersioningResult:
    status: str | None  # None: never configured
    mfa_delete: str | None


@dataclass(slots=True)
class LocationResult:
    region: str


@dataclass(slots=True)
class BucketList:
    buckets: list[Bucket]
    owner: str
    prefix: str | None
    continuation_token: str | None


@dataclass(slots=True)
class CopyResult:
    etag: str
    last_modified: _dt.datetime
    headers: dict[str, str]
    checksum: tuple[str, str] | None = None


@dataclass(slots=True)
class KeyListing:
    """ListObjects (v1) and ListObjectsV2: one page and the parameters it echoes."""

    bucket: str
    page: KeyPage
    version: int  # 1 or 2
    prefix: str
    delimiter: str
    max_keys: int
    encoding_type: str | None
    owner: str
    marker: str = ""  # v1
    start_after: str | None = None  # v2
    continuation_token: str | None = None  # v2
    next_continuation_token: str | None = None  # v2
    fetch_owner: bool = False  # v2
    storage_class: str = "STANDARD"  # EXPRESS_ONEZONE in a directory bucket


@dataclass(slots=True)
class VersionListing:
    bucket: str
    page: VersionPage
    prefix: str
    delimiter: str
    key_marker: str
    version_id_marker: str
    max_keys: int
    encoding_type: str | None
    owner: str


@dataclass(slots=True)
class LockConfigurationResult:
    rule: DefaultRetention | None


@dataclass(slots=True)
class RetentionResult:
    retention: Retention


@dataclass(slots=True)
class LegalHoldResult:
    on: bool


@dataclass(slots=True)
class UploadCreated:
    """CreateMultipartUpload: <InitiateMultipartUploadResult>."""

    bucket: str
    key: str
    upload_id: str
    headers: dict[str, str]


@dataclass(slots=True)
class UploadCompleted:
    """CompleteMultipartUpload: <CompleteMultipartUploadResult>."""

    location: str
    bucket: str
    key: str
    etag: str
    headers: dict[str, str]
    checksum: tuple[str, str] | None = None  # (algorithm, value)
    checksum_type: str | None = None


@dataclass(slots=True)
class PartListing:
    """ListParts: one page of an upload's parts."""

    bucket: str
    upload: MultipartUpload
    page: PartPage
    part_number_marker: int
    max_parts: int
    owner: str


@dataclass(slots=True)
class UploadListing:
    """ListMultipartUploads: one page and the parameters it echoes."""

    bucket: str
    page: UploadPage
    prefix: str
    delimiter: str
    key_marker: str
    upload_id_marker: str
    max_uploads: int
    encoding_type: str | None
    owner: str


@dataclass(slots=True)
class PolicyDocument:
    """GetBucketPolicy: the policy's JSON, sent as the body."""

    text: str


@dataclass(slots=True)
class SessionCreated:
    """CreateSession: <CreateSessionResult><Credentials>."""

    session: Session
    headers: dict[str, str]


@dataclass(slots=True)
class DirectoryBucketList:
    """ListDirectoryBuckets: one page of directory buckets."""

    buckets: list[Bucket]
    continuation_token: str | None
    account_id: str
