"""XML primitives: guarded parsing, escaping, elements and documents.

Bodies are parsed only after refusing any DOCTYPE or entity declaration
(MalformedXML). Text written back is escaped with ``escape``, which also turns CR
into a character reference so it survives an XML parser's line-end normalisation
(XML 1.0, section 2.11). The typed documents each operation reads are in
``readers``; documents read and written by botocore's shapes in ``shapes``.
"""

from __future__ import annotations

from typing import Any

import xmltodict

from ..errors import ErrorCode, S3Error

NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"


def malformed() -> S3Error:
    return S3Error(ErrorCode.MALFORMED_XML)


def safe(body: bytes) -> bytes:
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        raise malformed()
    return body


def local_name(tag: str) -> str:
    return tag.rpartition("}")[2]


def parse_document(body: bytes, root: str) -> dict[str, Any]:
    try:
        parsed = xmltodict.parse(safe(body), disable_entities=True)
    except Exception:  # xmltodict raises expat errors and ValueError alike
        raise malformed() from None
    if not isinstance(parsed, dict) or root not in parsed or not isinstance(parsed[root] or {}, dict):
        raise malformed()
    return parsed[root] or {}


def escape(text: str) -> str:
    """Escape element text; CR becomes ``&#13;`` so it reaches the client intact."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def element(name: str, text: str) -> str:
    return f"<{name}>{escape(text)}</{name}>"


def document(root: str, inner: str, *, namespace: bool = True, attributes: str = "") -> bytes:
    xmlns = f' xmlns="{NAMESPACE}"' if namespace else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{root}{xmlns}{attributes}>{inner}</{root}>'
    ).encode("utf-8", "surrogatepass")
