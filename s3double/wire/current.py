"""Which double serves now, for the client modules (``aio``, ``presign_signing``,
``http_libraries``, ``crt``, ``ibm``, ``other_mocks``): ``hook`` keeps the stack and
hands its ``active`` here when it installs (with the test for requests it let through to
another service), so those modules need not import ``hook``, which imports them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .serving import Serving

_ACTIVE: list[Callable[[], Serving | None]] = []
_ALLOWED: list[Callable[[Any], bool]] = []


def use(active: Callable[[], Serving | None], allowed: Callable[[Any], bool]) -> None:
    """Name the functions that tell the serving double (``hook.active``) and whether
    botocore let a request through to the network (a ``passthrough`` service)."""
    _ACTIVE[:] = [active]
    _ALLOWED[:] = [allowed]


def active() -> Serving | None:
    return _ACTIVE[0]() if _ACTIVE else None


def allowed(request: Any) -> bool:
    return bool(_ALLOWED[0](request)) if _ALLOWED else False
