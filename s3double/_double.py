"""S3Double: one object that is a context manager, a decorator (sync, async, classes)
and the handle on the in-memory state.

Nested doubles stack: the innermost active one serves requests; leaving it hands
back to the one outside. Every activation starts from an empty store.
"""

from __future__ import annotations

import functools
import gc
import inspect
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, overload

from ._generators import decorate_async_generator, decorate_generator
from .errors import ErrorCode as _ErrorCode
from .errors import InternalDoubleError as _InternalDoubleError
from .errors import Message
from .errors import S3Error as _S3Error
from .errors import UnservedRequestError as _UnservedRequestError
from .wire import hook

if TYPE_CHECKING:
    from .recording import RecordMode

T = TypeVar("T")


class _ModuleNames:
    """The module's public names, answered by every double (see ``S3Double``)."""

    S3Double: ClassVar[type[Any]]  # set below, once the class exists
    ErrorCode: ClassVar[type[_ErrorCode]] = _ErrorCode
    S3Error: ClassVar[type[_S3Error]] = _S3Error
    UnservedRequestError: ClassVar[type[_UnservedRequestError]] = _UnservedRequestError
    InternalDoubleError: ClassVar[type[_InternalDoubleError]] = _InternalDoubleError

    @staticmethod
    def mock_s3(*target: Any, **options: Any) -> Any:
        """The module's ``mock_s3``: a new double, nested inside this one while it is active."""
        return mock_s3(*target, **options)

    @staticmethod
    def mock_aws(*target: Any, **options: Any) -> Any:
        """The module's ``mock_aws``."""
        return mock_aws(*target, **options)


