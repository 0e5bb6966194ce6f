"""Part numbers: UploadPart's and UploadPartCopy's, and ``partNumber`` on GetObject and
HeadObject, which reads one part of an object.

S3's answers (tests/data/aws/facts-copy-multipart.md section 4): a part number outside
1 to 10,000 is 400 InvalidArgument (recorded for UploadPart; GetObject's is not
recorded and assumed the same); ``partNumber`` with a Range header is 400
InvalidRequest; a part the object does not have is 416 InvalidPartNumber with
``PartNumberRequested`` and ``ActualPartCount`` (an object not made by a multipart
upload has one part).
"""

from __future__ import annotations

from dataclasses import dataclass

from ... import values
from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.uploads import MAX_PART_NUMBER, part_sizes, part_window
from ...model.versions import ObjectVersion
from ..request import S3Request

PART_NUMBER = "partNumber"
PARTS_COUNT = "x-amz-mp-parts-count"


def part_number(request: S3Request) -> int:
    """The request's ``partNumber``, 1 to 10,000."""
    value = request.query.get(PART_NUMBER, "")
    number = values.whole_number(value)
    if number is None or not 1 <= number <= MAX_PART_NUMBER:
        raise invalid_argument(Message.PART_NUMBER_RANGE, PART_NUMBER, value)
    return number


@dataclass(frozen=True, slots=True)
class PartRead:
    """The bytes of the part a read names, and the object's part count (None for an
    object not made by a multipart upload: S3 then sends no ``x-amz-mp-parts-count``)."""

    first: int
    last: int
    parts_count: int | None


def requested_part(version: ObjectVersion, request: S3Request) -> PartRead | None:
    """The part ``?partNumber=`` names, or None when the read names none."""
    if PART_NUMBER not in request.query:
        return None
    if "range" in request.headers:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.RANGE_WITH_PART_NUMBER)
    number = part_number(request)
    sizes = part_sizes(version)
    window = part_window(version, number)
    if window is None:
        raise S3Error(
            ErrorCode.INVALID_PART_NUMBER,
            PartNumberRequested=str(number), ActualPartCount=str(len(sizes) or 1),
        )
    return PartRead(window[0], window[1], len(sizes) or None)
