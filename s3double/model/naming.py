"""S3's rules for general purpose bucket names.

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
