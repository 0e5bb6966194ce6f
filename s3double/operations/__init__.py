"""S3 operations: an operation name and an ``S3Request`` in, model calls, a result out.

Importing this package registers every operation in ``registry.OPERATIONS``.
Nothing here knows HTTP framing or XML: the wire layer builds the request and
renders the result.
"""

from __future__ import annotations

from . import buckets, delete_objects, listing, locking, objects  # noqa: F401  (registration)
from . import policy  # noqa: F401  (registration)
from . import multipart  # noqa: F401  (registration)
from . import directory  # noqa: F401  (registration)
from .registry import OPERATIONS, run

__all__ = ["OPERATIONS", "run"]