class S3Double(_ModuleNames):
    """An in-process Amazon S3 for every botocore client, while active.

    ``store`` is the model (seed it with ``store.create_bucket(...)`` and
    ``bucket.put(...)``; inspect it freely); ``clock`` is the time S3 sees;
    ``account_id`` owns the buckets created through the API and is the account STS
    GetCallerIdentity answers. Other services' calls fail loudly, unless
    ``passthrough`` names them (botocore service ids such as ``"dynamodb"``): those
    reach AWS, with the machine's real credentials. ``faults`` injects S3 errors
    (seeded by ``fault_seed``); ``calls`` records every S3 request served: ``record``
    is ``"lean"`` (no request headers but those named in ``record_headers``),
    ``"full"`` or ``"off"``, and ``record_limit`` keeps only the newest calls.

    A double also answers the module's public names (``mock_s3``, ``mock_aws``,
    ``S3Double``, the errors): the pytest fixture is called ``s3double`` like the
    module, so inside a test that takes it, ``s3double.mock_s3()`` still makes a
    nested double and ``s3double.UnservedRequestError`` is still the error.
    """

    def __init__(
        self,
        *,
        account_id: str | None = None,
        version_id_seed: int | None = None,
        passthrough: Iterable[str] = (),
        fault_seed: int | None = None,
        record: RecordMode = "lean",
        record_limit: int | None = None,
        record_headers: Iterable[str] = (),
        raise_internal_errors: bool = True,
    ) -> None:
        # The model, faults and record load with the first double, not with the package.
        from .faults import FaultPlan
        from .model.clock import ControlledClock
        from .model.store import DEFAULT_ACCOUNT_ID, Store
        from .recording import CallLog

        self.clock = ControlledClock()
        self.store = Store(
            account_id=account_id if account_id is not None else DEFAULT_ACCOUNT_ID,
            clock=self.clock,
            version_id_seed=version_id_seed,
        )
        self.passthrough = frozenset(passthrough)
        self._fault_seed = fault_seed
        self._entered = False
        self.faults = FaultPlan(fault_seed)
        self.calls = CallLog(record, limit=record_limit, headers=record_headers)
        self.raise_internal_errors = raise_internal_errors
        self.internal_errors: list[BaseException] = []  # s3double's own failures, this entry
        if "s3" in self.passthrough:
            raise ValueError("S3 cannot pass through an S3 double")

    def seed_objects(
        self, bucket: str, keys: Iterable[str], body: bytes = b""
    ) -> list[str | None]:
        """Put ``body`` under each of ``keys`` in the bucket named ``bucket``, straight
        into the model, as many PutObject calls would (a new version on a versioned
        bucket; a million keys in about a second). The objects share one ETag and one
        Last-Modified. Returns each version id, in order: None where the bucket is
        unversioned (PutObject then sends none), ``"null"`` where it is Suspended."""
        from .model.bucket import VersioningState

        target = self.store.bucket(bucket)
        if target is None:
            raise LookupError(f"no bucket named {bucket!r}: create it first with store.create_bucket")
        collecting = gc.isenabled()
        gc.disable()  # nothing seeded is cyclic: collections while making millions only cost
        try:
            with self.store.lock:
                version_ids = target.put_many(keys, body)
        finally:
            if collecting:
                gc.enable()
        if target.versioning is VersioningState.UNVERSIONED:
            return [None] * len(version_ids)
        return list(version_ids)

    def add_mfa_device(self, serial: str, code: str) -> None:
        """Make the MFA token ``f"{serial} {code}"`` valid (by default none is)."""
        self.store.mfa.add(serial, code)

    def accept_mfa(self, predicate: Callable[[str, str], bool]) -> None:
        """Also accept every token whose (serial, code) satisfies ``predicate``."""
        self.store.mfa.accept(predicate)

    @property
    def account_id(self) -> str:
        return self.store.account_id

    @account_id.setter
    def account_id(self, value: str) -> None:
        self.store.account_id = value

    # -- activation ---------------------------------------------------------

    def start(self) -> S3Double:
        """Activate, fresh (``stop`` undoes it): an empty store and call record and, on
        every entry after the first, the constructor's options only: no fault rules
        (their draws seeded anew), the clock following the system, no MFA devices. What
        is set on a double before its first entry is kept for that entry."""
        hook.activate(self, prepare=self._fresh)
        return self

    def _fresh(self) -> None:
        self.store.reset()
        self.calls.clear()
        self.internal_errors.clear()
        if self._entered:
            self.faults.clear()
            self.faults.seed(self._fault_seed)
            self.clock.follow_system()
            self.store.mfa.clear()
        self._entered = True

    def stop(self) -> None:
        hook.deactivate(self)

    def note_internal_error(self, error: BaseException) -> None:
        """A failure of s3double's own while serving: the request was answered 500
        InternalError and undone; ``check_internal_errors`` reports it at the exit."""
        self.internal_errors.append(error)

    def check_internal_errors(self) -> None:
        """Fail with the first of s3double's own failures in this entry, chained, unless
        ``raise_internal_errors=False`` (then they stay in ``internal_errors``)."""
        if self.internal_errors and self.raise_internal_errors:
            first = self.internal_errors[0]
            raise _InternalDoubleError(
                Message.INTERNAL_DOUBLE_ERROR.format(
                    count=len(self.internal_errors), first=f"{type(first).__name__}: {first}"
                )
            ) from first

    @property
    def active(self) -> bool:
        return hook.active() is self

    def __enter__(self) -> S3Double:
        return self.start()

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.stop()
        if exc_type is None:
            self.check_internal_errors()

    async def __aenter__(self) -> S3Double:
        return self.start()

    async def __aexit__(self, exc_type: object, *_: object) -> None:
        self.stop()
        if exc_type is None:
            self.check_internal_errors()

    # -- decorator ----------------------------------------------------------

    def __call__(self, target: T) -> T:
        decorated: Any
        if isinstance(target, type):
            decorated = self._decorate_class(target)
        elif inspect.isasyncgenfunction(target):
            decorated = decorate_async_generator(self, target)
        elif inspect.isgeneratorfunction(target):
            decorated = decorate_generator(self, target)
        elif inspect.iscoroutinefunction(target):
            decorated = self._decorate_coroutine(target)
        elif callable(target):
            decorated = self._decorate_function(target)
        else:
            raise TypeError(
                "S3Double decorates functions, coroutine functions, generator functions and classes"
            )
        return decorated  # type: ignore[no-any-return]  # each branch wraps target keeping its type T

    def _decorate_function(self, function: Any) -> Any:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self:
                return function(*args, **kwargs)

        return wrapper

    def _decorate_coroutine(self, function: Any) -> Any:
        @functools.wraps(function)
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            async with self:
                return await function(*args, **kwargs)

        return wrapper

    def _decorate_class(self, cls: type) -> type:
        """A TestCase runs setUp, the test and tearDown inside a fresh activation;
        any other class has each ``test*`` method decorated."""
        unittest = sys.modules.get("unittest")  # a TestCase means unittest is loaded
        if unittest is not None and issubclass(cls, unittest.TestCase):
            original_run = getattr(cls, "run")  # noqa: B009 - cls is a plain `type` to mypy

            @functools.wraps(original_run)
            def run(case: Any, result: Any = None) -> Any:
                with self:
                    return original_run(case, result)

            setattr(cls, "run", run)  # noqa: B010 - cls is a plain `type` to mypy
            return cls
        for name, value in list(vars(cls).items()):
            if name.startswith("test") and callable(value):
                setattr(cls, name, self(value))
        return cls


_ModuleNames.S3Double = S3Double


@overload
def mock_s3(target: T, /) -> T: ...
@overload
def mock_s3(**options: Any) -> S3Double: ...
def mock_s3(target: Any = None, /, **options: Any) -> Any:
    """A new ``S3Double``: ``with mock_s3() as s3: ...`` or ``@mock_s3()``; bare
    ``@mock_s3`` decorates with a double of default options, as moto's decorators do."""
    if target is None:
        return S3Double(**options)
    if options:
        raise TypeError("mock_s3 takes options, or the function or class to decorate, not both")
    return S3Double()(target)


@overload
def mock_aws(target: T, /) -> T: ...
@overload
def mock_aws(**options: Any) -> S3Double: ...
def mock_aws(target: Any = None, /, **options: Any) -> Any:
    """moto's name for ``mock_s3``: ``with mock_aws():``, ``@mock_aws`` or ``@mock_aws()``
    on a function, coroutine function or class. Serves S3 and STS GetCallerIdentity;
    every other service is refused with ``UnservedRequestError`` naming the call."""
    return mock_s3(target, **options) if target is not None else S3Double(**options)
