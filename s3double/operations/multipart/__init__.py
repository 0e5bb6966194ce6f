"""Multipart uploads: create, upload parts (or copy them), complete or abort, and list them."""

from . import listing, part_copy, uploads  # noqa: F401  (the declarations)
