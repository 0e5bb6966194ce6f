"""Run a function when a module is first imported (or now, if it already is).

s3double joins libraries that may be imported before or after it (aiobotocore,
ibm_botocore, boto3's transfer module): a finder at the front of ``sys.meta_path``
lets the import proceed as usual and calls the waiting functions once the module has
run. Imports of other modules only pass one dictionary look-up.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import threading
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

_WAITING: dict[str, list[Callable[[ModuleType], None]]] = {}
_LOCK = threading.Lock()


class _Watcher(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in _WAITING:
            return None
        spec = _spec_from_others(self, fullname, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        run = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            with _LOCK:
                waiting = _WAITING.pop(fullname, [])
            for callback in waiting:
                callback(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]  # this spec's own loader
        return spec


def _spec_from_others(
    watcher: _Watcher, fullname: str, path: Sequence[str] | None, target: ModuleType | None
) -> importlib.machinery.ModuleSpec | None:
    for finder in sys.meta_path:
        find: Any = getattr(finder, "find_spec", None)
        if finder is watcher or find is None:
            continue
        spec = find(fullname, path, target)
        if spec is not None:
            return spec  # type: ignore[no-any-return]  # a finder's spec
    return None


_WATCHER = _Watcher()


def when_imported(name: str, callback: Callable[[ModuleType], None]) -> None:
    """Call ``callback(module)`` once ``name`` is imported; now, if it already is."""
    with _LOCK:
        module = sys.modules.get(name)
        if module is None:
            _WAITING.setdefault(name, []).append(callback)
            if _WATCHER not in sys.meta_path:
                sys.meta_path.insert(0, _WATCHER)
    if module is not None:
        callback(module)
