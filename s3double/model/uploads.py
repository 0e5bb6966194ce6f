"""Multipart uploads: an upload's parts, how they become one object, a bucket's uploads.

S3 API reference, UploadPart and CompleteMultipartUpload: parts are numbered 1 to
10,000; uploading a part again under the same number replaces it. Completing names
the parts to use, in ascending order, each with the ETag its upload returned; every
part but the last must be at least 5 MiB. The object's ETag is the MD5 of the parts'
binary MD5 digests, concatenated, then ``-`` and the number of parts.

S3 API reference, ListMultipartUploads: uploads are listed by key, and within a key
by initiation; ``upload-id-marker`` resumes after the uploads of ``key-marker`` whose
ids sort after it. Upload ids made here sort in initiation order, so both hold.

S3 API reference, GetObject ``partNumber``: a multipart upload's object is read part
by part; its part sizes are kept on the version (``ObjectOptions.part_sizes``), and any
other object is one part.

Outcomes are values (``Assembled`` or ``Rejected``); each operation picks its error.
"""

from __future__ import annotations

import datetime as _dt
import enum
import hashlib
import itertools
import secrets
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .journal import keep_item
from .locks import Retention
from .object_options import ObjectOptions
from .versions import _NO_METADATA, Checksum, Entry, ObjectVersion, etag_of

MIN_PART_SIZE = 5 * 1024 * 1024
MAX_PART_NUMBER = 10_000
COMPOSITE = "COMPOSITE"
FULL_OBJECT = "FULL_OBJECT"


@dataclass(frozen=True, slots=True)
class Part:
    number: int
    body: bytes
    etag: str  # quoted MD5, as S3 sends it
    last_modified: _dt.datetime
    checksum: Checksum | None = None

    @property
    def size(self) -> int:
        return len(self.body)


@dataclass(frozen=True, slots=True)
class RequestedPart:
    """One ``<Part>`` of a CompleteMultipartUpload body."""

    number: int
    etag: str  # with or without quotes
    checksums: Mapping[str, str] = field(default_factory=dict)  # algorithm -> base64 value


class Rejection(enum.Enum):
    NO_PARTS = "no-parts"
    NOT_ASCENDING = "not-ascending"
    NOT_FOUND = "not-found"  # never uploaded, or the ETag or checksum does not match
    TOO_SMALL = "too-small"  # a part other than the last under 5 MiB
    CHECKSUM_MISSING = "checksum-missing"  # a composite-checksum upload needs each part's
    OTHER_ALGORITHM = "other-algorithm"  # a part checksum of another algorithm


@dataclass(frozen=True, slots=True)
class Rejected:
    reason: Rejection
    part_number: int | None = None
    etag: str | None = None  # as requested, without quotes
    size: int | None = None
    algorithm: str | None = None


@dataclass(frozen=True, slots=True)
class Assembled:
    parts: tuple[Part, ...]
    etag: str  # '"<md5 of the part digests>-N"'

    @property
    def body(self) -> bytes:
        return b"".join(part.body for part in self.parts)


def multipart_etag(parts: Sequence[Part]) -> str:
    digests = b"".join(bytes.fromhex(part.etag.strip('"')) for part in parts)
    return f'"{hashlib.md5(digests).hexdigest()}-{len(parts)}"'


@dataclass(frozen=True, slots=True)
class PartPage:
    parts: list[Part]
    is_truncated: bool


