"""A double around a generator function's body, for every step of the generator.

Calling a generator function runs none of its body, so ``with double: return
function()`` would leave the block before the first step. These wrappers enter the
double when the generator first runs and leave it when the generator finishes, is
closed or raises, passing every value sent in and every exception thrown in through
to the wrapped generator. Between steps the double stays this context's, as a pytest
fixture written as a generator needs.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncGenerator, Callable, Generator
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import Any


def decorate_generator(
    double: AbstractContextManager[Any], function: Callable[..., Generator[Any, Any, Any]]
) -> Callable[..., Generator[Any, Any, Any]]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Generator[Any, Any, Any]:
        with double:
            return (yield from function(*args, **kwargs))

    return wrapper


def decorate_async_generator(
    double: AbstractAsyncContextManager[Any], function: Callable[..., AsyncGenerator[Any, Any]]
) -> Callable[..., AsyncGenerator[Any, Any]]:
    @functools.wraps(function)
    async def wrapper(*args: Any, **kwargs: Any) -> AsyncGenerator[Any, Any]:
        async with double:
            generator = function(*args, **kwargs)
            try:
                item = await generator.__anext__()
                while True:
                    try:
                        sent = yield item
                    except GeneratorExit:
                        await generator.aclose()
                        raise
                    except BaseException as thrown:
                        item = await generator.athrow(thrown)
                    else:
                        item = await generator.asend(sent)
            except StopAsyncIteration:
                return

    return wrapper
