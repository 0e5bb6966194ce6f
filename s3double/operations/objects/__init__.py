"""Objects: PutObject, GetObject, HeadObject, CopyObject, DeleteObject, DeleteObjects,
object tagging and ACLs, GetObjectAttributes and RestoreObject."""

from . import (  # noqa: F401  (declarations)
    acl,
    attributes,
    copy,
    delete,
    delete_objects,
    put,
    read,
    restore,
    tagging,
)
