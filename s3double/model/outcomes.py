"""What a delete did to one key: ``Deleted`` or ``Refused``, with the reason as data.

The model never chooses a wire error code: each operation maps a ``Refusal`` to its
own answer (a bad version id is 400 InvalidArgument on DeleteObject but a per-key
NoSuchVersion inside a 200 DeleteObjects).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Refusal(enum.Enum):
    VERSION_NOT_FOUND = "version-not-found"  # a version id the bucket never issued
    RETENTION = "retention"  # COMPLIANCE, or GOVERNANCE without the bypass
    LEGAL_HOLD = "legal-hold"
    PRECONDITION_FAILED = "precondition-failed"  # a conditional delete's condition
    NO_SUCH_KEY = "no-such-key"  # an ETag condition on a key with no current object


@dataclass(frozen=True, slots=True)
class Deleted:
    """A successful delete of one key.

    ``version_id`` is the version removed for good (only when one was named);
    ``delete_marker`` says a marker was created, or the removed entry was one;
    ``delete_marker_version_id`` is that marker's id.
    """

    key: str
    version_id: str | None = None
    delete_marker: bool = False
    delete_marker_version_id: str | None = None


@dataclass(frozen=True, slots=True)
class Refused:
    key: str
    version_id: str | None
    reason: Refusal


Outcome = Deleted | Refused
