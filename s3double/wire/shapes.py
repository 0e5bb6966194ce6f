"""Documents read and written by botocore's S3 shapes, for operations declared with
``body=Shaped`` or returning a ``dict``: such an operation needs no XML of its own.

Reading is strict, as S3 is: an element the shape does not have, a value of the wrong
kind, text where elements belong or elements where text belongs is MalformedXML.
Writing follows the output shape: members located in headers become headers, the
payload member (or the other members, under the declared root element) the body.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from typing import Any

from .. import values
from .service_model import operation_model
from .xml import document, escape, local_name, malformed, parse_element

Rendered = tuple[int, dict[str, str], bytes]


def _element_name(name: str, shape: Any) -> str:
    return str(shape.serialization.get("name", name))


def _scalar(shape: Any, element: ElementTree.Element) -> Any:
    if len(element):
        raise malformed()  # elements inside a value: <Key>k<x/>2</Key>
    text = element.text or ""
    kind = shape.type_name
    if kind == "string":
        return text
    if kind in ("integer", "long"):
        number = values.whole_number(text.strip())
        if number is None:
            raise malformed()
        return number
    if kind == "boolean":
        flag = values.boolean(text)
        if flag is None:
            raise malformed()
        return flag
    if kind == "timestamp":
        instant = values.timestamp(text)
        if instant is None:
            raise malformed()
        return instant
    if kind == "blob":
        return base64.b64decode(text)
    raise malformed()


def _read(shape: Any, element: ElementTree.Element) -> Any:
    if shape.type_name == "structure":
        return _read_structure(shape, element)
    if shape.type_name == "list":
        if (element.text or "").strip():
            raise malformed()
        item_name = _element_name("member", shape.member)
        items = []
        for child in element:
            if local_name(child.tag) != item_name:
                raise malformed()
            items.append(_read(shape.member, child))
        return items
    return _scalar(shape, element)


def _read_structure(shape: Any, element: ElementTree.Element) -> dict[str, Any]:
    if (element.text or "").strip():
        raise malformed()
    by_element = {
        _element_name(name, member): (name, member)
        for name, member in shape.members.items()
        if not member.serialization.get("xmlAttribute")
    }
    result: dict[str, Any] = {}
    for name, member in shape.members.items():
        if member.serialization.get("xmlAttribute"):
            wanted = _element_name(name, member).rpartition(":")[2]
            for attribute, value in element.attrib.items():
                if local_name(attribute) == wanted:
                    result[name] = value
    for child in element:
        if (child.tail or "").strip():
            raise malformed()
        found = by_element.get(local_name(child.tag))
        if found is None:
            raise malformed()
        name, member = found
        if member.type_name == "list" and member.serialization.get("flattened"):
            result.setdefault(name, []).append(_read(member.member, child))
        elif name in result:
            raise malformed()
        else:
            result[name] = _read(member, child)
    if any(name not in result for name in shape.required_members):
        raise malformed()
    return result


@functools.cache
def shape_reader(operation: str) -> Callable[[bytes], Any]:
    """Reads ``operation``'s payload: a structure into a dict by member names; a string
    or blob payload as it came."""
    shape = operation_model(operation).input_shape
    payload_name = shape.serialization.get("payload")
    payload = shape.members[payload_name] if payload_name else shape
    root_name = _element_name(payload_name or shape.name, payload)

    def read(body: bytes) -> Any:
        if payload.type_name == "blob":
            return body
        if payload.type_name == "string":
            return body.decode("utf-8", "replace")
        root = parse_element(body)
        if local_name(root.tag) != root_name:
            raise malformed()
        return _read_structure(payload, root)

    return read


def _text(shape: Any, value: Any) -> str:
    if shape.type_name == "boolean":
        return "true" if value else "false"
    if shape.type_name == "timestamp":
        return values.iso_time(value) if isinstance(value, _dt.datetime) else str(value)
    if shape.type_name == "blob":
        return base64.b64encode(value).decode()
    return str(value)


def _write(name: str, shape: Any, value: Any) -> str:
    tag = _element_name(name, shape)
    if shape.type_name == "list":
        item_tag = _element_name("member", shape.member)
        items = "".join(_write(item_tag, shape.member, item) for item in value)
        if shape.serialization.get("flattened"):
            return items
        return f"<{tag}>{items}</{tag}>"
    if shape.type_name == "structure":
        attributes, inner = _write_members(shape, value)
        return f"<{tag}{attributes}>{inner}</{tag}>"
    return f"<{tag}>{escape(_text(shape, value))}</{tag}>"


def _write_members(shape: Any, value: dict[str, Any]) -> tuple[str, str]:
    attributes, inner = "", ""
    namespace = shape.serialization.get("xmlNamespace")
    if isinstance(namespace, dict) and namespace.get("prefix"):
        attributes += f' xmlns:{namespace["prefix"]}="{namespace["uri"]}"'
    for name, member in shape.members.items():
        if value.get(name) is None:
            continue
        if member.serialization.get("xmlAttribute"):
            attributes += f' {_element_name(name, member)}="{escape(str(value[name]))}"'
        elif member.type_name == "list" and member.serialization.get("flattened"):
            inner += "".join(
                _write(_element_name(name, member), member.member, item) for item in value[name]
            )
        else:
            inner += _write(name, member, value[name])
    return attributes, inner


def _header_text(shape: Any, value: Any) -> str:
    if shape.type_name == "timestamp" and isinstance(value, _dt.datetime):
        return values.http_date(value)
    return _text(shape, value)


def write_shaped(
    operation: str, result: dict[str, Any], root: str | None, status: int = 200
) -> Rendered:
    """(status, headers, body) for ``result``, keyed by ``operation``'s output members."""
    shape = operation_model(operation).output_shape
    body = b""
    headers: dict[str, str] = {}
    if shape is None:
        return status, headers, body
    payload_name = shape.serialization.get("payload")
    body_members: dict[str, Any] = {}
    for name, member in shape.members.items():
        value = result.get(name)
        if value is None:
            continue
        location = member.serialization.get("location")
        if location == "header":
            headers[member.serialization["name"]] = _header_text(member, value)
        elif location == "headers":
            prefix = member.serialization.get("name", "")
            headers.update({prefix + key: str(item) for key, item in value.items()})
        elif location == "statusCode":
            status = int(value)
        elif name == payload_name and member.type_name in ("blob", "string"):
            body = value if isinstance(value, bytes) else str(value).encode("utf-8")
        elif name == payload_name:
            attributes, inner = _write_members(member, value)
            tag = _element_name(name, member)
            body = document(tag, inner, attributes=attributes)
            headers["Content-Type"] = "application/xml"
        else:
            body_members[name] = value
    if body_members or (root is not None and payload_name is None):
        _, inner = _write_members(shape, body_members)
        body = document(root or shape.name, inner)
        headers["Content-Type"] = "application/xml"
    return status, headers, body

