"""Body integrity: Content-MD5 and the x-amz-checksum-* headers, checked as S3 checks them.

S3 user guide, "Checking object integrity": the supported full-object checksums are
CRC32, CRC32C, CRC64NVME, SHA1 and SHA256, sent base64-encoded in
``x-amz-checksum-<algorithm>`` (or in an aws-chunked trailer of that name).
CRC32C and CRC64NVME are computed here in pure Python unless ``awscrt`` is present.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import zlib
from collections.abc import Callable

from ...errors import ErrorCode, Message, S3Error
from ...model.versions import Checksum
from ..request import S3Request


def _table(polynomial: int, width: int) -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ polynomial if crc & 1 else crc >> 1
        table.append(crc & ((1 << width) - 1))
    return table


_CRC32C_TABLE = _table(0x82F63B78, 32)
_CRC64NVME_TABLE = _table(0x9A6C9329AC4BC9B5, 64)


def _reflected_crc(table: list[int], mask: int) -> Callable[[bytes], int]:
    def crc(data: bytes) -> int:
        value = mask
        for byte in data:
            value = table[(value ^ byte) & 0xFF] ^ (value >> 8)
        return value ^ mask

    return crc


_crc32c_py = _reflected_crc(_CRC32C_TABLE, 0xFFFFFFFF)
_crc64nvme_py = _reflected_crc(_CRC64NVME_TABLE, 0xFFFFFFFFFFFFFFFF)

_crc32c: Callable[[bytes], int]
_crc64nvme: Callable[[bytes], int]
try:  # the AWS CRT is much faster on large bodies; botocore uses it when installed
    from awscrt import checksums as _crt

    _crc32c = lambda data: int(_crt.crc32c(data))  # noqa: E731
    _crc64nvme = lambda data: int(_crt.crc64nvme(data))  # noqa: E731

except Exception:  # pragma: no cover - depends on the environment
    _crc32c, _crc64nvme = _crc32c_py, _crc64nvme_py


def _digest_crc32(data: bytes) -> bytes:
    return zlib.crc32(data).to_bytes(4, "big")


DIGESTS: dict[str, Callable[[bytes], bytes]] = {
    "CRC32": _digest_crc32,
    "CRC32C": lambda data: _crc32c(data).to_bytes(4, "big"),
    "CRC64NVME": lambda data: _crc64nvme(data).to_bytes(8, "big"),
    "SHA1": lambda data: hashlib.sha1(data).digest(),
    "SHA256": lambda data: hashlib.sha256(data).digest(),
}
DIGEST_SIZES = {"CRC32": 4, "CRC32C": 4, "CRC64NVME": 8, "SHA1": 20, "SHA256": 32}
ANNOUNCED = "x-amz-sdk-checksum-algorithm"
CHECKSUM_HEADERS = {f"x-amz-checksum-{name.lower()}": name for name in DIGESTS}


def checksum_of(algorithm: str, data: bytes) -> str:
    return base64.b64encode(DIGESTS[algorithm](data)).decode()


def _decoded(value: str, size: int) -> bytes | None:
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == size else None


def verify_content_md5(request: S3Request) -> bool:
    """Check Content-MD5 if sent; whether it was sent."""
    value = request.headers.get("content-md5")
    if value is None:
        return False
    expected = _decoded(value.strip(), 16)
    if expected is None:
        invalid = S3Error(ErrorCode.INVALID_DIGEST)
        invalid.fields["Content-MD5"] = value
        raise invalid
    calculated = hashlib.md5(request.body).digest()
    if calculated != expected:
        raise S3Error(
            ErrorCode.BAD_DIGEST,
            ExpectedDigest=expected.hex(),
            CalculatedDigest=base64.b64encode(calculated).decode(),
        )
    return True


def verify_checksum(request: S3Request) -> Checksum | None:
    """Check the one x-amz-checksum-* value sent (header or trailer) against the body."""
    sent = [(header, name) for header, name in CHECKSUM_HEADERS.items() if header in request.headers]
    announced = request.headers.get(ANNOUNCED)
    if announced is not None and announced.upper() not in DIGESTS:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.HEADER_VALUE_INVALID.format(header=ANNOUNCED))
    if not sent:
        if announced is not None:
            raise S3Error(ErrorCode.INVALID_REQUEST, Message.CHECKSUM_NOT_SENT)
        return None
    if len(sent) > 1:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.MULTIPLE_CHECKSUMS)
    header, algorithm = sent[0]
    if announced is not None and announced.upper() != algorithm:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.HEADER_VALUE_INVALID.format(header=ANNOUNCED))
    value = request.headers[header].strip()
    expected = _decoded(value, DIGEST_SIZES[algorithm])
    if expected is None:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.HEADER_VALUE_INVALID.format(header=header))
    if DIGESTS[algorithm](request.body) != expected:
        raise S3Error(ErrorCode.BAD_DIGEST, Message.CHECKSUM_MISMATCH.format(algorithm=algorithm))
    return Checksum(algorithm, value)


def require_integrity(request: S3Request) -> Checksum | None:
    """Operations whose body S3 refuses without Content-MD5 or a checksum (DeleteObjects)."""
    has_md5 = verify_content_md5(request)
    checksum = verify_checksum(request)
    if not has_md5 and checksum is None:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.INTEGRITY_REQUIRED)
    return checksum
