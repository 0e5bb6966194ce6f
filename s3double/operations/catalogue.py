"""Every served S3 operation's declaration, collected.

Importing this module imports each group, whose ``@operation`` declarations fill
``OPERATIONS``; routing, the 501 check and the README's table (``wire.served_table``) read it here.
"""

from __future__ import annotations

from . import buckets, configuration, listing, locking, multipart, objects  # noqa: F401  (declarations)
from .declaration import OPERATIONS, Operation

GROUPS = ("objects", "multipart", "buckets", "configuration", "listing", "locking")

__all__ = ["GROUPS", "OPERATIONS", "Operation"]
