"""Objects: PutObject, GetObject, HeadObject, CopyObject, DeleteObject, DeleteObjects,
and object tagging."""

from . import copy, delete, delete_objects, put, read  # noqa: F401  (the declarations)
