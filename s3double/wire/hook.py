"""botocore event handlers: serve S3 in-process, keep everything else off the network.

How a request is caught, using only botocore's public event API:

* At import, five handlers join ``botocore.handlers.BUILTIN_HANDLERS``, so every
  botocore session created from then on (boto3's default session, awscli's,
  s3transfer's clients) carries them; boto3's default session, if it already
  exists, gets them registered with a ``unique_id``. They do nothing while no
  double is active.
* ``before-parameter-build.s3`` notes the call's bucket and region for this thread;
  ``choose-signer.s3`` answers ``UNSIGNED``, so no credentials are needed;
  ``before-call`` refuses every other service (unless the double lets it pass
  through) before it is signed; ``before-send`` answers S3 requests from the active
  double, and STS GetCallerIdentity (``sts.py``), signed with nothing.
* Every session also reads no AWS profile while a double is active (``profile.py``).
* While a double is active, ``URLLib3Session.send`` is wrapped, so a request that
  slipped past the handlers (a client whose session predates ``import s3double``)
  fails loudly instead of reaching the network. The last double to leave puts
  the original back.
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import botocore
from botocore import handlers as botocore_handlers
from botocore import httpsession
from botocore.exceptions import ReadTimeoutError

from ..errors import UnservedRequestError, unserved_service
from . import (
    clients,  # aiobotocore, presigned URLs, CRT, ibm_boto3, moto
    sts,
)
from .serving import Serving

_ACTIVE: list[Serving] = []
_ACTIVE_LOCK = threading.Lock()
_CALL = threading.local()
_ALLOWED: weakref.WeakSet[Any] = weakref.WeakSet()
_SAVED_SEND: list[Any] = []  # what URLLib3Session.send was before the first activation


def active() -> Serving | None:
    double = _ACTIVE[-1] if _ACTIVE else None
    if double is not None and clients.steps_aside(double):  # clients: a moto mock inside it
        return None
    return double


def remember_call(params: Any = None, context: Any = None, **_: Any) -> None:
    _CALL.bucket = params.get("Bucket") if isinstance(params, dict) else None
    _CALL.region = context.get("client_region") if isinstance(context, dict) else None


def choose_signer(context: Any = None, **_: Any) -> Any:
    """UNSIGNED while a double is active, except presigning and S3 Express zonal calls:
    those keep botocore's own flow (its CreateSession call, unsigned, is served here
    and hands back session credentials that sign the zonal requests)."""
    if not _ACTIVE or not isinstance(context, dict):
        return None
    if context.get("is_presign_request") or context.get("auth_type") == "v4-s3express":
        return None
    signing = context.get("signing")
    if isinstance(signing, dict) and signing.get("signing_name") == "s3express":
        # botocore's S3 Express identity step assumes a signed CreateSession; the request
        # is unsigned, so the signing name it would sign with no longer applies.
        signing["signing_name"] = "s3"
    return botocore.UNSIGNED


def _service_and_operation(event_name: str) -> tuple[str, str]:
    """``before-send.s3.DeleteObjects`` -> ("s3", "DeleteObjects")."""
    parts = event_name.split(".", 2)
    return [*parts, "", ""][1], [*parts, "", "", ""][2]


def refuse_other_services(event_name: str = "", **_: Any) -> None:
    """``before-call``: stop another service's call before botocore signs it, so the
    error names the service rather than missing credentials."""
    double = active()
    if double is None:
        return
    service, operation = _service_and_operation(event_name)
    served = service == "s3" or service in double.passthrough
    if not served and not sts.serves(service, operation, double.passthrough):
        raise unserved_service(service, operation)


def choose_sts_signer(**_: Any) -> Any:
    """GetCallerIdentity answered in-process needs no credentials."""
    double = active()
    return botocore.UNSIGNED if double is not None and "sts" not in double.passthrough else None


# wire.serve (the operations, the model, XML) loads at the first activation, so
# ``import s3double`` stays light.
_SERVE: list[Callable[..., Any]] = []


def before_send(request: Any, event_name: str = "", **_: Any) -> Any:
    double = active()
    if double is None:
        return None
    service, operation = _service_and_operation(event_name)
    if service == "s3":
        return clients.answer(  # clients: an answer aiobotocore can await too
            _SERVE[0], double, operation, request,
            bucket=getattr(_CALL, "bucket", None), region=getattr(_CALL, "region", None),
        )
    if service in double.passthrough:
        _ALLOWED.add(request)
        return None
    if sts.serves(service, operation, double.passthrough):
        return sts.respond(double.store.account_id, request)
    raise unserved_service(service, operation)


# Where botocore's credential providers look (EC2 instance metadata, ECS/EKS agents).
_CREDENTIAL_HOSTS = ("169.254.169.254", "[fd00:ec2::254]", "169.254.170.2", "169.254.170.23")


class CredentialLookupBlocked(ReadTimeoutError, UnservedRequestError):  # type: ignore[misc]  # botocore is untyped (Any base)
    """A credential provider's request, stopped: botocore reads it as "no metadata
    service here" and moves on, so clients need no credentials."""

    fmt = "s3double is active: credential lookup at {endpoint_url} was not sent"


