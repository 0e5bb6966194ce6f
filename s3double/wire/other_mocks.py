"""moto at the same time as a double: the innermost mock answers.

moto joins botocore's ``BUILTIN_HANDLERS`` at import (its ``BotocoreStubber``, on
``before-send``) and, while ``mock_aws`` is active, serves every AWS request there.
botocore calls every ``before-send`` handler and keeps the first answer, so with both
active each request changed both stores and the client got the answer of whichever
package was imported first. Here:

* each double notes how deeply moto's mocks were nested when it became active
  (``MockAWS._nested_count``). While moto is nested deeper than that (a ``mock_aws``
  entered inside the double), the double steps aside (``steps_aside``): its handlers and
  HTTP doors let requests pass, and moto answers them;
* while the double is the innermost, moto's stubber is switched off (its own
  ``enabled`` flag, which moto sets on entry), so moto neither answers nor records;
  the flag is put right on every request the hook sees (``before-call`` comes before
  ``before-send``) and when the double leaves;
* the hook's ``before-send`` handler is placed before moto's in ``BUILTIN_HANDLERS``,
  so the order of imports does not matter.

For ``requests`` (presigned URLs), moto's ``responses`` and the double patch the same
door, each on entry, so the innermost answers there too (``http_libraries``).
"""

from __future__ import annotations

import sys
from typing import Any

from .serving import Serving

_DEPTH: dict[int, int] = {}


def moto_depth() -> int:
    """How many of moto's mocks are active now (0 when moto is not imported)."""
    models = sys.modules.get("moto.core.models")
    mock = getattr(models, "MockAWS", None) if models is not None else None
    if mock is None:
        return 0
    classes = [mock, *mock.__subclasses__()]
    return sum(int(cls.__dict__.get("_nested_count", 0)) for cls in classes)


def _stubber() -> Any:
    models = sys.modules.get("moto.core.models")
    return getattr(models, "botocore_stubber", None) if models is not None else None


def _moto_serves(serves: bool) -> None:
    stubber = _stubber()
    if stubber is not None and moto_depth() > 0:
        stubber.enabled = serves


def on_activate(double: Serving) -> None:
    _DEPTH[id(double)] = moto_depth()
    _moto_serves(False)


def on_deactivate(double: Serving) -> None:
    _DEPTH.pop(id(double), None)
    _moto_serves(True)  # the next request the hook sees settles it if a double is still active


def steps_aside(double: Serving) -> bool:
    """True while a moto mock entered after ``double`` is still active; moto's stubber
    answers then, and only then."""
    aside = bool(_DEPTH) and moto_depth() > _DEPTH.get(id(double), 0)
    _moto_serves(aside)
    return aside


def _is_moto(handler: Any) -> bool:
    return type(handler).__name__ == "BotocoreStubber" and type(handler).__module__.startswith("moto.")


def before_moto(builtin_handlers: list[Any], handler: Any) -> None:
    """Move ``("before-send", handler)`` ahead of moto's stubber in ``builtin_handlers``."""
    ours = next(
        (entry for entry in builtin_handlers if entry[0] == "before-send" and entry[1] is handler), None
    )
    if ours is None:
        return
    for index, entry in enumerate(builtin_handlers):
        if entry is ours:
            return
        if entry[0] == "before-send" and _is_moto(entry[1]):
            builtin_handlers.remove(ours)
            builtin_handlers.insert(index, ours)
            return
