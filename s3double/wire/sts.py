"""STS GetCallerIdentity, answered by the active double.

S3 code often asks STS who it is, for the account id that names its buckets
(``f"reports-{account}"``). The double answers for its ``account_id``, as an IAM
user, in STS's query-protocol XML, which botocore parses with its real parser.
Every other STS operation stays refused, as do all other services.

The shape is the STS API Reference's (GetCallerIdentity, "Example 1 - Called by an
IAM user"): ``x-amzn-RequestId`` and ``text/xml``; ``GetCallerIdentityResponse`` /
``GetCallerIdentityResult`` with ``Arn`` (``arn:aws:iam::<account>:user/<name>``),
``UserId`` and ``Account``, then ``ResponseMetadata/RequestId``. An IAM user's
unique id starts ``AIDA`` (IAM User Guide, "Understanding unique ID prefixes").
``tests/data/aws/sts_get_caller_identity.xml`` holds the reference's sample.

``identity_response`` knows no HTTP library, so any front door can send it.
"""

from __future__ import annotations

import base64
import hashlib
import io
import uuid
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlsplit

from botocore.awsrequest import AWSResponse

SERVICE = "sts"
SERVED = frozenset({"GetCallerIdentity"})
USER_NAME = "s3double"
NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"


class CallerIdentity(NamedTuple):
    arn: str
    user_id: str
    account: str


def serves(service: str, operation: str, passthrough: frozenset[str]) -> bool:
    """Whether the double answers this call (``passthrough=["sts"]`` sends STS to AWS)."""
    return service == SERVICE and operation in SERVED and SERVICE not in passthrough


def caller_identity(account_id: str, partition: str = "aws") -> CallerIdentity:
    """The double's caller: IAM user ``s3double`` of ``account_id``, with a stable id."""
    return CallerIdentity(
        arn=f"arn:{partition}:iam::{account_id}:user/{USER_NAME}",
        user_id=_user_id(account_id),
        account=account_id,
    )


def _user_id(account_id: str) -> str:
    """``AIDA`` and 17 characters of ``[A-Z2-7]``, the same for the same account."""
    digest = hashlib.sha256(f"{account_id}/{USER_NAME}".encode()).digest()
    return "AIDA" + base64.b32encode(digest).decode()[:17]


def partition_of(url: str) -> str:
    """The AWS partition an STS endpoint belongs to (a custom endpoint: ``aws``)."""
    host = urlsplit(url).hostname or ""
    if host.endswith(".amazonaws.com.cn"):
        return "aws-cn"
    if "us-gov-" in host:
        return "aws-us-gov"
    return "aws"


def escape(text: str) -> str:
    """XML character data (xml.sax.saxutils costs a millisecond at import)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_caller_identity(identity: CallerIdentity, request_id: str) -> bytes:
    return (
        f'<GetCallerIdentityResponse xmlns="{NAMESPACE}">\n'
        "  <GetCallerIdentityResult>\n"
        f"    <Arn>{escape(identity.arn)}</Arn>\n"
        f"    <UserId>{escape(identity.user_id)}</UserId>\n"
        f"    <Account>{escape(identity.account)}</Account>\n"
        "  </GetCallerIdentityResult>\n"
        "  <ResponseMetadata>\n"
        f"    <RequestId>{escape(request_id)}</RequestId>\n"
        "  </ResponseMetadata>\n"
        "</GetCallerIdentityResponse>\n"
    ).encode()


def is_caller_identity_call(
    method: str, bucket: str | None, headers: Mapping[str, str], body: bytes
) -> bool:
    """An STS GetCallerIdentity sent over HTTP (the query protocol: a form POSTed to
    ``/``), as a client pointed at the HTTP server sends it."""
    if method != "POST" or bucket is not None:
        return False
    if not headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return False
    form = dict(parse_qsl(body.decode("utf-8", "replace")))
    return form.get("Action") == "GetCallerIdentity"


def identity_response(account_id: str, url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of GetCallerIdentity sent to ``url``."""
    request_id = str(uuid.uuid4())
    body = render_caller_identity(caller_identity(account_id, partition_of(url)), request_id)
    headers = {
        "x-amzn-RequestId": request_id,
        "Content-Type": "text/xml",
        "Content-Length": str(len(body)),
    }
    return 200, headers, body


class _Raw(io.BytesIO):
    """The raw stream botocore reads a response from."""

    def stream(self, amt: int | None = None, decode_content: bool | None = None) -> Iterator[bytes]:
        data = self.read()
        if data:
            yield data


def respond(account_id: str, prepared: Any) -> AWSResponse:
    """botocore's door: the response to a prepared GetCallerIdentity request."""
    status, headers, body = identity_response(account_id, prepared.url)
    return AWSResponse(prepared.url, status, headers, _Raw(body))
