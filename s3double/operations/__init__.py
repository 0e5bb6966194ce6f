"""S3 operations: an operation name and an ``S3Request`` in, model calls, a result out.

Each operation is declared once (``declaration.operation``) in the folder of its S3
group: ``objects``, ``multipart``, ``buckets`` (with their configurations),
``listing`` and ``locking``; ``common`` holds the checks they share. Nothing here
knows HTTP framing or XML: the wire layer builds the request and writes the result.
"""

from __future__ import annotations

from .catalogue import OPERATIONS
from .declaration import COMMON_HEADERS, INTEGRITY_HEADERS
from .dispatch import run

__all__ = ["COMMON_HEADERS", "INTEGRITY_HEADERS", "OPERATIONS", "run"]
