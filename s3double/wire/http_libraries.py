"""Plain HTTP clients while a double is active: a request to an S3 endpoint (a presigned
URL, a POST form) is answered by the double; every other request passes untouched.

Three doors, each the last place a library's request is whole:

* ``requests``: ``HTTPAdapter.send`` (where ``responses``, and so moto, also patch: being
  patched later, the innermost mock answers first);
* ``urllib3``: ``HTTPConnectionPool.urlopen`` (``requests`` ends here too, when the
  adapter is not patched);
* ``urllib.request`` and ``http.client``: ``HTTPConnection.request`` and
  ``getresponse``; the answer is read by http.client's own ``HTTPResponse``.

Each double that becomes active patches a door whose current function is not
s3double's, and puts back what it found when it leaves, so mocks entered in between
(moto's ``responses``) nest in order.
"""

from __future__ import annotations

import http.client
import io
import sys
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from . import current
from .endpoints import is_s3_url
from .serving import Serving

Patch = tuple[Any, str, Any]  # (owner, attribute, what was there)
_PATCHES: dict[int, list[Patch]] = {}


def _answer(method: str, url: str, headers: Any, body: Any) -> tuple[int, dict[str, str], bytes] | None:
    """The double's answer, or None when no double serves or ``url`` is not S3."""
    double = current.active()
    if double is None or not is_s3_url(url):
        return None
    from .by_url import serve_url
    from .request import read_body

    return serve_url(double, method, url, dict(headers or {}), read_body(body))


# -- urllib3 --------------------------------------------------------------------------


def _urllib3_response(
    method: str, url: str, answer: tuple[int, dict[str, str], bytes], **options: Any
) -> Any:
    import urllib3

    status, headers, body = answer
    return urllib3.HTTPResponse(
        body=io.BytesIO(body), headers=headers, status=status, reason=_reason(status),
        preload_content=options.get("preload_content", True),
        decode_content=options.get("decode_content", True),
        request_method=method, request_url=url,
    )


def _pool_url(pool: Any, url: str) -> str:
    if "://" in url:
        return url
    default = 443 if pool.scheme == "https" else 80
    port = "" if pool.port in (None, default) else f":{pool.port}"
    return f"{pool.scheme}://{pool.host}{port}{url}"


def _patched_urlopen(original: Callable[..., Any]) -> Callable[..., Any]:
    def urlopen(self: Any, method: str, url: str, body: Any = None, headers: Any = None,
                *args: Any, **kwargs: Any) -> Any:
        full = _pool_url(self, url)
        answer = _answer(method, full, headers, body)
        if answer is None:
            return original(self, method, url, body, headers, *args, **kwargs)
        return _urllib3_response(method, full, answer, **kwargs)

    urlopen.s3double = True  # type: ignore[attr-defined]  # marks the door as patched
    return urlopen


# -- requests -------------------------------------------------------------------------


def _patched_send(original: Callable[..., Any]) -> Callable[..., Any]:
    def send(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        answer = _answer(request.method, request.url, request.headers, request.body)
        if answer is None:
            return original(self, request, *args, **kwargs)
        raw = _urllib3_response(request.method, request.url, answer, preload_content=False)
        return self.build_response(request, raw)

    send.s3double = True  # type: ignore[attr-defined]
    return send


# -- http.client (urllib.request) -----------------------------------------------------


class _Wire:
    """What ``HTTPResponse`` reads: the answer as it would come off a socket."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def makefile(self, *args: Any, **kwargs: Any) -> io.BytesIO:
        return io.BytesIO(self._data)

    def close(self) -> None:
        pass


def _on_the_wire(answer: tuple[int, dict[str, str], bytes]) -> bytes:
    status, headers, body = answer
    head = [f"HTTP/1.1 {status} {_reason(status)}"]
    head += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


def _connection_url(connection: Any, url: str) -> str:
    scheme = "https" if isinstance(connection, http.client.HTTPSConnection) else "http"
    default = 443 if scheme == "https" else 80
    port = "" if connection.port in (None, default) else f":{connection.port}"
    return url if "://" in url else f"{scheme}://{connection.host}{port}{url}"


def _patched_request(original: Callable[..., Any]) -> Callable[..., Any]:
    def request(self: Any, method: str, url: str, body: Any = None, headers: Any = None,
                *args: Any, **kwargs: Any) -> Any:
        answer = _answer(method, _connection_url(self, url), headers, body)
        if answer is None:
            return original(self, method, url, body, {} if headers is None else headers, *args, **kwargs)
        self._s3double_answer = (method, _on_the_wire(answer))
        return None

    request.s3double = True  # type: ignore[attr-defined]
    return request


def _patched_getresponse(original: Callable[..., Any]) -> Callable[..., Any]:
    def getresponse(self: Any) -> Any:
        waiting = self.__dict__.pop("_s3double_answer", None)
        if waiting is None:
            return original(self)
        method, data = waiting
        response = http.client.HTTPResponse(_Wire(data), method=method)  # type: ignore[arg-type]  # a socket's makefile is all it reads
        response.begin()
        return response

    getresponse.s3double = True  # type: ignore[attr-defined]
    return getresponse


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


# -- patching, per activation -----------------------------------------------------------


def _doors() -> list[tuple[Any, str, Callable[[Callable[..., Any]], Callable[..., Any]]]]:
    doors: list[tuple[Any, str, Callable[[Callable[..., Any]], Callable[..., Any]]]] = [
        (http.client.HTTPConnection, "request", _patched_request),
        (http.client.HTTPConnection, "getresponse", _patched_getresponse),
    ]
    urllib3_pool = sys.modules.get("urllib3.connectionpool")
    if urllib3_pool is not None:
        doors.append((urllib3_pool.HTTPConnectionPool, "urlopen", _patched_urlopen))
    adapters = sys.modules.get("requests.adapters")
    if adapters is not None:
        doors.append((adapters.HTTPAdapter, "send", _patched_send))
    return doors


def on_activate(double: Serving) -> None:
    patches = []
    for owner, name, patch in _doors():
        found = owner.__dict__.get(name, getattr(owner, name))
        if not getattr(found, "s3double", False):
            setattr(owner, name, patch(found))
            patches.append((owner, name, found))
    _PATCHES[id(double)] = patches


def on_deactivate(double: Serving) -> None:
    for owner, name, found in reversed(_PATCHES.pop(id(double), [])):
        setattr(owner, name, found)
