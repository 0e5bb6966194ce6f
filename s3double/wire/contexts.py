"""Which double serves a request: the double of the request's own context.

Entering a double (``with``, ``start()``, a decorator, the fixture) makes it the double
of the current context, a ``contextvars.ContextVar``: the thread or asyncio task that
entered it, and every task started from there (asyncio copies the context into each new
task). Entries nest within a context; leaving the inner double gives the context back to
the nearest outer one still active. Doubles entered in other threads or tasks never
serve this context's requests, so concurrent tests each keep their own double.

A thread does not inherit its starter's context, so while any double is active
``threading.Thread.start`` and ``concurrent.futures.ThreadPoolExecutor.submit`` are
wrapped: a thread started, or a function submitted, from a context with a double runs
with that double (asyncio's ``run_in_executor`` submits; ``asyncio.to_thread`` copies
the context itself). The originals are put back when the last double leaves.

Each call is given its double once, at its first event (``begin_call``), and keeps it
to the end, so a call in flight when its double leaves still completes. The double is:

1. the double of the call's context, if that double is still active; a context whose
   double has left (a thread that outlived its block) is refused, naming the double;
2. else the double the call's client was made in, while that double is active;
3. else the only active double (a thread started before the block);
4. else none: when doubles are active elsewhere the call is refused, since serving
   one of them would be a guess; when none is active, a client made inside a double
   that has left is refused, naming it (a leaky fixture: the call would reach AWS,
   maybe with the machine's real credentials); any other call is botocore's own.
"""

from __future__ import annotations

import concurrent.futures
import contextvars
import functools
import sys
import threading
import weakref
from collections.abc import Callable
from typing import Any, NamedTuple

from ..errors import ambiguous_double, ended_double
from .serving import Serving

# Where a call keeps what it began with in botocore's request context (the hook's
# ``Call``), and where a client made inside a double notes it (an ``Origin``).
CALL = "s3double.call"
ORIGIN = "s3double.origin"
_CURRENT: contextvars.ContextVar[Serving | None] = contextvars.ContextVar("s3double", default=None)
_ACTIVE: dict[Serving, None] = {}  # in order of entry
_LOCK = threading.RLock()
# Each double's latest entry: the double its context had before, and the double's name.
_ENTRIES: weakref.WeakKeyDictionary[Any, tuple[Serving | None, str]] = weakref.WeakKeyDictionary()
_SAVED: dict[str, Any] = {}  # Thread.start and ThreadPoolExecutor.submit, while wrapped


# -- entering and leaving ---------------------------------------------------------


def enter(
    double: Serving, prepare: Callable[[], None] | None = None,
    first: Callable[[], None] | None = None, then: Callable[[Serving], None] | None = None,
) -> None:
    """Make ``double`` active and this context's; ``prepare()`` runs once it is known
    not to be active, ``first()`` when no other double was, ``then(double)`` last."""
    with _LOCK:
        if double in _ACTIVE:
            raise RuntimeError("this S3Double is already active; use a new one to nest")
        if prepare is not None:
            prepare()
        if not _ACTIVE:
            _wrap_threads()
            if first is not None:
                first()
        _ACTIVE[double] = None
        _ENTRIES[double] = (_CURRENT.get(), _where_entered(double))
        _CURRENT.set(double)
        if then is not None:
            then(double)


def leave(
    double: Serving, last: Callable[[], None] | None = None,
    then: Callable[[Serving], None] | None = None,
) -> None:
    """``double`` is no longer active: ``then(double)`` runs, and ``last()`` when it
    was the last one. This context (if it is the double's) goes back to the nearest
    outer double still active."""
    with _LOCK:
        if double not in _ACTIVE:
            raise RuntimeError("this S3Double is not active")
        del _ACTIVE[double]
        if then is not None:
            then(double)
        if _CURRENT.get() is double:
            _CURRENT.set(_nearest_active(_previous(double)))
        if not _ACTIVE:
            _unwrap_threads()
            if last is not None:
                last()