class MultipartUpload:
    """One in-progress upload: what the object will be, and the parts so far."""

    def __init__(
        self,
        upload_id: str,
        key: str,
        *,
        initiated: _dt.datetime,
        initiator: str,
        content_type: str = "binary/octet-stream",
        metadata: Mapping[str, str] = _NO_METADATA,
        headers: tuple[tuple[str, str], ...] = (),
        checksum_algorithm: str | None = None,
        checksum_type: str | None = None,
        options: ObjectOptions | None = None,
        tags: tuple[tuple[str, str], ...] = (),
        retention: Retention | None = None,
        legal_hold: bool | None = None,
        replaces: Entry | None = None,
    ) -> None:
        self.upload_id = upload_id
        self.key = key
        self.initiated = initiated
        self.initiator = initiator
        self.content_type = content_type
        self.metadata = metadata
        self.headers = headers
        self.checksum_algorithm = checksum_algorithm
        self.checksum_type = checksum_type
        # The write options, tags and lock given at creation: the completed object's.
        self.options = options
        self.tags = tags
        self.retention = retention
        self.legal_hold = legal_hold
        # The key's current entry when the upload began: a conditional completion is
        # refused once another write or delete of the key came in between.
        self.replaces = replaces
        self.parts: dict[int, Part] = {}

    def upload_part(
        self, number: int, body: bytes, *, now: _dt.datetime, checksum: Checksum | None = None
    ) -> Part:
        """Store a part; one already under ``number`` is replaced."""
        if not 1 <= number <= MAX_PART_NUMBER:
            raise ValueError(f"part number {number} is outside 1..{MAX_PART_NUMBER}")
        part = Part(number, body, etag_of(body), now, checksum)
        keep_item(self.parts, number)
        self.parts[number] = part
        return part

    def key_written_since(self, current: Entry | None) -> bool:
        """Whether ``current`` (the key's current entry now) came from a write or delete
        after the upload began. LocalStack's recorded CompleteMultipartUpload with
        If-Match / If-None-Match (facts-copy-multipart.md 6.2, 6.3): even a rewrite with
        the same ETag counts. A tag or retention change is no write: it keeps the
        entry's version id, time and ETag, which are compared (so, on a frozen clock, an
        unversioned rewrite of identical bytes goes unnoticed)."""
        before = self.replaces
        if current is None or before is None:
            return current is not before
        return not (current is before or (
            type(current) is type(before)
            and current.version_id == before.version_id
            and current.last_modified == before.last_modified
            and getattr(current, "etag", None) == getattr(before, "etag", None)
        ))

    def list_parts(self, *, after: int = 0, max_parts: int = 1000) -> PartPage:
        numbers = sorted(number for number in self.parts if number > after)
        shown = numbers[:max_parts]
        return PartPage([self.parts[number] for number in shown], len(numbers) > len(shown))

    def assemble(self, requested: Sequence[RequestedPart]) -> Assembled | Rejected:
        """The object the requested parts make, or why S3 refuses to complete."""
        if not requested:
            return Rejected(Rejection.NO_PARTS)
        numbers = [entry.number for entry in requested]
        if any(later <= earlier for earlier, later in itertools.pairwise(numbers)):
            return Rejected(Rejection.NOT_ASCENDING)
        chosen = []
        for index, entry in enumerate(requested):
            part = self.parts.get(entry.number)
            etag = entry.etag.strip('"')
            if part is None or part.etag.strip('"') != etag:
                return Rejected(Rejection.NOT_FOUND, entry.number, etag)
            problem = self._checksum_problem(part, entry, etag)
            if problem is not None:
                return problem
            if index < len(requested) - 1 and part.size < MIN_PART_SIZE:
                return Rejected(Rejection.TOO_SMALL, entry.number, etag, part.size)
            chosen.append(part)
        return Assembled(tuple(chosen), multipart_etag(chosen))

    def _checksum_problem(self, part: Part, entry: RequestedPart, etag: str) -> Rejected | None:
        """Part checksums in the request must be the upload's algorithm and match; a
        composite-checksum upload needs one for every part."""
        algorithm = self.checksum_algorithm
        if algorithm is None:
            return Rejected(Rejection.NOT_FOUND, entry.number, etag) if entry.checksums else None
        value = entry.checksums.get(algorithm)
        if value is None:
            others = sorted(name for name in entry.checksums if name != algorithm)
            if others:
                return Rejected(Rejection.OTHER_ALGORITHM, entry.number, etag, algorithm=others[0])
            if self.checksum_type == COMPOSITE:
                return Rejected(Rejection.CHECKSUM_MISSING, entry.number, etag, algorithm=algorithm)
            return None
        if part.checksum is None or part.checksum.value != value:
            return Rejected(Rejection.NOT_FOUND, entry.number, etag)
        return None


