"""Browser-based uploads: a ``multipart/form-data`` POST to a bucket (``PostObject``), as
``generate_presigned_post`` prepares it, checked as S3 checks it.

S3's rules ("Browser-based uploads using POST" and "POST Policy" in the S3 API
reference; LocalStack's recordings of AWS, tests/data/aws/facts-presigned.md):

* the form carries ``key`` and exactly one ``file`` (fields after the file are ignored);
* a signed form carries all of its signature fields (V4: ``X-Amz-Algorithm``,
  ``X-Amz-Credential``, ``X-Amz-Date``, ``X-Amz-Signature``; V2: ``AWSAccessKeyId``,
  ``Signature``) and the ``policy`` they sign; a form with none is anonymous (403);
* the policy's ``expiration`` has not passed (by the double's clock), and each of its
  conditions holds: exact matches (``{"acl": "private"}``, ``["eq", "$key", "a"]``),
  ``["starts-with", "$key", "user/"]`` and ``["content-length-range", min, max]``;
* every form field but ``policy``, the signature, ``file`` and ``x-ignore-*`` is named by
  a condition ("Extra input fields").

The object is then written as PutObject writes it; the call is recorded as
``PostObject``. S3 answers 204, or ``success_action_status`` (200, or 201 with a
``PostResponse`` document).
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import hashlib
import hmac
import json
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

from ..errors import ErrorCode, Message, S3Error, invalid_argument
from ..operations.request import S3Request
from .endpoints import S3Location
from .presign_signing import ACCESS_KEY_ID, SECRET_ACCESS_KEY
from .presigned import signing_key_v4
from .render import Rendered
from .request import request_from_parts

V4_FIELDS = ("x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature")
V2_FIELDS = ("awsaccesskeyid", "signature")
FIELD_NAMES = {
    "x-amz-algorithm": "X-Amz-Algorithm", "x-amz-credential": "X-Amz-Credential",
    "x-amz-date": "X-Amz-Date", "x-amz-signature": "X-Amz-Signature",
    "awsaccesskeyid": "AWSAccessKeyId", "signature": "Signature", "key": "key",
}
NOT_CHECKED = frozenset({"policy", "x-amz-signature", "signature", "awsaccesskeyid", "file"})
# Form fields that are not object headers.
CONTROL_FIELDS = NOT_CHECKED | {
    "key", "bucket", "success_action_status", "success_action_redirect", "redirect",
    "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-security-token", "tagging",
}


class Form(NamedTuple):
    fields: dict[str, str]  # lower-case names
    file: bytes | None
    filename: str


def parse_form(content_type: str, body: bytes) -> Form:
    """The fields and file of a multipart/form-data body (fields after the file ignored)."""
    boundary = _boundary(content_type)
    if boundary is None:
        raise S3Error(ErrorCode.PRECONDITION_FAILED, Condition=Message.POST_NOT_MULTIPART)
    fields: dict[str, str] = {}
    for part in body.split(b"--" + boundary)[1:]:
        if part.startswith(b"--"):
            break
        head, _, content = part.partition(b"\r\n\r\n")
        name, filename = _disposition(head.decode("utf-8", "replace"))
        content = content[:-2] if content.endswith(b"\r\n") else content
        if name is None:
            continue
        if name.lower() == "file":
            return Form(fields, content, filename or "")
        fields[name.lower()] = content.decode("utf-8", "replace")
    return Form(fields, None, "")


def _boundary(content_type: str) -> bytes | None:
    kind, _, parameters = content_type.partition(";")
    if kind.strip().lower() != "multipart/form-data":
        return None
    for parameter in parameters.split(";"):
        name, _, value = parameter.strip().partition("=")
        if name.lower() == "boundary" and value:
            return value.strip('"').encode()
    return None


def _disposition(head: str) -> tuple[str | None, str | None]:
    for line in head.split("\r\n"):
        name, _, value = line.partition(":")
        if name.strip().lower() != "content-disposition":
            continue
        found: dict[str, str] = {}
        for item in value.split(";")[1:]:
            key, _, raw = item.strip().partition("=")
            found[key.lower()] = raw.strip('"')
        return found.get("name"), found.get("filename")
    return None, None


# -- the checks --------------------------------------------------------------------------


def _signature_kind(fields: dict[str, str]) -> str:
    """"v4" or "v2", when the form carries every field of one; S3's error otherwise."""
    for kind, names in (("v4", V4_FIELDS), ("v2", V2_FIELDS)):
        if any(name in fields for name in names):
            for name in (*names, "policy"):
                if name not in fields:
                    label = FIELD_NAMES.get(name, name)
                    raise invalid_argument(Message.POST_FIELD_MISSING.format(name=label), label, None)
            return kind
    raise S3Error(ErrorCode.ACCESS_DENIED)


def check_signature(fields: dict[str, str]) -> None:
    kind = _signature_kind(fields)
    policy = fields["policy"]
    if kind == "v4":
        access_key, _, scope = fields["x-amz-credential"].partition("/")
        provided = fields["x-amz-signature"]
        key = signing_key_v4(SECRET_ACCESS_KEY, scope)
        expected = hmac.new(key, policy.encode(), hashlib.sha256).hexdigest()
    else:
        access_key, provided = fields["awsaccesskeyid"], fields["signature"]
        digest = hmac.new(SECRET_ACCESS_KEY.encode(), policy.encode(), hashlib.sha1).digest()
        expected = base64.b64encode(digest).decode()
    if access_key != ACCESS_KEY_ID:
        raise S3Error(ErrorCode.INVALID_ACCESS_KEY_ID, AWSAccessKeyId=access_key)
    if not hmac.compare_digest(expected, provided):
        raise S3Error(
            ErrorCode.SIGNATURE_DOES_NOT_MATCH, AWSAccessKeyId=access_key, StringToSign=policy,
            SignatureProvided=provided,
        )


