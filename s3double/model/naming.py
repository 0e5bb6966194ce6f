"""S3's rules for bucket names: general purpose buckets, then directory buckets.

S3 user guide, "General purpose bucket naming rules": 3 to 63 characters of
lowercase letters, digits, dots and hyphens; begin and end with a letter or digit;
no two adjacent dots; not shaped like an IP address; not beginning with ``xn--``,
``sthree-`` or ``amzn-s3-demo-``; not ending with ``-s3alias``, ``--ol-s3``,
``.mrap``, ``--x-s3`` or ``--table-s3``.
"""

from __future__ import annotations

import re

_SHAPE = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_IP_ADDRESS = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")
_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")


def is_valid_bucket_name(name: str) -> bool:
    return (
        _SHAPE.fullmatch(name) is not None
        and ".." not in name
        and _IP_ADDRESS.fullmatch(name) is None
        and not name.startswith(_RESERVED_PREFIXES)
        and not name.endswith(_RESERVED_SUFFIXES)
    )


# S3 user guide, "Directory bucket naming rules": ``base-name--zone-id--x-s3``, 3 to 63
# characters in all, of lowercase letters, digits and hyphens, beginning and ending
# with a letter or digit; the general purpose reserved prefixes apply too. A zone id
# names an Availability Zone (``usw2-az1``) or a Local Zone (``usw2-lax1-az1``); its
# first part abbreviates the Region (``usw2`` is us-west-2).
_DIRECTORY_SUFFIX = "--x-s3"
_ZONE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*-az\d+")
_REGIONAL_ZONE_ID = re.compile(
    r"(?P<region>[a-z]{2}(?:ne|nw|se|sw|e|w|n|s|c)\d+)(?:-[a-z0-9]+)*-az\d+"
)
_BASE_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_DIRECTIONS = {
    "e": "east", "w": "west", "n": "north", "s": "south", "c": "central",
    "ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest",
}


def directory_bucket_zone(name: str) -> str | None:
    """The zone id a valid directory bucket name ends with, or None for any other name."""
    if not 3 <= len(name) <= 63 or not name.endswith(_DIRECTORY_SUFFIX):
        return None
    base, separator, zone = name[: -len(_DIRECTORY_SUFFIX)].rpartition("--")
    if not separator or _ZONE_ID.fullmatch(zone) is None or _BASE_NAME.fullmatch(base) is None:
        return None
    if base.startswith(_RESERVED_PREFIXES):
        return None
    return zone


def region_of_zone(zone_id: str) -> str | None:
    """The Region a zone id belongs to: ``usw2-az1`` -> ``us-west-2`` (None when the
    zone id names no Region)."""
    found = _REGIONAL_ZONE_ID.fullmatch(zone_id)
    if found is None:
        return None
    abbreviation = found.group("region")
    area, rest = abbreviation[:2], abbreviation[2:]
    direction = rest.rstrip("0123456789")
    return f"{area}-{_DIRECTIONS[direction]}-{rest[len(direction):]}"
