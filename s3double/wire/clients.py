"""Clients beyond botocore's own: what ``hook`` calls so that aiobotocore (aioboto3,
s3fs), presigned URLs fetched with ``requests``/``urllib``, boto3's CRT transfers,
``ibm_boto3`` and moto are served by the active double, or step aside for it.

``hook`` calls four functions: ``install`` when it installs, ``on_activate`` and
``on_deactivate`` around each activation, ``answer`` to wrap its answer, and
``steps_aside`` to tell whether the active double yields to a moto mock entered inside
it. Everything here is lazy or small, so ``import s3double`` stays light.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

from botocore import auth as botocore_auth
from botocore import handlers as botocore_handlers

from . import aio, crt, current, http_libraries, ibm, import_watch, other_mocks, presign_signing
from .serving import Serving

PRESIGN_HANDLER = ("choose-signer.s3", presign_signing.choose_presign_signer, "s3double-presign-signer")
answer = aio.answer


def install(
    active: Callable[[], Serving | None], allowed: Callable[[Any], bool],
    handlers: Iterable[tuple[str, Callable[..., Any], str]],
) -> None:
    """Once the hook's ``handlers`` are installed: join the other clients (idempotent)."""
    handlers = tuple(handlers)
    current.use(active, allowed)
    presign_signing.register_signers(botocore_auth.AUTH_TYPE_MAPS)
    _join_botocore(PRESIGN_HANDLER)
    for event, handler, _unique_id in handlers:
        if event == "before-send":
            other_mocks.before_moto(botocore_handlers.BUILTIN_HANDLERS, handler)
    import_watch.when_imported("aiobotocore.httpsession", aio.guard_sessions)
    import_watch.when_imported("boto3.s3.transfer", crt.guard_transfer)
    import_watch.when_imported("ibm_botocore.handlers", lambda _module: ibm.install(handlers))


def _join_botocore(spec: tuple[str, Callable[..., Any], str]) -> None:
    event, handler, unique_id = spec
    if (event, handler) not in botocore_handlers.BUILTIN_HANDLERS:
        botocore_handlers.BUILTIN_HANDLERS.append((event, handler))
    boto3 = sys.modules.get("boto3")
    session = getattr(boto3, "DEFAULT_SESSION", None) if boto3 is not None else None
    if session is not None:
        session.events.register(event, handler, unique_id=unique_id)


def on_activate(double: Serving) -> None:
    other_mocks.on_activate(double)
    http_libraries.on_activate(double)


def on_deactivate(double: Serving) -> None:
    http_libraries.on_deactivate(double)
    other_mocks.on_deactivate(double)


def steps_aside(double: Serving) -> bool:
    return other_mocks.steps_aside(double)
