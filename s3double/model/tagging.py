"""Tag sets: the rules S3 applies to an object's tags.

S3 user guide, "Categorizing your storage using tags": at most 10 tags per object;
keys of 1 to 128 Unicode characters and values of up to 256, made of letters,
numbers, spaces and ``_ . : / = + - @``; keys are unique within a set and may not
begin with ``aws:``. S3's answers to each broken rule are recorded in
tests/data/aws/facts-tagging.md; the operation layer turns a ``TagProblem`` into them.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

MAX_OBJECT_TAGS = 10
MAX_KEY_LENGTH = 128
MAX_VALUE_LENGTH = 256
SYSTEM_PREFIX = "aws:"
_PUNCTUATION = frozenset("_.:/=+-@")

Tag = tuple[str, str]


class TagReason(enum.Enum):
    TOO_MANY = "too many"
    DUPLICATE_KEY = "duplicate key"
    INVALID_KEY = "invalid key"
    INVALID_VALUE = "invalid value"
    SYSTEM_KEY = "system key"


@dataclass(frozen=True, slots=True)
class TagProblem:
    reason: TagReason
    key: str = ""
    value: str = ""


def _allowed(text: str) -> bool:
    """Letters, numbers, separator spaces (``\\p{L}\\p{Z}\\p{N}``) and ``_ . : / = + - @``."""
    return all(
        char in _PUNCTUATION or unicodedata.category(char)[0] in ("L", "N", "Z")
        for char in text
    )


def tag_set_problem(tags: Sequence[Tag], *, limit: int = MAX_OBJECT_TAGS) -> TagProblem | None:
    """The first rule ``tags`` breaks, in the order S3 checks them, or None."""
    if len(tags) > limit:
        return TagProblem(TagReason.TOO_MANY)
    seen: set[str] = set()
    for key, value in tags:
        if key in seen:
            return TagProblem(TagReason.DUPLICATE_KEY, key)
        seen.add(key)
        if not 1 <= len(key) <= MAX_KEY_LENGTH or not _allowed(key):
            return TagProblem(TagReason.INVALID_KEY, key)
        if key.startswith(SYSTEM_PREFIX):
            return TagProblem(TagReason.SYSTEM_KEY, key)
        if len(value) > MAX_VALUE_LENGTH or not _allowed(value):
            return TagProblem(TagReason.INVALID_VALUE, key, value)
    return None
