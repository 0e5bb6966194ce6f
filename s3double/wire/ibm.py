"""IBM's ``ibm_boto3`` (the ``ibm-cos-sdk`` package) in-process, through its own fork of
botocore, ``ibm_botocore``, whose event system is botocore's under another name.

When ``ibm_botocore.handlers`` is imported (or at ``import s3double``, if it already
is), the hook's handlers join its ``BUILTIN_HANDLERS`` as they join botocore's, so
every ``ibm_boto3`` session made from then on is served by the active double: the same
store, model and call record. Two things are the fork's own:

* ``choose-signer`` must answer the fork's ``UNSIGNED`` sentinel, not botocore's;
* IBM's ``ibm-service-instance-id`` header names the service instance (the account)
  that will own a new bucket; the double's account plays that part, so the header is
  dropped before the request is served. IBM's other headers (Key Protect encryption)
  ask for functionality and are refused, like any header s3double does not model;
* its ``URLLib3Session.send`` is guarded like botocore's: while a double is active, a
  credential lookup (instance metadata) fails as a read timeout the fork moves past, and
  any other request that slipped past the handlers fails loudly instead of reaching the
  network.

Presigning with ``ibm_boto3`` keeps the fork's own signers (IBM endpoints are not
served by URL).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import botocore

from ..errors import UnservedRequestError
from . import current

Handler = tuple[str, Callable[..., Any], str]
_TRANSLATED: dict[Callable[..., Any], Callable[..., Any]] = {}
ACCOUNT_HEADER = "ibm-service-instance-id"
CREDENTIAL_HOSTS = ("169.254.169.254", "fd00:ec2::254", "169.254.170.2", "169.254.170.23")


def _with_fork_unsigned(choose: Callable[..., Any], unsigned: Any) -> Callable[..., Any]:
    if choose not in _TRANSLATED:

        def choose_signer(**kwargs: Any) -> Any:
            answer = choose(**kwargs)
            return unsigned if answer is botocore.UNSIGNED else answer

        _TRANSLATED[choose] = choose_signer
    return _TRANSLATED[choose]


def _without_account_header(send: Callable[..., Any]) -> Callable[..., Any]:
    if send not in _TRANSLATED:

        def before_send(request: Any = None, **kwargs: Any) -> Any:
            if request is not None and ACCOUNT_HEADER in request.headers:
                del request.headers[ACCOUNT_HEADER]
            return send(request=request, **kwargs)

        _TRANSLATED[send] = before_send
    return _TRANSLATED[send]


def install(handlers: Iterable[Handler]) -> None:
    """Join ``handlers`` (the hook's) to ibm_botocore's built-in handlers; guard its send."""
    import ibm_botocore
    from ibm_botocore import handlers as ibm_handlers
    from ibm_botocore import httpsession

    for event, handler, unique_id in handlers:
        if event.startswith("choose-signer"):
            handler = _with_fork_unsigned(handler, ibm_botocore.UNSIGNED)
        elif event.startswith("before-send"):
            handler = _without_account_header(handler)
        if (event, handler) not in ibm_handlers.BUILTIN_HANDLERS:
            ibm_handlers.BUILTIN_HANDLERS.append((event, handler))
        _register_on_default_session(event, handler, unique_id)
    _guard_send(httpsession.URLLib3Session)


def _register_on_default_session(event: str, handler: Callable[..., Any], unique_id: str) -> None:
    import sys

    ibm_boto3 = sys.modules.get("ibm_boto3")
    session = getattr(ibm_boto3, "DEFAULT_SESSION", None) if ibm_boto3 is not None else None
    if session is not None:
        session.events.register(event, handler, unique_id=unique_id)


def _blocked(url: str) -> Exception:
    from ibm_botocore.exceptions import ReadTimeoutError

    class CredentialLookupBlocked(ReadTimeoutError, UnservedRequestError):  # type: ignore[misc]  # untyped base
        fmt = "s3double is active: credential lookup at {endpoint_url} was not sent"

    blocked: Exception = CredentialLookupBlocked(endpoint_url=url)  # type: ignore[call-arg]  # botocore's __init__(**kwargs)
    return blocked


def _guard_send(session_class: Any) -> None:
    send = session_class.send
    if getattr(send, "s3double", False):
        return

    def guarded_send(session: Any, request: Any) -> Any:
        if current.active() is None or current.allowed(request):
            return send(session, request)
        if (urlsplit(request.url).hostname or "") in CREDENTIAL_HOSTS:
            raise _blocked(request.url)
        raise UnservedRequestError(
            f"s3double is active, and {request.method} {request.url} reached ibm_botocore's "
            "network layer: the client's session was created before s3double was imported, "
            "so its requests cannot be served. Import s3double before creating sessions."
        )

    guarded_send.s3double = True  # type: ignore[attr-defined]
    session_class.send = guarded_send
