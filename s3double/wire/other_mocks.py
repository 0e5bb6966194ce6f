"""moto at the same time as a double: the innermost mock answers.

moto joins botocore's ``BUILTIN_HANDLERS`` at import (its ``BotocoreStubber``, on
``before-send``) and, while ``mock_aws`` is active, answers every AWS request there; on
its own that makes whichever package was imported first answer S3. Here:

* the hook's ``before-send`` handler is placed before moto's in ``BUILTIN_HANDLERS``
  (whichever was imported first), so s3double always decides first;
* each double notes how deeply moto's mocks were nested when it became active
  (``MockAWS._nested_count``); while moto is nested deeper than that (a ``mock_aws``
  entered inside the double), the double steps aside (``steps_aside``): its handlers
  and HTTP doors let requests pass, and moto answers them. When the double is the
  innermost, it answers and moto never sees the request.

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


def on_activate(double: Serving) -> None:
    _DEPTH[id(double)] = moto_depth()


def on_deactivate(double: Serving) -> None:
    _DEPTH.pop(id(double), None)


def steps_aside(double: Serving) -> bool:
    """True while a moto mock entered after ``double`` is still active."""
    return bool(_DEPTH) and moto_depth() > _DEPTH.get(id(double), 0)


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