def _guarded_send(session: Any, request: Any) -> Any:
    if not _ACTIVE or request in _ALLOWED:
        return _SAVED_SEND[0](session, request)
    host = urlsplit(request.url).netloc
    if host.rpartition(":")[0] in _CREDENTIAL_HOSTS or host in _CREDENTIAL_HOSTS:
        raise CredentialLookupBlocked(endpoint_url=request.url)  # type: ignore[call-arg]  # botocore's __init__(**kwargs); mypy sees Exception's
    raise UnservedRequestError(
        f"s3double is active, and {request.method} {request.url} reached botocore's network "
        "layer: the client's session was created before s3double was imported, so its "
        "requests cannot be served. Import s3double before creating botocore sessions."
    )


HANDLERS = (
    ("before-parameter-build.s3", remember_call, "s3double-remember-call"),
    ("choose-signer.s3", choose_signer, "s3double-choose-signer"),
    ("before-call", refuse_other_services, "s3double-refuse-other-services"),
    ("choose-signer.sts.GetCallerIdentity", choose_sts_signer, "s3double-choose-signer-sts"),
    ("before-send", before_send, "s3double-before-send"),
)


def install() -> None:
    """Make every botocore session created from now on carry the handlers (idempotent)."""
    for event, handler, _unique_id in HANDLERS:
        if (event, handler) not in botocore_handlers.BUILTIN_HANDLERS:
            botocore_handlers.BUILTIN_HANDLERS.append((event, handler))
    boto3 = sys.modules.get("boto3")
    session = getattr(boto3, "DEFAULT_SESSION", None) if boto3 is not None else None
    if session is not None:
        for event, handler, unique_id in HANDLERS:
            session.events.register(event, handler, unique_id=unique_id)
    from .profile import install as isolate_sessions

    isolate_sessions(active, getattr(session, "_session", None))  # boto3's default session
    clients.install(active, _ALLOWED.__contains__, HANDLERS)  # clients


def activate(double: Serving, prepare: Any = None) -> None:
    """Push ``double``; ``prepare()`` runs first, once it is known not to be active."""
    with _ACTIVE_LOCK:
        if any(entry is double for entry in _ACTIVE):
            raise RuntimeError("this S3Double is already active; use a new one to nest")
        if not _SERVE:
            from .serve import serve

            _SERVE.append(serve)
        if prepare is not None:
            prepare()
        if not _ACTIVE:
            _SAVED_SEND[:] = [httpsession.URLLib3Session.send]
            httpsession.URLLib3Session.send = _guarded_send
        _ACTIVE.append(double)
        clients.on_activate(double)  # clients


def deactivate(double: Serving) -> None:
    with _ACTIVE_LOCK:
        for index in range(len(_ACTIVE) - 1, -1, -1):
            if _ACTIVE[index] is double:
                del _ACTIVE[index]
                break
        else:
            raise RuntimeError("this S3Double is not active")
        clients.on_deactivate(double)  # clients
        if not _ACTIVE:
            httpsession.URLLib3Session.send = _SAVED_SEND.pop()
