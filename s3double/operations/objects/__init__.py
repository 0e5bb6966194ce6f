"""Objects: PutObject, GetObject, HeadObject, CopyObject, DeleteObject, DeleteObjects,
and object tagging."""

from . import copy, delete, delete_objects, put, read, tagging  # noqa: F401  (declarations)
