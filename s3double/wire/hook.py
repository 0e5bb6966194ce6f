"""botocore event handlers: serve S3 in-process, keep everything else off the network.

How a request is caught, using only botocore's public event API:

* At import, the handlers below join ``botocore.handlers.BUILTIN_HANDLERS``, so every
  botocore session created from then on (boto3's default session, awscli's,
  s3transfer's clients) carries them; boto3's default session, if it already
  exists, gets them registered with a ``unique_id``. They do nothing while no
  double is active (nor for a client made inside one, see below).
* ``before-parameter-build`` begins each call: it gives the call its double (the
  double of its context, see ``contexts``) and, for S3, notes the ``Bucket`` and
  ``Key`` it names, in the call's own context dict, which botocore hands to every
  later event of the call and to the prepared request.
* ``choose-signer.s3`` answers ``UNSIGNED``, so no credentials are needed;
  ``before-call`` refuses every other service (unless the double lets it pass
  through) before it is signed; ``before-send`` answers S3 requests from the call's
  double, and STS GetCallerIdentity (``sts.py``), signed with nothing.
* ``creating-client-class`` marks a client made inside a double, so that once that
  double has left, its calls are refused, naming it, rather than sent to AWS.
* Every session also reads no AWS profile while a double is active (``profile.py``).
* While a double is active, ``URLLib3Session.send`` is wrapped: a request that
  reaches it without the handlers (a client whose session predates ``import
  s3double``) is served there too when it is an S3 request (``unhooked.py``), and
  refused loudly otherwise. The last double to leave puts the original back; a
  request already inside the wrapper then finishes with the original.
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import botocore
from botocore import handlers as botocore_handlers
from botocore import httpsession
from botocore.exceptions import ReadTimeoutError

from ..errors import UnservedRequestError, unhooked_request, unserved_service
from . import (
    clients,  # aiobotocore, presigned URLs, CRT, ibm_boto3, moto
    contexts,
    sts,
)
from .serving import Serving

_LAST_CALL = threading.local()  # for a botocore whose prepared requests carry no context
_ALLOWED: weakref.WeakSet[Any] = weakref.WeakSet()
# What URLLib3Session.send was before the first activation. Never emptied once set, so
# a request still inside the wrapper when the last double leaves finds it.
_SAVED_SEND: list[Any] = []
CALL, ORIGIN = contexts.CALL, contexts.ORIGIN


class Call(NamedTuple):
    """What a call began with: its double, and the bucket, key and region it names."""

    double: Serving | None
    bucket: str | None
    key: str | None
    region: str | None


def active() -> Serving | None:
    """The double serving this context (see ``contexts.current``), unless a moto mock
    entered inside it answers instead (``clients``)."""
    double = contexts.current()
    if double is not None and clients.steps_aside(double):
        return None
    return double


def begin_call(params: Any = None, context: Any = None, **_: Any) -> None:
    """``before-parameter-build``: the call's double, chosen once (it may refuse)."""
    if not isinstance(context, dict):
        return
    origin = context.get(ORIGIN)
    if origin is None and contexts.nothing_applies():
        context.pop(CALL, None)
        _LAST_CALL.call = None  # no call of an ended double answers a later request
        return
    double = contexts.choose(origin)
    named = params if isinstance(params, dict) else {}
    call = Call(double, named.get("Bucket"), named.get("Key"), context.get("client_region"))
    context[CALL] = _LAST_CALL.call = call


def _call_of(context: Any) -> Call | None:
    call = context.get(CALL) if isinstance(context, dict) else None
    return call if isinstance(call, Call) else None


def _double_of(context: Any) -> Serving | None:
    """The call's double, unless a moto mock entered inside it answers instead."""
    call = _call_of(context)
    double = call.double if call is not None else None
    return double if double is not None and not clients.steps_aside(double) else None


def choose_signer(context: Any = None, **_: Any) -> Any:
    """UNSIGNED while a double serves the call, except presigning and S3 Express zonal
    calls: those keep botocore's own flow (its CreateSession call, unsigned, is served
    here and hands back session credentials that sign the zonal requests)."""
    if _double_of(context) is None or not isinstance(context, dict):
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