def part_sizes(version: ObjectVersion) -> tuple[int, ...]:
    """The sizes of the parts of an object a multipart upload made; empty otherwise."""
    return version.options.part_sizes if version.options is not None else ()


def part_window(version: ObjectVersion, number: int) -> tuple[int, int] | None:
    """The first and last byte offsets of part ``number`` (an object not made by a
    multipart upload is one part), or None when the object has no such part."""
    sizes = part_sizes(version) or (version.size,)
    if not 1 <= number <= len(sizes):
        return None
    first = sum(sizes[: number - 1])
    return first, first + sizes[number - 1] - 1


@dataclass(frozen=True, slots=True)
class UploadPage:
    uploads: list[MultipartUpload]
    common_prefixes: list[str]
    is_truncated: bool
    next_key_marker: str  # "" when nothing was listed
    next_upload_id_marker: str


class Uploads:
    """A bucket's in-progress multipart uploads, by upload id."""

    def __init__(self) -> None:
        self._uploads: dict[str, MultipartUpload] = {}
        self._initiated = 0

    def _next_id(self) -> str:
        """S3-shaped (``[A-Za-z0-9_-]``, 76 characters) and sorting in initiation order."""
        self._initiated += 1
        return f"{self._initiated:012x}{secrets.token_urlsafe(48)}"

    def initiate(self, key: str, **settings: Any) -> MultipartUpload:
        """A new upload under a fresh id; ``settings`` are MultipartUpload's keywords."""
        upload = MultipartUpload(self._next_id(), key, **settings)
        keep_item(self._uploads, upload.upload_id)
        self._uploads[upload.upload_id] = upload
        return upload

    def get(self, upload_id: str, key: str) -> MultipartUpload | None:
        """The upload, if it is in progress and is for ``key``."""
        upload = self._uploads.get(upload_id)
        return upload if upload is not None and upload.key == key else None

    def remove(self, upload_id: str) -> MultipartUpload | None:
        """Completion or abort: the upload is gone, and its parts with it."""
        keep_item(self._uploads, upload_id)
        return self._uploads.pop(upload_id, None)

    def __iter__(self) -> Iterator[MultipartUpload]:
        """By key, then by initiation."""
        return iter(sorted(self._uploads.values(), key=lambda u: (u.key, u.upload_id)))

    def __len__(self) -> int:
        return len(self._uploads)

    def page(
        self,
        *,
        prefix: str = "",
        delimiter: str = "",
        key_marker: str = "",
        upload_id_marker: str = "",
        max_uploads: int = 1000,
    ) -> UploadPage:
        """One ListMultipartUploads page; a common prefix counts as one entry."""
        uploads: list[MultipartUpload] = []
        prefixes: list[str] = []
        last = ("", "")
        for upload in self:
            if not upload.key.startswith(prefix) or not _after(upload, key_marker, upload_id_marker):
                continue
            common = _common_prefix(upload.key, prefix, delimiter)
            if common is not None and (common in prefixes[-1:] or key_marker.startswith(common)):
                continue
            if len(uploads) + len(prefixes) >= max_uploads:
                return UploadPage(uploads, prefixes, True, *last)
            if common is not None:
                prefixes.append(common)
                last = (common, "")
            else:
                uploads.append(upload)
                last = (upload.key, upload.upload_id)
        return UploadPage(uploads, prefixes, False, *last)


def _after(upload: MultipartUpload, key_marker: str, upload_id_marker: str) -> bool:
    """Whether ``upload`` comes after the markers (an id marker needs a key marker)."""
    if not key_marker:
        return True
    if upload.key != key_marker:
        return upload.key > key_marker
    return bool(upload_id_marker) and upload.upload_id > upload_id_marker


def _common_prefix(key: str, prefix: str, delimiter: str) -> str | None:
    if not delimiter:
        return None
    before, found, _ = key[len(prefix):].partition(delimiter)
    return prefix + before + delimiter if found else None
