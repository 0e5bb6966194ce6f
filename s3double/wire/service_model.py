"""botocore's S3 service model: the truth about every S3 operation's HTTP shape.

Loaded once, when first needed (about 100 ms), unless a botocore client hands it
over first: the hook adopts the model of the first client it sees, which botocore
has already loaded, so in-process use never pays for a second copy.
"""

from __future__ import annotations

import threading
from typing import Any

_MODEL: list[Any] = []
_LOCK = threading.Lock()


def adopt(model: Any) -> None:
    """Use ``model`` (a botocore ``ServiceModel`` for S3) if none is loaded yet."""
    if not _MODEL and getattr(model, "service_name", None) == "s3":
        with _LOCK:
            if not _MODEL:
                _MODEL.append(model)


def s3_model() -> Any:
    """botocore's ``ServiceModel`` for S3."""
    if not _MODEL:
        with _LOCK:
            if not _MODEL:
                from botocore.loaders import create_loader
                from botocore.model import ServiceModel

                _MODEL.append(
                    ServiceModel(create_loader().load_service_model("s3", "service-2"), "s3")
                )
    return _MODEL[0]


def operation_model(name: str) -> Any:
    """botocore's ``OperationModel`` for the S3 operation ``name``."""
    return s3_model().operation_model(name)


def request_members(name: str) -> dict[str, str]:
    """The operation's request members by wire name: a header (lower-case) or query
    parameter -> its botocore member name; a header prefix (``x-amz-meta-*``) too."""
    shape = operation_model(name).input_shape
    members: dict[str, str] = {}
    if shape is None:
        return members
    for member, member_shape in shape.members.items():
        serialization = member_shape.serialization
        location, wire = serialization.get("location"), serialization.get("name", member)
        if location == "header":
            members[wire.lower()] = member
        elif location == "headers":
            members[wire.lower() + "*"] = member
        elif location == "querystring":
            members[wire] = member
    return members