def _nearest_active(double: Serving | None) -> Serving | None:
    while double is not None and double not in _ACTIVE:
        double = _previous(double)
    return double


def any_active() -> bool:
    return bool(_ACTIVE)


def nothing_applies() -> bool:
    """No double is active and this context never had one: botocore's own business."""
    return not _ACTIVE and _CURRENT.get() is None


def _previous(double: Serving) -> Serving | None:
    entry = _ENTRIES.get(double)
    return entry[0] if entry is not None else None


def describe(double: Serving) -> str:
    """How an error names a double: its class and where it was last entered."""
    entry = _ENTRIES.get(double)
    return entry[1] if entry is not None else _where_entered(double)


def _where_entered(double: Serving) -> str:
    frame = sys._getframe(1)
    package = __name__.rpartition(".wire.")[0]
    while frame is not None and frame.f_globals.get("__name__", "").startswith(package):
        frame = frame.f_back  # type: ignore[assignment]  # None ends the walk
    where = f" entered at {frame.f_code.co_filename}:{frame.f_lineno}" if frame is not None else ""
    return f"<{type(double).__name__} at {id(double):#x}{where}>"


# -- which double serves ------------------------------------------------------------


class Origin(NamedTuple):
    """The double a client was made in: a weak reference, and its name."""

    double: weakref.ref[Any]
    name: str


def current() -> Serving | None:
    """The double serving this context, without refusing: its own double while active,
    else the only active double, else None."""
    double = _CURRENT.get()
    if double is not None and double in _ACTIVE:
        return double
    return next(iter(_ACTIVE)) if len(_ACTIVE) == 1 else None


def choose(origin: Origin | None = None) -> Serving | None:
    """The double for a call beginning now in this context (see the module's rules);
    raises UnservedRequestError where the rules refuse."""
    double = _CURRENT.get()
    if double is not None:
        if double in _ACTIVE:
            return double
        raise ended_double(describe(double))
    made_in = origin.double() if origin is not None else None
    if made_in is not None and made_in in _ACTIVE:
        return made_in  # type: ignore[no-any-return]  # a weak reference to a Serving
    active = list(_ACTIVE)
    if len(active) == 1:
        return active[0]
    if active:
        raise ambiguous_double([describe(each) for each in active])
    if origin is not None:
        raise ended_double(origin.name)
    return None


def origin_here() -> Origin | None:
    """What a client made now in this context records as its origin."""
    double = current()
    return Origin(weakref.ref(double), describe(double)) if double is not None else None


# -- threads ------------------------------------------------------------------------


def _start(thread: threading.Thread) -> None:
    double = _CURRENT.get()
    if double is not None and "run" not in vars(thread):
        run = thread.run

        def run_with_double() -> None:
            _CURRENT.set(double)
            try:
                run()
            finally:
                vars(thread).pop("run", None)

        thread.run = run_with_double  # type: ignore[method-assign]  # this thread only
    _SAVED.get("start", threading.Thread.start)(thread)


def _submit(executor: Any, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Each work item runs with its submitter's double, or with none: a pool's worker
    thread is shared by every context that submits to it."""
    work = functools.partial(_run_with, _CURRENT.get(), fn)
    return _SAVED.get("submit", concurrent.futures.ThreadPoolExecutor.submit)(executor, work, *args, **kwargs)


def _run_with(double: Serving | None, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    token = _CURRENT.set(double)
    try:
        return fn(*args, **kwargs)
    finally:
        _CURRENT.reset(token)


def _wrap_threads() -> None:
    _SAVED["start"] = threading.Thread.start
    _SAVED["submit"] = concurrent.futures.ThreadPoolExecutor.submit
    threading.Thread.start = _start  # type: ignore[method-assign,assignment]  # put back by _unwrap_threads
    concurrent.futures.ThreadPoolExecutor.submit = _submit  # type: ignore[method-assign]


def _unwrap_threads() -> None:
    threading.Thread.start = _SAVED["start"]  # type: ignore[method-assign]  # as it was
    concurrent.futures.ThreadPoolExecutor.submit = _SAVED["submit"]  # type: ignore[method-assign]