def refuse_other_services(event_name: str = "", context: Any = None, **_: Any) -> None:
    """``before-call``: stop another service's call before botocore signs it, so the
    error names the service rather than missing credentials."""
    double = _double_of(context)
    if double is None:
        return
    service, operation = _service_and_operation(event_name)
    served = service == "s3" or service in double.passthrough
    if not served and not sts.serves(service, operation, double.passthrough):
        raise unserved_service(service, operation)


def choose_sts_signer(context: Any = None, **_: Any) -> Any:
    """GetCallerIdentity answered in-process needs no credentials."""
    double = _double_of(context)
    return botocore.UNSIGNED if double is not None and "sts" not in double.passthrough else None


# wire.serve (the operations, the model, XML) loads at the first activation, so
# ``import s3double`` stays light.
_SERVE: list[Callable[..., Any]] = []


def before_send(request: Any, event_name: str = "", **_: Any) -> Any:
    """Answer the request from its call's double (chosen when the call began, so a call
    in flight when its double leaves still completes)."""
    context = getattr(request, "context", None)
    call = _call_of(context) if context is not None else getattr(_LAST_CALL, "call", None)
    if call is None and not contexts.nothing_applies():
        call = Call(contexts.choose(), None, None, None)
    double = call.double if call is not None else None
    if call is None or double is None or clients.steps_aside(double):
        return None
    service, operation = _service_and_operation(event_name)
    if service == "s3":
        return clients.answer(  # clients: an answer aiobotocore can await too
            _SERVE[0], double, operation, request, bucket=call.bucket, region=call.region,
            key=call.key,
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
    """``URLLib3Session.send`` while a double is active: what reaches it went past the
    handlers (a session older than ``import s3double``, a credential lookup)."""
    if request in _ALLOWED or not contexts.any_active():
        return _SAVED_SEND[0](session, request)
    host = urlsplit(request.url).netloc
    if host.rpartition(":")[0] in _CREDENTIAL_HOSTS or host in _CREDENTIAL_HOSTS:
        raise CredentialLookupBlocked(endpoint_url=request.url)  # type: ignore[call-arg]  # botocore's __init__(**kwargs); mypy sees Exception's
    double = contexts.choose()
    if double is None:  # the last double left while this request was on its way
        return _SAVED_SEND[0](session, request)
    from .unhooked import is_s3, serve_unhooked

    if is_s3(request):
        return serve_unhooked(double, request)
    raise unhooked_request(request.method, request.url)


class MadeInDouble:
    """Mixed into the class of a client made inside a double (``creating-client-class``,
    botocore's way to extend clients): its calls carry the double they were made in."""

    _s3double_origin: contexts.Origin

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        note = _OriginNote(type(self)._s3double_origin)
        self.meta.events.register_first("before-parameter-build", note, unique_id="s3double-origin")  # type: ignore[attr-defined]  # a botocore client


class _OriginNote:
    def __init__(self, origin: contexts.Origin) -> None:
        self.origin = origin

    def __call__(self, context: Any = None, **_: Any) -> None:
        if isinstance(context, dict):
            context[ORIGIN] = self.origin


def mark_client_class(class_attributes: Any = None, base_classes: Any = None, **_: Any) -> None:
    """``creating-client-class``: a client made inside a double remembers it."""
    origin = contexts.origin_here()
    if origin is None or not isinstance(base_classes, list) or not isinstance(class_attributes, dict):
        return
    class_attributes["_s3double_origin"] = origin
    if MadeInDouble not in base_classes:
        base_classes.insert(0, MadeInDouble)


HANDLERS = (
    ("creating-client-class", mark_client_class, "s3double-mark-client-class"),
    ("before-parameter-build", begin_call, "s3double-begin-call"),
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
    """Make ``double`` active and this context's; ``prepare()`` runs first, once it is
    known not to be active."""
    if not _SERVE:
        from .serve import serve

        _SERVE.append(serve)
    contexts.enter(double, prepare, first=_guard_send, then=clients.on_activate)


def deactivate(double: Serving) -> None:
    contexts.leave(double, last=_unguard_send, then=clients.on_deactivate)


def _guard_send() -> None:
    from .unhooked import guard_signing

    _SAVED_SEND[:] = [httpsession.URLLib3Session.send]
    httpsession.URLLib3Session.send = _guarded_send
    guard_signing()


def _unguard_send() -> None:
    from .unhooked import unguard_signing

    httpsession.URLLib3Session.send = _SAVED_SEND[0]
    unguard_signing()
