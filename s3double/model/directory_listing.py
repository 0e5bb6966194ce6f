"""ListObjectsV2 on a directory bucket: one page, in no lexicographic order.

S3 user guide, "Differences for directory buckets": ListObjectsV2 "does not return
objects in lexicographical (alphabetical) order"; prefixes must end in the delimiter
and only ``/`` may be the delimiter (the operation checks those); with a delimiter,
the common prefixes include those that exist only because of in-progress multipart
uploads.

The order here is fixed but deliberately not alphabetical: keys and common prefixes
sort by the MD5 of their name. Code that relies on alphabetical listings (taking
the last key as the newest, say) fails against the double as it would against S3.
A page resumes after the name its continuation token carries.
"""

from __future__ import annotations

import hashlib

from .bucket import Bucket
from .listing import KeyPage
from .versions import ObjectVersion


def listing_position(name: str) -> tuple[str, str]:
    """Where ``name`` (a key or a common prefix) stands in a directory listing."""
    return hashlib.md5(name.encode("utf-8", "surrogatepass")).hexdigest(), name


def list_directory(
    bucket: Bucket, *, prefix: str = "", delimiter: str = "", after: str | None = None,
    max_keys: int = 1000,
) -> KeyPage:
    """Current objects and common prefixes under ``prefix``, one page, resuming after
    the entry named ``after``."""
    names = _names(bucket, prefix, delimiter)
    ordered = sorted(names, key=listing_position)
    if after is not None:
        start = listing_position(after)
        ordered = [name for name in ordered if listing_position(name) > start]
    page = KeyPage()
    for name in ordered[:max(max_keys, 0)]:
        entry = names[name]
        if entry is None:
            page.common_prefixes.append(name)
        else:
            page.objects.append(entry)
        page.last = name
    page.is_truncated = len(ordered) > max(max_keys, 0)
    return page


def _names(bucket: Bucket, prefix: str, delimiter: str) -> dict[str, ObjectVersion | None]:
    """Every key (its object) and common prefix (None) the listing holds."""
    names: dict[str, ObjectVersion | None] = {}
    for key in bucket.objects.index.walk(prefix, inclusive=True):
        if not key.startswith(prefix):
            break
        current = bucket.current(key)
        if not isinstance(current, ObjectVersion):
            continue
        rolled = _rolled_up(key, prefix, delimiter)
        if rolled is None:
            names[key] = current
        else:
            names[rolled] = None
    for upload in bucket.uploads:
        rolled = _rolled_up(upload.key, prefix, delimiter) if upload.key.startswith(prefix) else None
        if rolled is not None:
            names.setdefault(rolled, None)
    return names


def _rolled_up(key: str, prefix: str, delimiter: str) -> str | None:
    if not delimiter:
        return None
    cut = key.find(delimiter, len(prefix))
    return key[: cut + len(delimiter)] if cut >= 0 else None
