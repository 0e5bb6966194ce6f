"""DeleteObjects: up to 1,000 keys in one request, each with its own outcome.

S3 API reference, DeleteObjects: the body must carry Content-MD5 or an
x-amz-checksum-* header; it names 1 to 1,000 objects (anything else is 400
MalformedXML and nothing is deleted); each key succeeds or fails on its own, and
the request as a whole answers 200. Quiet mode returns only the errors.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from ...errors import ErrorCode, Message, S3Error
from ...model.conditions import DeleteCondition
from ...model.deletion import delete_key
from ...model.outcomes import Deleted, Refusal, Refused
from ...model.store import Store
from ..common.authorization import key_denied
from ..common.integrity import require_integrity
from ..common.lookup import existing_bucket
from ..common.protection import BYPASS, bypass_governance, check_mfa
from ..declaration import operation
from ..request import S3Request
from ..results import DeleteResult, KeyError_

MAX_OBJECTS = 1000


class ObjectIdentifier(NamedTuple):
    """One <Object> of the request (a NamedTuple: one is built per key, on the hot path)."""

    key: str
    version_id: str | None = None
    etag: str | None = None  # a conditional delete: the ETag the current version must have
    # LastModifiedTime / Size conditions: directory-bucket features, refused by name
    # on general purpose buckets rather than dropped.
    last_modified: _dt.datetime | None = None
    size: int | None = None

    @property
    def directory_only(self) -> tuple[str, ...]:
        """The directory-bucket condition elements this object carries."""
        return tuple(
            name for name, value in (("LastModifiedTime", self.last_modified), ("Size", self.size))
            if value is not None
        )

    @property
    def condition(self) -> DeleteCondition | None:
        if self.etag is None and self.last_modified is None and self.size is None:
            return None
        etag = DeleteCondition.for_etag(self.etag).etag if self.etag else None
        return DeleteCondition(etag, self.last_modified, self.size)


@dataclass(frozen=True, slots=True)
class DeleteRequest:
    objects: list[ObjectIdentifier]
    quiet: bool = False


# Each refusal's per-key answer inside a DeleteObjects result.
KEY_ERRORS: dict[Refusal, tuple[str, str]] = {
    Refusal.VERSION_NOT_FOUND: (ErrorCode.NO_SUCH_VERSION.code, ErrorCode.NO_SUCH_VERSION.message),
    Refusal.RETENTION: (ErrorCode.ACCESS_DENIED.code, Message.OBJECT_PROTECTED),
    Refusal.LEGAL_HOLD: (ErrorCode.ACCESS_DENIED.code, Message.OBJECT_PROTECTED),
    Refusal.PRECONDITION_FAILED: (
        ErrorCode.PRECONDITION_FAILED.code, ErrorCode.PRECONDITION_FAILED.message
    ),
    Refusal.NO_SUCH_KEY: (ErrorCode.NO_SUCH_KEY.code, ErrorCode.NO_SUCH_KEY.message),
}


def check_directory_keys(objects: list[ObjectIdentifier]) -> None:
    """S3 user guide, "Differences for directory buckets": keys in DeleteObjects must hold
    a character other than white space, and no Unicode control character but newline,
    tab and carriage return. S3's exact answer is not documented; s3double refuses the
    whole request with 400 InvalidRequest, before anything is deleted."""
    for identifier in objects:
        key = identifier.key
        if key.isspace():
            raise S3Error(
                ErrorCode.INVALID_REQUEST,
                Message.DELETE_KEY_BLANK,
                Key=key,
            )
        if any(_is_control(char) for char in key):
            raise S3Error(
                ErrorCode.INVALID_REQUEST,
                Message.DELETE_KEY_CONTROL,
                Key=key,
            )


def refuse_directory_conditions(objects: list[ObjectIdentifier]) -> None:
    """On a general purpose bucket, LastModifiedTime and Size conditions are S3's 501,
    for the request as a whole: nothing is deleted."""
    if all(entry.last_modified is None and entry.size is None for entry in objects):
        return
    element = next(entry.directory_only[0] for entry in objects if entry.directory_only)
    raise S3Error(
        ErrorCode.NOT_IMPLEMENTED,
        Message.DELETE_CONDITION_DIRECTORY_ONLY.format(element=element),
        Element=element,
    )


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" and char not in "\n\t\r"


def _once_each(objects: list[ObjectIdentifier]) -> list[ObjectIdentifier]:
    """The identifiers in request order, a (key, version id) listed again left out."""
    seen: set[tuple[str, str | None]] = set()
    unique = []
    for identifier in objects:
        name = (identifier.key, identifier.version_id)
        if name not in seen:
            seen.add(name)
            unique.append(identifier)
    return unique


def key_error(refused: Refused) -> KeyError_:
    code, message = KEY_ERRORS[refused.reason]
    return KeyError_(refused.key, refused.version_id, code, message)


@operation("DeleteObjects", headers=(BYPASS, "x-amz-mfa"), query={"delete"}, body=DeleteRequest)
def delete_objects(store: Store, request: S3Request) -> DeleteResult:
    """Request-level checks first (nothing is deleted if one fails), then each key.

    On an MFA-delete bucket a request naming any version needs a valid token, and
    an invalid token fails the whole request (S3 API reference, DeleteObjects, MFA).
    An object listed more than once (the same key and version id) is deleted once and
    reported once: AWS answered one <Deleted> for a key listed three times
    (tests/data/aws/facts-misc-answers.md §3).
    """
    bucket = existing_bucket(store, request)
    require_integrity(request)
    document: DeleteRequest = request.document()
    if not 1 <= len(document.objects) <= MAX_OBJECTS:
        raise S3Error(ErrorCode.MALFORMED_XML)
    if bucket.is_directory:
        check_directory_keys(document.objects)
    else:
        refuse_directory_conditions(document.objects)
    bypass = bypass_governance(request, bucket)
    versioned = any(identifier.version_id is not None for identifier in document.objects)
    check_mfa(store, request, required=bool(bucket.mfa_delete) and versioned)
    now = store.now()
    deleted: list[Deleted] = []
    errors: list[KeyError_] = []
    faults = request.key_faults
    for identifier in _once_each(document.objects):
        if faults is not None:
            injected = faults.key_fault(identifier.key, identifier.version_id)
            if injected is not None:
                errors.append(injected)
                continue
        denied = key_denied(store, bucket, request, identifier.key, identifier.version_id)
        if denied is not None:  # the bucket policy denies this key; the others proceed
            errors.append(denied)
            continue
        outcome = delete_key(
            bucket, identifier.key, identifier.version_id,
            bypass_governance=bypass, condition=identifier.condition, now=now,
        )
        if isinstance(outcome, Refused):
            errors.append(key_error(outcome))
        else:
            deleted.append(outcome)
    return DeleteResult(deleted, errors, document.quiet)