def read_policy(encoded: str) -> dict[str, Any]:
    try:
        policy = json.loads(base64.b64decode(encoded, validate=True))
    except (ValueError, binascii.Error):
        policy = None
    if not isinstance(policy, dict):
        raise S3Error(ErrorCode.INVALID_POLICY_DOCUMENT)
    return policy


def check_expiration(policy: dict[str, Any], now: _dt.datetime) -> None:
    text = str(policy.get("expiration", ""))
    try:
        expiration = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise S3Error(ErrorCode.INVALID_POLICY_DOCUMENT) from None
    if expiration.tzinfo is None:
        expiration = expiration.replace(tzinfo=_dt.timezone.utc)
    if now > expiration:
        raise S3Error(ErrorCode.ACCESS_DENIED, Message.POST_POLICY_EXPIRED)


def check_conditions(policy: dict[str, Any], fields: dict[str, str], bucket: str, size: int) -> None:
    """Every condition holds and every form field is named by one."""
    named: set[str] = set()
    values = {**fields, "bucket": bucket}
    for condition in policy.get("conditions", []):
        named.add(_check_condition(condition, values, size))
    extra = [name for name in fields if name not in NOT_CHECKED | named and not name.startswith("x-ignore-")]
    if extra:
        raise S3Error(ErrorCode.ACCESS_DENIED, Message.POST_EXTRA_FIELDS.format(fields=", ".join(extra)))


def _check_condition(condition: Any, values: dict[str, str], size: int) -> str:
    """The field the condition names, once it holds."""
    if isinstance(condition, dict):
        if len(condition) != 1:
            raise S3Error(ErrorCode.INVALID_POLICY_DOCUMENT)
        name, value = next(iter(condition.items()))
        condition = ["eq", "$" + str(name), value]
    if not isinstance(condition, list) or len(condition) != 3:
        raise S3Error(ErrorCode.INVALID_POLICY_DOCUMENT)
    operator, subject, value = condition
    if operator == "content-length-range":
        _check_size(condition, subject, value, size)
        return ""
    name = str(subject).lower()
    held = name.startswith("$") and name[1:] in values and (
        (operator == "eq" and values[name[1:]] == str(value))
        or (operator == "starts-with" and values[name[1:]].startswith(str(value)))
    )
    if not held:
        failed = Message.POST_CONDITION_FAILED.format(condition=json.dumps(condition))
        raise S3Error(ErrorCode.ACCESS_DENIED, failed)
    return name[1:]


def _check_size(condition: list[Any], low: Any, high: Any, size: int) -> None:
    try:
        minimum, maximum = int(low), int(high)
    except (TypeError, ValueError):
        failed = Message.POST_CONDITION_FAILED.format(condition=json.dumps(condition))
        raise S3Error(ErrorCode.ACCESS_DENIED, failed) from None
    if size < minimum:
        raise S3Error(ErrorCode.ENTITY_TOO_SMALL, ProposedSize=str(size), MinSizeAllowed=str(minimum))
    if size > maximum:
        raise S3Error(ErrorCode.ENTITY_TOO_LARGE, ProposedSize=str(size), MaxSizeAllowed=str(maximum))


# -- the request and the answer ------------------------------------------------------------


def build_put(location: S3Location, url: str, form: Form, now: _dt.datetime) -> S3Request:
    """The PutObject the form asks for, once S3's checks pass (S3Error otherwise)."""
    fields = form.fields
    if not fields.get("key"):
        raise invalid_argument(Message.POST_FIELD_MISSING.format(name="key"), "key", "")
    if form.file is None:
        raise invalid_argument(Message.POST_FILE_MISSING, "file", None)
    check_signature(fields)
    policy = read_policy(fields["policy"])
    check_expiration(policy, now)
    check_conditions(policy, fields, location.bucket or "", len(form.file))
    key = fields["key"].replace("${filename}", form.filename)
    headers = {name: value for name, value in fields.items() if name not in CONTROL_FIELDS}
    if "acl" in headers:
        headers["x-amz-acl"] = headers.pop("acl")
    headers.setdefault("content-type", "binary/octet-stream")
    return request_from_parts(
        "PutObject", "PUT", location.bucket, key, "", headers, form.file, region=location.region, url=url,
    )


def answer(fields: dict[str, str], location: S3Location, key: str, rendered: Rendered) -> Rendered:
    """S3's answer to a successful POST: 204, ``success_action_status`` or a redirect."""
    headers = rendered[1]
    etag = headers.get("ETag", "")
    where = f"https://{location.host}/{'' if location.virtual else f'{location.bucket}/'}{key}"
    headers = {**headers, "Location": where}
    redirect = fields.get("success_action_redirect") or fields.get("redirect")
    if redirect:
        separator = "&" if "?" in redirect else "?"
        target = f"{redirect}{separator}bucket={location.bucket}&key={key}&etag={etag}"
        return 303, {**headers, "Location": target, "Content-Length": "0"}, b""
    wanted = fields.get("success_action_status")
    if wanted == "201":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>'
            f"<Location>{escape(where)}</Location><Bucket>{escape(location.bucket or '')}</Bucket>"
            f"<Key>{escape(key)}</Key><ETag>{escape(etag)}</ETag></PostResponse>"
        ).encode()
        return 201, {**headers, "Content-Type": "application/xml", "Content-Length": str(len(body))}, body
    return (200 if wanted == "200" else 204), {**headers, "Content-Length": "0"}, b""
