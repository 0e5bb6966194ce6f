"""Multipart uploads: create, upload parts, complete or abort, and list them."""

from . import listing, uploads  # noqa: F401  (the declarations)
