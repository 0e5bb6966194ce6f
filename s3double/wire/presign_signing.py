"""Presigning while a double is active: URLs and POST forms signed with the double's own
key pair, so presigning needs no credentials and the double can check what it signed.

botocore asks ``choose-signer`` which signature version to presign with. While a double
is active, the answer for a presign request is one of botocore's own S3 signers
(SigV4 or SigV2, query or POST) under an ``s3double-`` name, registered in
``botocore.auth.AUTH_TYPE_MAPS``: the same class, given ``CREDENTIALS`` in place of
whatever the client holds. The key pair lives only in the signer made for that one
presign call: no session, client or environment variable ever holds it, so code
outside the double never sees it, and a client with real credentials keeps them.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from . import current

ACCESS_KEY_ID = "AKIAS3DOUBLEPRESIGN0"
SECRET_ACCESS_KEY = "s3double/presign/secret/0000000000000000"
PREFIX = "s3double-"
# botocore's presign signature versions for S3 (the suffix says the signing type).
PRESIGN_VERSIONS = ("s3v4-query", "s3v4-presign-post", "s3-query", "s3-presign-post")
# What choose-signer is asked with, before botocore's own handler names the S3 signer.
ASKED = {
    "v4-query": "s3v4-query", "v4-presign-post": "s3v4-presign-post",
    **{version: version for version in PRESIGN_VERSIONS},
}


class Credentials(NamedTuple):
    """What botocore's signers read (``ReadOnlyCredentials``' fields)."""

    access_key: str
    secret_key: str
    token: str | None


CREDENTIALS = Credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None)


def choose_presign_signer(
    signature_version: Any = None, context: Any = None, **_: Any
) -> str | None:
    """``choose-signer.s3``: presign with the double's key pair while one is active."""
    if current.active() is None or not isinstance(context, dict):
        return None
    if not context.get("is_presign_request") or signature_version not in ASKED:
        return None
    return PREFIX + ASKED[signature_version]


def _signing_with_double_credentials(base: Any) -> type:
    def __init__(self: Any, **kwargs: Any) -> None:
        kwargs["credentials"] = CREDENTIALS
        base.__init__(self, **kwargs)

    return type(f"S3Double{base.__name__}", (base,), {"__init__": __init__})



def register_signers(auth_type_maps: dict[str, Any]) -> None:
    """Add an ``s3double-`` signer for each presign version to ``auth_type_maps``
    (``botocore.auth.AUTH_TYPE_MAPS``, or a botocore fork's); idempotent."""
    for version in PRESIGN_VERSIONS:
        if PREFIX + version not in auth_type_maps and version in auth_type_maps:
            auth_type_maps[PREFIX + version] = _signing_with_double_credentials(
                auth_type_maps[version]
            )
