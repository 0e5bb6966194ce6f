"""Server-side encryption: SSE-S3, SSE-KMS (and DSSE-KMS) and SSE-C, and the rules on
the values a request gives for them.

S3 user guide, "Protecting data with server-side encryption": every object is
encrypted; SSE-S3 (``AES256``) is the default. SSE-KMS names a KMS key, by id or ARN;
without one S3 uses the account's AWS managed key ``aws/s3`` in the bucket's Region,
the same key for every bucket of that account and Region, and S3 echoes the key's
full ARN (tests/data/aws/facts-encryption.md §3.1, §3.2). SSE-C takes a 256-bit key
from the client with each request; S3 keeps only a digest to check the key a read
gives (§4, §5). There is no KMS here: any well-formed key id or key ARN of the
bucket's Region names a key; aliases other than ``alias/aws/s3`` cannot be resolved.
"""

from __future__ import annotations

import base64
import binascii
import enum
import hashlib
import re
import uuid

SSE_S3 = "AES256"
SSE_KMS = "aws:kms"
DSSE_KMS = "aws:kms:dsse"
ALGORITHMS = (SSE_S3, SSE_KMS, DSSE_KMS)
KMS_ALGORITHMS = (SSE_KMS, DSSE_KMS)
CUSTOMER_ALGORITHM = "AES256"  # the only SSE-C algorithm
MANAGED_KEY_ALIAS = "alias/aws/s3"
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_KEY_ARN = re.compile(r"arn:(aws[a-z-]*):kms:([a-z0-9-]+):([0-9]{12}):key/(.+)")
_NAMESPACE = uuid.UUID("5f0f4b9c-3d4e-4b8a-9a43-6b1c2e7d5a10")


def partition(region: str) -> str:
    """The ARN partition of a Region."""
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def key_arn(region: str, account_id: str, key_id: str) -> str:
    return f"arn:{partition(region)}:kms:{region}:{account_id}:key/{key_id}"


def managed_key_arn(region: str, account_id: str) -> str:
    """The ARN of the account's AWS managed key ``aws/s3`` in ``region``: one key per
    account and Region, its id stable for the pair."""
    key_id = uuid.uuid5(_NAMESPACE, f"{account_id}:{region}")
    return key_arn(region, account_id, str(key_id))


class KeyIdProblem(enum.Enum):
    INVALID = "invalid"  # neither a key id, a key ARN nor an alias
    OTHER_REGION = "other region"  # a key ARN of another Region
    ALIAS = "alias"  # an alias this double cannot resolve


def resolve_key_id(text: str, region: str, account_id: str) -> str | KeyIdProblem:
    """The full key ARN a request's ``x-amz-server-side-encryption-aws-kms-key-id``
    names, or why it names none."""
    if text == MANAGED_KEY_ALIAS:
        return managed_key_arn(region, account_id)
    if _UUID.fullmatch(text):
        return key_arn(region, account_id, text)
    arn = _KEY_ARN.fullmatch(text)
    if arn is not None:
        if arn.group(2) != region:
            return KeyIdProblem.OTHER_REGION
        return text if _UUID.fullmatch(arn.group(4)) else KeyIdProblem.INVALID
    if text.startswith("alias/") or (text.startswith("arn:") and ":alias/" in text):
        return KeyIdProblem.ALIAS
    return KeyIdProblem.INVALID


def arn_region(text: str) -> str:
    """The Region an ARN names ("" when it is not one)."""
    parts = text.split(":")
    return parts[3] if len(parts) > 3 else ""


class CustomerKeyProblem(enum.Enum):
    """Why S3 refuses SSE-C headers, in the order S3 checks (facts-encryption.md §4)."""

    ALGORITHM = "algorithm"  # not AES256: InvalidEncryptionAlgorithmError
    NO_ALGORITHM = "no algorithm"
    NO_KEY = "no key"
    KEY_SIZE = "key size"  # not 256 bits
    MD5_MISMATCH = "md5 mismatch"


def customer_key_md5(
    algorithm: str | None, key: str | None, key_md5: str | None
) -> str | CustomerKeyProblem:
    """The base64 MD5 of a valid SSE-C key, or why the headers are refused. A missing
    MD5 is computed from the key (botocore always sends one; facts-encryption.md §4)."""
    if algorithm is not None and algorithm != CUSTOMER_ALGORITHM:
        return CustomerKeyProblem.ALGORITHM
    if algorithm is None:
        return CustomerKeyProblem.NO_ALGORITHM
    if key is None:
        return CustomerKeyProblem.NO_KEY
    try:
        raw = base64.b64decode(key, validate=True)
    except (binascii.Error, ValueError):
        return CustomerKeyProblem.KEY_SIZE
    if len(raw) != 32:
        return CustomerKeyProblem.KEY_SIZE
    digest = base64.b64encode(hashlib.md5(raw).digest()).decode()
    if key_md5 is not None and key_md5.strip() != digest:
        return CustomerKeyProblem.MD5_MISMATCH
    return digest
