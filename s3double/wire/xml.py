"""XML primitives: guarded parsing, escaping, elements and documents.

Bodies are parsed only after refusing any DOCTYPE or entity declaration
(MalformedXML). Text written back is escaped with ``escape``, which also turns CR
into a character reference so it survives an XML parser's line-end normalisation
(XML 1.0, section 2.11). The typed documents each operation reads are in
``readers``; documents read and written by botocore's shapes in ``shapes``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from typing import Any
from xml.parsers import expat

import xmltodict

from ..errors import ErrorCode, S3Error

NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"


def malformed() -> S3Error:
    return S3Error(ErrorCode.MALFORMED_XML)


def safe(body: bytes) -> bytes:
    """A quick refusal of a DOCTYPE in a UTF-8 body (the parsers refuse one in any
    encoding: ``parse_element``, and xmltodict with ``disable_entities``)."""
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        raise malformed()
    return body


def _ascii_compatible(body: bytes) -> bool:
    """Whether markup in ``body`` is written in ASCII bytes (UTF-8, with or without its
    BOM, and every other encoding an XML declaration can name in ASCII), so that the
    byte check of ``safe`` sees a DOCTYPE."""
    start = body[3:5] if body.startswith(b"\xef\xbb\xbf") else body[:2]
    return start[:1] == b"<" and start[1:2] != b"\x00"


def _refuse_doctype(*_: object) -> None:
    raise malformed()


def _scan_for_doctype(body: bytes) -> None:
    """Let expat, which reads every encoding XML allows, look for a DOCTYPE."""
    scanner = expat.ParserCreate()
    scanner.StartDoctypeDeclHandler = _refuse_doctype
    try:
        scanner.Parse(body, True)
    except (expat.ExpatError, ValueError):  # ValueError: an encoding expat cannot read
        raise malformed() from None


def parse_element(body: bytes) -> ElementTree.Element:
    """The root element of ``body``; MalformedXML for anything not well-formed, and for
    any DOCTYPE, whatever the body's encoding (UTF-16 and UTF-32 included)."""
    safe(body)
    if not _ascii_compatible(body):
        _scan_for_doctype(body)
    try:
        return ElementTree.fromstring(body)
    except (ElementTree.ParseError, ValueError):
        raise malformed() from None


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
